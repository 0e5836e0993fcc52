#!/usr/bin/env python3
"""Writes the checkpoint fixtures the Java tests of org.csrafiji.checkpoint read.

Every file is written by real PyTorch (torch.save) or by the safetensors package, and
expected.json records, for every tensor the Java reader must return, its dtype, shape and
values: float tensors as the bit patterns of their exact float32 conversion, integer and
bool tensors as integers. CI has no Python: the outputs are committed under
src/test/resources/checkpoint/ and the tests only read them.

Usage (from the repository root):
    python3 src/test/python/make_checkpoint_fixtures.py
        regenerates the fixtures (deterministic values; zip ids differ run to run)
    python3 src/test/python/make_checkpoint_fixtures.py --verify-java-written FILE
        checks that torch.load(FILE, weights_only=True) reads a checkpoint written by
        TorchCheckpointWriter in TorchCheckpointWriterTest (the test leaves it at
        target/checkpoint-writer/written-by-java.pth) and that its values are the ones the
        test wrote. Run it by hand after `mvn test`; CI cannot.
    python3 src/test/python/make_checkpoint_fixtures.py --resnet101-sized /tmp/r101.pth
        writes a full-size checkpoint for timing the reader by hand:
        mvn -q test -Dtest=LargeCheckpointTiming -Dcsra.timing.checkpoint=/tmp/r101.pth
"""

import argparse
import collections
import io
import json
import os
import struct
import sys
import zipfile
from pathlib import Path

import torch
from torch import nn

OUT = Path(__file__).resolve().parents[1] / "resources" / "checkpoint"
MARKER = "/tmp/csra-pwned-marker"

DTYPE_NAMES = {
    torch.float32: "FLOAT32",
    torch.float16: "FLOAT16",
    torch.bfloat16: "BFLOAT16",
    torch.float64: "FLOAT64",
    torch.int64: "INT64",
    torch.int32: "INT32",
    torch.int16: "INT16",
    torch.int8: "INT8",
    torch.uint8: "UINT8",
    torch.bool: "BOOL",
}


def describe(t):
    """Expected record for one tensor: dtype, shape, and exact values."""
    entry = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape)}
    flat = t.detach().contiguous().reshape(-1)
    if t.dtype.is_floating_point:
        as_f32 = flat.to(torch.float32)
        entry["f32bits"] = as_f32.view(torch.int32).tolist()
    else:
        entry["longs"] = [int(v) for v in flat.to(torch.int64).tolist()]
    return entry


def describe_dict(state):
    return {"keys": list(state.keys()),
            "tensors": {k: describe(v) for k, v in state.items()}}


# ---------------------------------------------------------------- small models


class Head(nn.Module):
    def __init__(self, width, classes):
        super().__init__()
        self.head = nn.Conv2d(width, classes, 1, bias=False)


class MultiHead(nn.Module):
    def __init__(self, heads, width, classes):
        super().__init__()
        self.multi_head = nn.ModuleList([Head(width, classes) for _ in range(heads)])


class TinyBackbone(nn.Module):
    """torchvision ResNet names, tiny sizes: conv1, bn1, layer1.0.{conv1,bn1,downsample}."""

    def __init__(self, width):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(4)
        block = nn.Module()
        block.conv1 = nn.Conv2d(4, width, 1, bias=False)
        block.bn1 = nn.BatchNorm2d(width)
        block.downsample = nn.Sequential(nn.Conv2d(4, width, 1, bias=False), nn.BatchNorm2d(width))
        self.layer1 = nn.Sequential(block)


class TinyCsra(TinyBackbone):
    def __init__(self, heads, width, classes):
        super().__init__(width)
        self.classifier = MultiHead(heads, width, classes)


class TinyTorchvision(TinyBackbone):
    def __init__(self, width, classes):
        super().__init__(width)
        self.fc = nn.Linear(width, classes)


def randomise(model):
    """Gives BatchNorm statistics and the batch counter non-trivial values."""
    with torch.no_grad():
        for name, buf in model.named_buffers():
            if name.endswith("num_batches_tracked"):
                buf.fill_(17)
            else:
                buf.copy_(torch.rand_like(buf) + 0.5)
    return model


# ---------------------------------------------------------------- fixtures


