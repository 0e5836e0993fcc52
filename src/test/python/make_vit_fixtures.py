"""Writes the ViT and TorchScript parity fixtures under src/test/resources/vit/.

- vit_native / vit_interp: a small ViT in timm's original layout (2 blocks, width 64, 4
  heads, patch 16) with CSRA heads and the official CSRA ViT key names; vit_interp's
  positional embedding is made for 64 px input (4 x 4 grid) and used at 96 px (6 x 6),
  resized bicubically as timm's resize_pos_embed does.
- tiny_cnn.pt: a scripted CNN mapping (B, 3, S, S) to (B, 16, S/4, S/4), with a CSRA head
  (tiny_cnn_head.pth, spec tiny_cnn.json) and a linear classifier for the training-free
  head (tiny_cnn_fc.pth); flat_output.pt: a scripted module whose output is (B, 16).
Each case has NAME.input.f32 (2 images) and NAME.expected.json (logits, score maps,
attention), in the format of make_model_fixtures.py.

Run with Debian's PyTorch 1.13 so that libtorch 2.7.1 (DJL's engine) can read the
TorchScript files:  /usr/bin/python3 src/test/python/make_vit_fixtures.py
"""
import json
import math
import os
import sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from csra_torch import INF, CsraViT, MultiHead, vit_forward  # noqa: E402
from make_model_fixtures import flat  # noqa: E402

OUT = os.path.join(HERE, "..", "resources", "vit")


def save_input(name, size, gen):
    x = torch.rand(2, 3, size, size, generator=gen) * 2 - 1  # ViT input is (x - 0.5) / 0.5
    x.numpy().astype("<f4").tofile(os.path.join(OUT, name + ".input.f32"))
    return x


def write_expected(name, meta, logits, maps, atts):
    meta = dict(meta)
    meta.update({"logits_shape": list(logits.shape), "logits": flat(logits),
                 "maps_shape": list(maps.shape), "score_maps": flat(maps),
                 "attention": flat(atts)})
    with open(os.path.join(OUT, name + ".expected.json"), "w") as f:
        json.dump(meta, f)


def temps_json(temps):
    return ["inf" if math.isinf(t) else t for t in temps]


def head_outputs(head, feats):
    logits, _, atts = head(feats)
    maps = torch.stack([u.score_map(feats) for u in head.multi_head], dim=1)
    b, h, c, _ = maps.shape
    fh, fw = feats.shape[2], feats.shape[3]
    return logits, maps.reshape(b, h, c, fh, fw), atts.reshape(b, h, c, fh, fw)


def vit_case(name, grid, size, classes, temps, lam, seed):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    net = CsraViT(2, 64, 4, 16, grid, classes, temps, lam).eval()
    with torch.no_grad():
        net.cls_token.copy_(torch.randn(net.cls_token.shape, generator=gen))
        net.pos_embed.copy_(torch.randn(net.pos_embed.shape, generator=gen) * 0.5)
        for m in net.modules():
            if isinstance(m, nn.LayerNorm):
                m.weight.copy_(torch.rand(m.weight.shape, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=gen) * 0.1)
    x = save_input(name, size, gen)
    with torch.no_grad():
        logits, maps, atts = head_outputs(net.classifier, vit_forward(net, x))
    torch.save(net.state_dict(), os.path.join(OUT, name + ".pth"))
    write_expected(name, {"architecture": "vit", "classes": classes, "lambda": lam,
                          "size": size, "grid": grid, "temperatures": temps_json(temps)},
                   logits, maps, atts)


class TinyCnn(nn.Module):
    def __init__(self, flatten=False):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, 2, 1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 16, 3, 2, 1)
        self.flatten = flatten

    def forward(self, x):
        y = self.conv2(torch.relu(self.bn1(self.conv1(x))))
        if self.flatten:
            return y.mean(dim=(2, 3))
        return y


