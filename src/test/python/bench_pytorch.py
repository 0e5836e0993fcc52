"""PyTorch's own eager forward time for CSRA (ResNet or ViT), for `csra bench --python`.

Prints one JSON line: {"torch", "threads", "forward_ms"} (median over iterations, batch 1,
random weights, eval mode, grad disabled).

With --serve it first prints {"torch", "threads", "ready": true}, then runs one forward for
each line "run" it reads on standard input and prints that forward's time in ms, so that the
Java benchmark can interleave its own iterations with PyTorch's and both see the same machine
load.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from csra_torch import DEFAULT_TEMPERATURES, VIT_SHAPES, CsraResNet, CsraViT  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", default=None, help="resnet18..resnet152, vit_b16 or vit_l16")
    p.add_argument("--depth", type=int, default=101)
    p.add_argument("--size", type=int, default=448)
    p.add_argument("--heads", type=int, default=1)
    p.add_argument("--classes", type=int, default=20)
    p.add_argument("--lam", type=float, default=0.1)
    p.add_argument("--iterations", type=int, default=10)
    p.add_argument("--serve", action="store_true")
    a = p.parse_args()
    torch.manual_seed(0)
    torch.set_grad_enabled(False)
    arch = a.arch or "resnet%d" % a.depth
    if arch in VIT_SHAPES:
        depth, dim, heads, patch = VIT_SHAPES[arch]
        net = CsraViT(depth, dim, heads, patch, a.size // patch, a.classes,
                      DEFAULT_TEMPERATURES[a.heads], a.lam).eval()
    elif arch.startswith("resnet"):
        net = CsraResNet(int(arch[len("resnet"):]), a.classes, a.heads, a.lam).eval()
    else:
        raise SystemExit("bench_pytorch.py: unknown --arch " + arch)
    x = torch.rand(1, 3, a.size, a.size)
    for _ in range(2):
        net(x)
    if a.serve:
        print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                          "ready": True}), flush=True)
        for line in sys.stdin:
            if line.strip() != "run":
                break
            t = time.perf_counter()
            net(x)
            print("%.3f" % ((time.perf_counter() - t) * 1000), flush=True)
        return
    times = []
    for _ in range(a.iterations):
        t = time.perf_counter()
        net(x)
        times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "forward_ms": statistics.median(times)}))


if __name__ == "__main__":
    main()
