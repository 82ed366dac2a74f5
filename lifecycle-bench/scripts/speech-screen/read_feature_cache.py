#!/usr/bin/python3
"""Reads lifecycle-speech's FeatureCache file (DataOutputStream: sets of named feature vectors)."""
import struct, numpy as np, sys
def read(path):
    b = open(path,'rb').read(); o = 0
    def i32():
        nonlocal o; v = struct.unpack_from('>i', b, o)[0]; o += 4; return v
    def utf():
        nonlocal o; n = struct.unpack_from('>H', b, o)[0]; o += 2; s = b[o:o+n].decode('utf-8','replace'); o += n; return s
    sets = []
    for s in range(i32()):
        name = utf(); size = i32(); d = i32(); names = [utf() for _ in range(d)]
        ids=[];ys=[];gs=[];tags=[];X=np.empty((size,d))
        for i in range(size):
            ids.append(utf()); ys.append(utf()); gs.append(utf()); tags.append([utf() for _ in range(i32())])
            X[i] = np.frombuffer(b, '>f8', d, o); o += 8*d
        sets.append(dict(name=name,names=names,ids=ids,y=np.array(ys),g=np.array(gs),tags=tags,X=X))
    return sets
if __name__ == '__main__':
    for d in read(sys.argv[1]): print(d['name'], d['X'].shape, sorted(set(d['g'])))
