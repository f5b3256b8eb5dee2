#!/usr/bin/env python3
"""Makes the photos of the report fixture 2027-03-15-1800-radrum-motesplatser-for-alla.json:
two small real pictures, stored the way the host stores a photo, under the SHA-256 of their
bytes, in the session's photo folder (fixtures/<session>-photos/). Prints each file's name and
size (the session file names them in ideas[].photo).

  - a PNG (written here with zlib): a notice board with coloured notes, 120 x 80;
  - a JPEG (cjpeg, from libjpeg-turbo-progs, given a PPM made here): a table with cups, 96 x 64.

The bytes are the same on every run (no time or random value goes in), so the names stay.
    python3 tests/report/make-photos.py
"""
import hashlib
import os
import struct
import subprocess
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(HERE, 'fixtures', '2027-03-15-1800-radrum-motesplatser-for-alla-photos')


def board(w, h):
    """A cork board in a wooden frame with four notes."""
    px = [[(196, 154, 108)] * w for _ in range(h)]
    for y in range(h):
        for x in range(w):
            if x < 5 or y < 5 or x >= w - 5 or y >= h - 5:
                px[y][x] = (110, 72, 40)
    notes = [((12, 12, 40, 32), (250, 230, 120)), ((58, 10, 38, 28), (150, 210, 240)),
             ((20, 44, 36, 26), (240, 160, 170)), ((66, 44, 40, 26), (170, 230, 160))]
    for (x0, y0, nw, nh), col in notes:
        for y in range(y0, y0 + nh):
            for x in range(x0, x0 + nw):
                px[y][x] = col
        for line in range(y0 + 6, y0 + nh - 4, 5):   # lines of writing
            for x in range(x0 + 4, x0 + nw - 6):
                px[line][x] = (60, 60, 70)
        px[y0 + 2][x0 + nw // 2] = (200, 30, 30)      # a pin
    return px


def cups(w, h):
    """A table seen from above: a wooden top, two cups, a sheet of paper."""
    px = [[(150, 100, 60) if (x // 6 + y // 24) % 2 else (160, 110, 68) for x in range(w)] for y in range(h)]
    for cx, cy in ((24, 22), (70, 40)):
        for y in range(h):
            for x in range(w):
                d = (x - cx) ** 2 + (y - cy) ** 2
                if d < 81:
                    px[y][x] = (240, 240, 235) if d > 36 else (90, 50, 30)
    for y in range(36, 58):
        for x in range(14, 44):
            px[y][x] = (250, 250, 250)
    return px


def png(px):
    h, w = len(px), len(px[0])
    raw = b''.join(b'\0' + bytes(c for p in row for c in p) for row in px)

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def jpeg(px):
    h, w = len(px), len(px[0])
    ppm = b'P6\n%d %d\n255\n' % (w, h) + b''.join(bytes(c for p in row for c in p) for row in px)
    return subprocess.run(['cjpeg', '-quality', '80', '-optimize'], input=ppm, capture_output=True, check=True).stdout


def store(data, ext):
    name = hashlib.sha256(data).hexdigest() + '.' + ext
    with open(os.path.join(DIR, name), 'wb') as f:
        f.write(data)
    print(name, len(data))


os.makedirs(DIR, exist_ok=True)
store(png(board(120, 80)), 'png')
store(jpeg(cups(96, 64)), 'jpg')
