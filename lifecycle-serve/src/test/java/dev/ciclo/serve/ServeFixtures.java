package dev.ciclo.serve;

import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.ModelMetadata;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.core.testing.BlobModels;
import dev.ciclo.core.tribuo.TribuoClassifierModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Small Tribuo models on seeded Gaussian blobs and a tiny HTTP helper, for server tests. */
public final class ServeFixtures {
  private ServeFixtures() {}

  /** The four feature names of the blobs. */
  public static final List<String> NAMES = BlobModels.NAMES;

  /**
   * A logistic regression on blobs, reporting the given version.
   *
   * @param version the version in its metadata
   * @param seed the training seed
   * @return the model
   */
  public static TribuoClassifierModel<FeatureVector> model(String version, long seed) {
    return BlobModels.model(version, seed);
  }

  /**
   * Some inputs.
   *
   * @param n how many
   * @param seed the seed
   * @return the inputs
   */
  public static List<FeatureVector> inputs(int n, long seed) {
    return BlobModels.inputs(n, seed);
  }

  /**
   * The model, sleeping {@code millis} before each prediction after its first {@code quick}
   * ones (the server's warm-up): time spent, not CPU.
   *
   * @param model the model
   * @param millis the sleep per prediction
   * @param quick predictions answered without sleeping
   * @return the slow model
   */
  public static Predictor<FeatureVector, String> slow(Predictor<FeatureVector, String> model,
      long millis, int quick) {
    AtomicInteger calls = new AtomicInteger();
    return new Predictor<>() {
      @Override
      public Prediction<String> predict(FeatureVector x) {
        if (calls.incrementAndGet() > quick) {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return model.predict(x);
      }

      @Override
      public ModelMetadata metadata() {
        return model.metadata();
      }
    };
  }

  /** An HTTP answer. */
  public record Answer(int status, String body) {}

  /**
   * Sends one request.
   *
   * @param client the client
   * @param method GET or POST
   * @param uri the URI
   * @param body the body (POST), or null
   * @param headers name, value, name, value, ...
   * @return the answer
   * @throws IOException if the request fails
   * @throws InterruptedException if interrupted
   */
  public static Answer send(HttpClient client, String method, URI uri, String body,
      String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      r.header(headers[i], headers[i + 1]);
    }
    r.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> a = client.send(r.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(a.statusCode(), a.body());
  }

  /**
   * A v2 infer body with one FP64 row.
   *
   * @param v the row
   * @return the JSON
   */
  public static String inferBody(FeatureVector v) {
    StringBuilder sb = new StringBuilder("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,")
        .append(v.size()).append("],\"datatype\":\"FP64\",\"data\":[");
    for (int i = 0; i < v.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(v.get(i));
    }
    return sb.append("]}]}").toString();
  }

  /**
   * The value of a Prometheus sample, whatever the label order; NaN if there is none.
   *
   * @param text the Prometheus text
   * @param name the sample name, such as {@code ciclo_http_requests_total}
   * @param labels label name, value, name, value, ... that the sample must carry
   * @return the value
   */
  public static double metric(String text, String name, String... labels) {
    double found = Double.NaN;
    for (String line : text.split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < labels.length; i += 2) {
        all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
      }
      if (all) {
        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = Double.isNaN(found) ? v : found + v;
      }
    }
    return found;
  }
}