def torchscript_cases(seed):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    cnn = TinyCnn().eval()
    with torch.no_grad():
        cnn.bn1.running_mean.copy_(torch.randn(8, generator=gen) * 0.1)
        cnn.bn1.running_var.copy_(torch.rand(8, generator=gen) + 0.5)
    torch.jit.script(cnn).save(os.path.join(OUT, "tiny_cnn.pt"))
    torch.jit.script(TinyCnn(flatten=True).eval()).save(os.path.join(OUT, "flat_output.pt"))
    size, classes, temps, lam = 64, 4, [1.0], 0.2
    head = MultiHead(16, classes, temps, lam).eval()
    x = save_input("tiny_cnn", size, gen)
    with torch.no_grad():
        feats = cnn(x)
        logits, maps, atts = head_outputs(head, feats)
    torch.save({"classifier." + k: v for k, v in head.state_dict().items()},
               os.path.join(OUT, "tiny_cnn_head.pth"))
    write_expected("tiny_cnn", {"architecture": "torchscript", "classes": classes,
                                "lambda": lam, "size": size, "temperatures": temps_json(temps)},
                   logits, maps, atts)
    spec = {"name": "tiny_cnn", "description": "test fixture: scripted CNN + 1 CSRA head",
            "architecture": "torchscript", "backbone": "tiny_cnn.pt", "head": "csra",
            "heads": 1, "temperatures": temps, "lambda": lam, "input_size": size,
            "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5],
            "classes": ["a", "b", "c", "d"], "checkpoint": "tiny_cnn_head.pth",
            "trust_code": True}
    with open(os.path.join(OUT, "tiny_cnn.json"), "w") as f:
        json.dump(spec, f, indent=2)
    # The training-free head on the same backbone with a linear classifier.
    fc = nn.Linear(16, 3)
    lam = 0.3
    x = save_input("tiny_cnn_fc", size, gen)
    with torch.no_grad():
        feats = cnn(x)
        fh, fw = feats.shape[2], feats.shape[3]
        wx = torch.einsum("cd,bdk->bck", fc.weight, feats.flatten(2))
        s = wx + fc.bias[None, :, None]
        logits = wx.mean(2) + fc.bias[None] + lam * wx.max(2)[0]
        atts = torch.zeros_like(s).scatter_(2, s.argmax(2, keepdim=True), 1.0)
    torch.save({"fc.weight": fc.weight.data, "fc.bias": fc.bias.data},
               os.path.join(OUT, "tiny_cnn_fc.pth"))
    b, c, _ = s.shape
    write_expected("tiny_cnn_fc", {"architecture": "torchscript", "classes": 3, "lambda": lam,
                                   "size": size, "temperatures": ["inf"],
                                   "head": "training-free"},
                   logits, s.reshape(b, 1, c, fh, fw), atts.reshape(b, 1, c, fh, fw))


def coco_vit_l16_layout():
    """Key names and shapes of the released COCO ViT-L16 checkpoint, tiny: pos_embed for a
    28 x 28 grid, heads head1..head8 and head (zero-size tensors elsewhere)."""
    sd = {"cls_token": torch.zeros(1, 1, 8), "pos_embed": torch.zeros(1, 785, 8),
          "patch_embed.proj.weight": torch.zeros(8, 3, 16, 16),
          "patch_embed.proj.bias": torch.zeros(8), "norm.weight": torch.ones(8),
          "norm.bias": torch.zeros(8), "head.weight": torch.zeros(3, 8),
          "head.bias": torch.zeros(3)}
    for h in range(1, 9):
        sd["head%d.head.weight" % h] = torch.zeros(3, 8, 1, 1)
    torch.save({"module." + k: v for k, v in sd.items()},
               os.path.join(OUT, "coco_vit_l16_layout.pth"))


def main():
    os.makedirs(OUT, exist_ok=True)
    vit_case("vit_native", 4, 64, 5, [1.0], 0.3, 11)
    vit_case("vit_interp", 4, 96, 6, [1.0, INF], 0.5, 12)
    torchscript_cases(13)
    coco_vit_l16_layout()
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
