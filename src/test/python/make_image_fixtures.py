#!/usr/bin/env python3
"""Writes the PIL resize fixtures for the org.csrafiji.image tests.

Each case is a small image made here from a fixed seed, resized with Pillow's
Image.resize(..., Image.BILINEAR) exactly as the official CSRA preprocessing does
(RGB or L in uint8, F in float32). Inputs and outputs are stored as gzipped raw
little-endian arrays, row-major, channels interleaved (RGB), so that the Java tests
read them without any image codec:

    src/test/resources/image/<name>.in.bin.gz    the source pixels
    src/test/resources/image/<name>.out.bin.gz   what Pillow's resize returned
    src/test/resources/image/manifest.txt        one line a case: name mode srcW srcH dstW dstH

Run from the repository root:  python3 src/test/python/make_image_fixtures.py
CI does not run this; the outputs are committed.
"""

import gzip
import os

import numpy as np
import PIL
from PIL import Image

OUT = os.path.join("src", "test", "resources", "image")

# name, mode, source (w, h), destination (w, h)
CASES = [
    ("rgb_down", "RGB", (97, 61), (48, 48)),
    ("rgb_up", "RGB", (97, 61), (131, 113)),
    ("rgb_vertical_only", "RGB", (97, 61), (97, 40)),
    ("gray_down", "L", (240, 160), (48, 48)),
    ("gray_mixed", "L", (240, 160), (170, 250)),
    ("gray_big_factor", "L", (384, 288), (30, 24)),
    ("float_down", "F", (123, 77), (48, 48)),
    ("float_up", "F", (123, 77), (160, 110)),
]


def smooth_noise(rng, h, w, bands):
    """Low-frequency structure plus pixel noise, in [0, 1]: compresses a little, has
    edges and gradients everywhere so that rounding differences would show."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    out = np.empty((h, w, bands))
    for b in range(bands):
        fx, fy, phase = rng.uniform(0.02, 0.3), rng.uniform(0.02, 0.3), rng.uniform(0, 6.3)
        wave = 0.5 + 0.35 * np.sin(fx * xx + phase) * np.cos(fy * yy - phase)
        out[..., b] = wave + rng.normal(0, 0.12, (h, w))
    return np.clip(out, 0, 1)


def make_source(rng, mode, w, h):
    if mode == "RGB":
        data = np.round(smooth_noise(rng, h, w, 3) * 255).astype(np.uint8)
        return Image.fromarray(data, "RGB"), data
    if mode == "L":
        data = np.round(smooth_noise(rng, h, w, 1)[..., 0] * 255).astype(np.uint8)
        return Image.fromarray(data, "L"), data
    data = smooth_noise(rng, h, w, 1)[..., 0].astype("<f4")
    return Image.fromarray(data, "F"), data


def write(name, array):
    # mtime=0 keeps the files byte-identical from one run to the next
    with open(os.path.join(OUT, name), "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
            f.write(np.ascontiguousarray(array).tobytes())


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20260214)
    lines = ["# name mode srcW srcH dstW dstH  (Pillow %s, BILINEAR)" % PIL.__version__]
    for name, mode, (sw, sh), (dw, dh) in CASES:
        image, data = make_source(rng, mode, sw, sh)
        resized = np.asarray(image.resize((dw, dh), Image.BILINEAR))
        if mode == "F":
            resized = resized.astype("<f4")
        write(name + ".in.bin.gz", data)
        write(name + ".out.bin.gz", resized)
        lines.append("%s %s %d %d %d %d" % (name, mode, sw, sh, dw, dh))
    with open(os.path.join(OUT, "manifest.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