def dtype_fixture():
    """Every dtype, views, strides, offsets and shared storages, in one OrderedDict."""
    g = torch.Generator().manual_seed(7)
    sd = collections.OrderedDict()
    sd["f32"] = torch.randn(2, 3, generator=g)
    sd["f16"] = torch.tensor([0.0, -0.0, 1.0, -2.5, 65504.0, 6.0e-8, 1.0e-5, float("inf"),
                              float("-inf"), float("nan"), 0.1, 3.14159], dtype=torch.float16)
    sd["bf16"] = torch.tensor([0.0, -0.0, 1.0, -2.5, 3.0e38, 1.0e-39, float("inf"),
                               float("nan"), 0.1, 3.14159], dtype=torch.bfloat16)
    sd["f64"] = torch.tensor([1.0, 0.1, -1e300, 1e-300, 2.0 ** -149, 16777217.0], dtype=torch.float64)
    sd["i64"] = torch.tensor([0, -1, 2 ** 53 + 1, -(2 ** 63), 2 ** 63 - 1, 42], dtype=torch.int64)
    sd["i32"] = torch.tensor([[-(2 ** 31), 2 ** 31 - 1], [5, -6]], dtype=torch.int32)
    sd["i16"] = torch.tensor([-32768, 32767, 1], dtype=torch.int16)
    sd["i8"] = torch.tensor([-128, 127, 0], dtype=torch.int8)
    sd["u8"] = torch.tensor([0, 255, 128], dtype=torch.uint8)
    sd["bool"] = torch.tensor([True, False, True])
    sd["scalar"] = torch.tensor(2.5)
    sd["empty"] = torch.zeros(0, 3)
    # a transposed view saved as it is: non-contiguous strides on the storage of "base"
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4) * 0.5
    sd["base"] = base
    sd["base_t"] = base.t()
    # every second column: stride 2 in the last dimension, offset 1
    sd["cols"] = base[:, 1::2]
    # two tensors on one storage (the storage itself is not saved as a tensor)
    pool = torch.randn(20, generator=g)
    sd["shared_a"] = pool[2:6]
    sd["shared_b"] = pool[8:14].view(2, 3)
    # a tensor with a storage offset, alone on its storage
    sd["offset"] = torch.arange(10, dtype=torch.int64)[3:7]
    sd["half_t"] = torch.randn(2, 3, generator=g).to(torch.float16).t()
    sd["param"] = nn.Parameter(torch.randn(3, generator=g))
    assert not sd["base_t"].is_contiguous() and sd["shared_b"].storage_offset() == 8
    return sd


def official_model():
    torch.manual_seed(1)
    return randomise(TinyCsra(heads=4, width=8, classes=5))


def mmpretrain_checkpoint():
    torch.manual_seed(2)
    model = randomise(TinyCsra(heads=2, width=8, classes=6))
    sd = collections.OrderedDict()
    for k, v in model.state_dict().items():
        if k.startswith("classifier.multi_head."):
            sd["head.csra_heads." + k[len("classifier.multi_head."):]] = v
        else:
            sd["backbone." + k] = v
    meta = {
        "epoch": 20, "iter": 5000, "seed": 0, "exp_name": "resnet101-csra_1xb16_voc07-448px.py",
        "mmcls_version": "0.23.1", "CLASSES": ["aeroplane", "bicycle", "bird", "boat", "bottle", "bus"],
        "env_info": "sys.platform: linux\nPython: 3.8", "config": "model = dict(type='ImageClassifier')",
        "hook_msgs": {"best_score": 94.98, "last_ckpt": None, "flags": (True, False)},
        "raw": b"\x00\x01bytes", "lr": [0.01, 0.1], "big": 2 ** 70, "neg": -(2 ** 40),
    }
    return {"meta": meta, "state_dict": sd}, sd


def numpy_meta_checkpoint():
    """mmcv/mmcls training scripts put numpy values in "meta" (a seed from
    np.random.randint is a numpy.int64; some hooks store arrays): the reader must skip them
    without executing anything, and still refuse real code (the evil fixtures)."""
    import numpy as np
    torch.manual_seed(6)
    model = randomise(TinyCsra(heads=1, width=8, classes=3))
    sd = collections.OrderedDict(("backbone." + k if not k.startswith("classifier.") else
                                  "head.csra_heads." + k[len("classifier.multi_head."):], v)
                                 for k, v in model.state_dict().items())
    meta = {"seed": np.int64(1234567), "lr": np.float32(0.01), "history": np.arange(6.0).reshape(2, 3),
            "dtype": np.dtype("float32"), "epoch": 20}
    return {"meta": meta, "state_dict": sd}, sd


def model_wrapped_checkpoint():
    """{"model": ..., "optimizer": ...} as training scripts save it, with real SGD state."""
    torch.manual_seed(3)
    model = randomise(TinyCsra(heads=1, width=8, classes=3))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss = sum(p.sum() for p in model.parameters())
    loss.backward()
    opt.step()
    sd = model.state_dict()
    return {"epoch": 3, "model": sd, "optimizer": opt.state_dict(), "best": 0.947}, sd


def dataparallel_state():
    torch.manual_seed(4)
    model = randomise(TinyCsra(heads=1, width=8, classes=4))
    return nn.DataParallel(model).state_dict()


