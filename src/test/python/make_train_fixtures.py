"""Fixture for the trainer: two SGD steps of a tiny CSRA ResNet-18 in PyTorch.

Writes src/test/resources/train/: step_init.pth (the starting state_dict), step_batch.f32
(input, 4 x 3 x 32 x 32), step.json (targets, mask, learning rates, the two losses) and
step_after.pth (the state_dict after two steps: weights, running statistics,
num_batches_tracked). Recipe as the official CSRA code: SGD momentum 0.9, weight decay 1e-4,
one learning rate for the backbone and another for parameters named classifier.*; loss BCE
with logits averaged over the labelled entries (one entry is ignored).

Run with python3 (torch >= 1.13); no torchvision needed.
"""
import json
import os

import torch

from csra_torch import CsraResNet

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "train")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(3)
    gen = torch.Generator().manual_seed(5)
    net = CsraResNet(18, 3, 2, 0.2, base=4)
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            c = m.num_features
            m.weight.data = torch.rand(c, generator=gen) + 0.5
            m.bias.data = torch.randn(c, generator=gen) * 0.1
            m.running_mean.data = torch.randn(c, generator=gen) * 0.1
            m.running_var.data = torch.rand(c, generator=gen) * 0.5 + 0.75
            m.num_batches_tracked.fill_(7)
    torch.save(net.state_dict(), os.path.join(OUT, "step_init.pth"))
    x = torch.rand(4, 3, 32, 32, generator=gen)
    x.numpy().astype("<f4").tofile(os.path.join(OUT, "step_batch.f32"))
    y = (torch.rand(4, 3, generator=gen) > 0.5).float()
    mask = torch.ones(4, 3)
    mask[1, 2] = 0
    lr, head_lr = 0.05, 0.5
    head = [p for n, p in net.named_parameters() if "classifier" in n]
    body = [p for n, p in net.named_parameters() if "classifier" not in n]
    opt = torch.optim.SGD([{"params": body, "lr": lr}, {"params": head, "lr": head_lr}],
                          lr=lr, momentum=0.9, weight_decay=1e-4)
    net.train()
    losses = []
    for _ in range(2):
        opt.zero_grad()
        logits = net(x)[0]
        per = torch.nn.functional.binary_cross_entropy_with_logits(logits, y, reduction="none")
        loss = (per * mask).sum() / mask.sum()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    torch.save(net.state_dict(), os.path.join(OUT, "step_after.pth"))
    with open(os.path.join(OUT, "step.json"), "w") as f:
        json.dump({"targets": y.reshape(-1).tolist(), "mask": mask.reshape(-1).tolist(),
                   "lr": lr, "head_lr": head_lr, "losses": losses, "torch": torch.__version__},
                  f, indent=1)
    print("losses", losses)


if __name__ == "__main__":
    main()
