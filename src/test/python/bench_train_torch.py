"""PyTorch's training-step throughput for the network the demo model trains, for comparison
with the images/s that `csra.jar train` prints (run both in the same session, same machine).

    python3 src/test/python/bench_train_torch.py [--base 16] [--size 128] [--batch 16] [--steps 30]

Times forward + BCE + backward + SGD step (momentum 0.9, weight decay 1e-4) on random data,
after 3 warm-up steps; data loading is not included (the Java figure includes it).
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from csra_torch import CsraResNet  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--depth", type=int, default=18)
    p.add_argument("--base", type=int, default=16)
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--classes", type=int, default=5)
    p.add_argument("--steps", type=int, default=30)
    a = p.parse_args()
    torch.manual_seed(0)
    net = CsraResNet(a.depth, a.classes, 1, 0.1, base=a.base).train()
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    x = torch.rand(a.batch, 3, a.size, a.size)
    y = (torch.rand(a.batch, a.classes) > 0.5).float()

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(net(x)[0], y)
        loss.backward()
        opt.step()

    for _ in range(3):
        step()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    dt = time.perf_counter() - t0
    print(f"pytorch {torch.__version__} threads {torch.get_num_threads()}: resnet{a.depth} "
          f"base {a.base} at {a.size}, batch {a.batch}: {a.steps * a.batch / dt:.1f} images/s")


if __name__ == "__main__":
    main()