def torchvision_state():
    torch.manual_seed(5)
    return randomise(TinyTorchvision(width=8, classes=7)).state_dict()


class CallsOsSystem:
    def __reduce__(self):
        return (os.system, ("touch " + MARKER,))


class CallsEval:
    def __reduce__(self):
        return (eval, ("__import__('os').system('touch " + MARKER + "')",))


def big_endian_copy(src, dst, element_sizes):
    """Rewrites a torch zip as a big-endian machine would have written it.

    element_sizes[n] is the element size of the storage in data/n.
    """
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        prefix = zin.namelist()[0].split("/")[0] + "/"
        for name in zin.namelist():
            data = zin.read(name)
            rel = name[len(prefix):]
            if rel == "byteorder":
                data = b"big"
            elif rel.startswith("data/"):
                size = element_sizes[int(rel[len("data/"):])]
                data = b"".join(data[i:i + size][::-1] for i in range(0, len(data), size))
            zout.writestr(name, data)


def safetensors_header_order(path):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length), object_pairs_hook=collections.OrderedDict)
    return [k for k in header if k != "__metadata__"]


def write_expected(expected, path):
    """JSON with one line per tensor, so that a diff shows which tensor changed."""
    lines = ["{"]
    for i, (fname, rec) in enumerate(expected.items()):
        lines.append(f" {json.dumps(fname)}: {{")
        lines.append(f'  "keys": {json.dumps(rec["keys"])},')
        lines.append('  "tensors": {')
        items = list(rec["tensors"].items())
        for j, (k, v) in enumerate(items):
            comma = "," if j + 1 < len(items) else ""
            lines.append(f"   {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}{comma}")
        lines.append("  }")
        lines.append(" }" + ("," if i + 1 < len(expected) else ""))
    lines.append("}")
    path.write_text("\n".join(lines) + "\n")


def write_all():
    OUT.mkdir(parents=True, exist_ok=True)
    expected = {}

    dt = dtype_fixture()
    torch.save(dt, OUT / "dtypes.pth")
    expected["dtypes.pth"] = describe_dict(dt)

    torch.save(dt, OUT / "dtypes-protocol4.pth", pickle_protocol=4)
    expected["dtypes-protocol4.pth"] = describe_dict(dt)

    simple = collections.OrderedDict(
        [("w", torch.arange(6, dtype=torch.float32).reshape(2, 3) - 2.5),
         ("n", torch.tensor([1, -2, 3], dtype=torch.int64)),
         ("h", torch.tensor([1.5, -0.25], dtype=torch.float16))])
    torch.save(simple, OUT / "little.pth")
    big_endian_copy(OUT / "little.pth", OUT / "big-endian.pth", [t.element_size() for t in simple.values()])
    os.remove(OUT / "little.pth")
    expected["big-endian.pth"] = describe_dict(simple)

    official = official_model().state_dict()
    torch.save(official, OUT / "official.pth")
    expected["official.pth"] = describe_dict(official)

    mm, mm_sd = mmpretrain_checkpoint()
    torch.save(mm, OUT / "mmpretrain.pth")
    expected["mmpretrain.pth"] = describe_dict(mm_sd)

    wrapped, wrapped_sd = model_wrapped_checkpoint()
    torch.save(wrapped, OUT / "model-wrapped.pth")
    expected["model-wrapped.pth"] = describe_dict(wrapped_sd)

    dp = dataparallel_state()
    torch.save(dp, OUT / "dataparallel.pth")
    expected["dataparallel.pth"] = describe_dict(dp)

    tv = torchvision_state()
    torch.save(tv, OUT / "torchvision.pth")
    expected["torchvision.pth"] = describe_dict(tv)

    from safetensors.torch import save_file
    st = collections.OrderedDict((k, dt[k].contiguous()) for k in
                                 ["f32", "f16", "bf16", "f64", "i64", "i32", "u8", "bool", "scalar"])
    save_file(st, str(OUT / "tensors.safetensors"), metadata={"format": "pt"})
    expected["tensors.safetensors"] = describe_dict(st)
    # safetensors orders its header itself (by dtype size, then name): readers keep that order
    expected["tensors.safetensors"]["keys"] = safetensors_header_order(OUT / "tensors.safetensors")

    torch.save(official, OUT / "legacy.pth", _use_new_zipfile_serialization=False)

    nm, nm_sd = numpy_meta_checkpoint()
    torch.save(nm, OUT / "numpy-meta.pth")
    expected["numpy-meta.pth"] = describe_dict(nm_sd)

    torch.save({"weights": torch.ones(2), "payload": CallsOsSystem()}, OUT / "evil-os-system.pth")
    torch.save(collections.OrderedDict([("payload", CallsEval())]), OUT / "evil-eval.pth")

    scripted = torch.jit.script(nn.Linear(2, 2))
    scripted.save(str(OUT / "torchscript.pt"))

    write_expected(expected, OUT / "expected.json")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"wrote {len(list(OUT.iterdir()))} files, {total} bytes, to {OUT}")


