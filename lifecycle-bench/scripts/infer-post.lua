-- wrk script: POST one Open Inference Protocol v2 row to the server under test.
wrk.method = "POST"
wrk.body = '{"inputs":[{"name":"x","shape":[1,4],"datatype":"FP64","data":[0.1,4.2,3.9,4.1]}]}'
wrk.headers["Content-Type"] = "application/json"
