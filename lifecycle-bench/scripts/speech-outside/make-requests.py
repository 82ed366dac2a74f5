"""WAV request bodies an app (or a broken app) might send, for posting to `ciclo serve`.

python3 make-requests.py DIGIT_WAV OUT_DIR   (DIGIT_WAV: an 8 kHz mono 16-bit clip)
The README beside this file adds three made by sox (mu-law, A-law, written to a pipe).
"""
import struct, sys, os
import numpy as np
from scipy.io import wavfile
from scipy.signal import resample_poly

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rate, x = wavfile.read(src)
x = x.astype(np.float64) / 32768.0

def fmt_chunk(tag, ch, rate, bits, ext=False, valid=None):
    block = ch * bits // 8
    if not ext:
        return b'fmt ' + struct.pack('<IHHIIHH', 16, tag, ch, rate, rate * block, block, bits)
    sub = struct.pack('<H', tag) + b'\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71'
    body = struct.pack('<HHIIHHHHI', 0xFFFE, ch, rate, rate * block, block, bits, 22,
                       valid or bits, 0) + sub
    return b'fmt ' + struct.pack('<I', len(body)) + body

def wav(data, tag=1, ch=1, rate=8000, bits=16, ext=False, extra=b'', data_size=None,
        riff_size=None, valid=None):
    f = fmt_chunk(tag, ch, rate, bits, ext, valid)
    ds = len(data) if data_size is None else data_size
    d = b'data' + struct.pack('<I', ds) + data + (b'\x00' if len(data) % 2 else b'')
    body = b'WAVE' + f + extra + d
    rs = len(body) if riff_size is None else riff_size
    return b'RIFF' + struct.pack('<I', rs) + body

def pcm16(y):
    return (np.clip(np.round(y * 32768), -32768, 32767).astype('<i2')).tobytes()

def at(rate_to):
    from math import gcd
    g = gcd(rate_to, 8000)
    return resample_poly(x, rate_to // g, 8000 // g)

def put(name, b):
    open(os.path.join(out, name), 'wb').write(b)

put('ok-8k-16bit.wav', wav(pcm16(x)))
for r in (11025, 16000, 22050, 44100, 48000, 96000, 192000):
    put('rate-%d.wav' % r, wav(pcm16(at(r)), rate=r))
y = at(44100)
put('stereo-44k.wav', wav(pcm16(np.repeat(y, 2) * 1.0), ch=2, rate=44100))
st = np.empty(2 * len(y)); st[0::2] = y; st[1::2] = -y
put('stereo-44k-opposite-phase.wav', wav(pcm16(st), ch=2, rate=44100))
st = np.zeros(2 * len(y)); st[0::2] = y
put('stereo-44k-left-only.wav', wav(pcm16(st), ch=2, rate=44100))
put('6-channels-48k.wav', wav(pcm16(np.repeat(at(48000), 6)), ch=6, rate=48000))
put('zero-samples.wav', wav(b''))
put('zero-samples-44k-stereo.wav', wav(b'', ch=2, rate=44100))
put('one-sample.wav', wav(pcm16(x[:1])))
full = wav(pcm16(x))
put('truncated-12-bytes.wav', full[:12])
put('truncated-30-bytes.wav', full[:30])
put('truncated-header-43-bytes.wav', full[:43])
put('truncated-data.wav', full[:len(full) // 2])
put('truncated-odd-byte.wav', full[:101])
q = np.clip(np.round(x * 2**23), -2**23, 2**23 - 1).astype('<i4')
b24 = b''.join(int(v).to_bytes(3, 'little', signed=True) for v in q)
put('pcm24.wav', wav(b24, bits=24))
put('pcm24-extensible.wav', wav(b24, bits=24, ext=True))
put('pcm8-unsigned.wav', wav((np.clip(np.round(x * 128) + 128, 0, 255)).astype('u1').tobytes(), bits=8))
put('pcm32.wav', wav((np.clip(np.round(x * 2**31), -2**31, 2**31 - 1)).astype('<i4').tobytes(), bits=32))
put('float32.wav', wav(x.astype('<f4').tobytes(), tag=3, bits=32))
put('float64.wav', wav(x.astype('<f8').tobytes(), tag=3, bits=64))
put('float32-extensible-16k.wav', wav(at(16000).astype('<f4').tobytes(), tag=3, bits=32, rate=16000, ext=True))
xx = x.astype('<f4').copy(); xx[100] = 1.5
put('float32-over-full-scale.wav', wav(xx.tobytes(), tag=3, bits=32))
xx[100] = np.nan
put('float32-nan.wav', wav(xx.tobytes(), tag=3, bits=32))
put('huge-declared-data-length.wav', wav(pcm16(x), data_size=0xFFFFFFFF))
put('huge-declared-riff-length.wav', wav(pcm16(x), riff_size=0xFFFFFFFF))
put('declared-data-length-0-streaming.wav', wav(pcm16(x), data_size=0, riff_size=0))
put('declared-data-length-too-long.wav', wav(pcm16(x), data_size=len(pcm16(x)) + 1000))
put('list-chunk-before-data.wav', wav(pcm16(x), extra=b'LIST' + struct.pack('<I', 5) + b'INFOa\x00'))
# G.711 mu-law and A-law (telephony), with Python's audioop (3.11; deprecated, gone in 3.13)
import warnings
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    import audioop
put('mulaw-8k.wav', wav(audioop.lin2ulaw(pcm16(x), 2), tag=7, bits=8))
put('alaw-8k.wav', wav(audioop.lin2alaw(pcm16(x), 2), tag=6, bits=8))
put('ima-adpcm.wav', wav(b'\x00' * 512, tag=0x11, bits=4))
put('rate-0.wav', wav(pcm16(x), rate=0))
put('channels-0.wav', wav(pcm16(x), ch=0))
put('bits-12.wav', wav(pcm16(x), bits=12))
put('rate-4000.wav', wav(pcm16(x[::2]), rate=4000))
put('rate-1000.wav', wav(pcm16(x[::8]), rate=1000))
put('rate-384000.wav', wav(pcm16(resample_poly(x, 48, 1)), rate=384000))
put('eleven-seconds.wav', wav(pcm16(np.tile(x, int(11 * 8000 / len(x)) + 1)[:88000])))
put('ten-seconds.wav', wav(pcm16(np.tile(x, int(10 * 8000 / len(x)) + 1)[:80000])))
put('four-minutes-8k.wav', wav(pcm16(np.zeros(8000 * 240))))
put('thirty-seconds-44k-stereo-5MB.wav', wav(pcm16(np.zeros(44100 * 30 * 2)), ch=2, rate=44100))
put('not-a-wav.txt', b'hello, this is not audio\n')
put('empty-body.bin', b'')
put('rifx-big-endian.wav', b'RIFX' + full[4:])
put('rf64.wav', b'RF64' + full[4:])