# ---------------------------------------------------------------- a full-size file for timing


def resnet101_csra_state(heads=4, classes=80):
    """Random weights with the exact names and shapes of the official CSRA ResNet-101."""
    g = torch.Generator().manual_seed(11)
    sd = collections.OrderedDict()

    def conv(name, cout, cin, k):
        sd[name + ".weight"] = torch.randn(cout, cin, k, k, generator=g) * 0.01

    def bn(name, c):
        sd[name + ".weight"] = torch.rand(c, generator=g) + 0.5
        sd[name + ".bias"] = torch.randn(c, generator=g) * 0.1
        sd[name + ".running_mean"] = torch.randn(c, generator=g) * 0.1
        sd[name + ".running_var"] = torch.rand(c, generator=g) + 0.5
        sd[name + ".num_batches_tracked"] = torch.tensor(1000)

    conv("conv1", 64, 3, 7)
    bn("bn1", 64)
    cin = 64
    for layer, (blocks, width) in enumerate([(3, 64), (4, 128), (23, 256), (3, 512)], start=1):
        for b in range(blocks):
            p = f"layer{layer}.{b}"
            conv(p + ".conv1", width, cin, 1)
            bn(p + ".bn1", width)
            conv(p + ".conv2", width, width, 3)
            bn(p + ".bn2", width)
            conv(p + ".conv3", width * 4, width, 1)
            bn(p + ".bn3", width * 4)
            if b == 0:
                conv(p + ".downsample.0", width * 4, cin, 1)
                bn(p + ".downsample.1", width * 4)
            cin = width * 4
    for h in range(heads):
        sd[f"classifier.multi_head.{h}.head.weight"] = torch.randn(classes, 2048, 1, 1, generator=g)
    return sd


def write_resnet101_sized(path):
    sd = resnet101_csra_state()
    torch.save(sd, path)
    numel = sum(t.numel() for t in sd.values())
    print(f"wrote {path}: {len(sd)} tensors, {numel} elements, {os.path.getsize(path)} bytes")


# ---------------------------------------------------------------- checking the Java writer


def java_written_expectation():
    """What TorchCheckpointWriterTest writes (formulas duplicated there on purpose)."""
    exp = collections.OrderedDict()
    exp["conv.weight"] = torch.arange(48, dtype=torch.float32).reshape(4, 3, 2, 2) * 0.25 - 3.0
    exp["bn.num_batches_tracked"] = torch.tensor(42, dtype=torch.int64)
    max_float = (2.0 - 2.0 ** -23) * 2.0 ** 127
    exp["fc.bias"] = torch.tensor([2.0 ** -149, -0.0, max_float, 0.3125, -7.5], dtype=torch.float32)
    exp["ids"] = torch.tensor([2 ** 53 + 1, -(2 ** 62), 0, 7], dtype=torch.int64)
    return exp


def verify_java_written(path):
    state = torch.load(path, weights_only=True)
    expected = java_written_expectation()
    if list(state.keys()) != list(expected.keys()):
        sys.exit(f"keys differ: {list(state.keys())} != {list(expected.keys())}")
    for k, want in expected.items():
        got = state[k]
        if got.dtype != want.dtype or got.shape != want.shape or not torch.equal(got, want):
            sys.exit(f"{k}: got {got.dtype} {tuple(got.shape)} {got}, want {want.dtype} "
                     f"{tuple(want.shape)} {want}")
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            z.fp.seek(info.header_offset + 26)
            name_len, extra_len = struct.unpack("<HH", z.fp.read(4))
            data_offset = info.header_offset + 30 + name_len + extra_len
            if info.compress_type != zipfile.ZIP_STORED or data_offset % 64:
                sys.exit(f"{info.filename}: method {info.compress_type}, data at {data_offset}")
    print(f"OK: torch {torch.__version__} loads {path} with weights_only=True; "
          f"{len(state)} tensors equal; entries stored and 64-byte aligned")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verify-java-written", metavar="FILE")
    parser.add_argument("--resnet101-sized", metavar="FILE",
                        help="write a random checkpoint of the official CSRA ResNet-101's names and "
                             "shapes (about 170 MB, not committed) for timing the reader")
    args = parser.parse_args()
    if args.verify_java_written:
        verify_java_written(args.verify_java_written)
    elif args.resnet101_sized:
        write_resnet101_sized(args.resnet101_sized)
    else:
        write_all()


if __name__ == "__main__":
    main()
