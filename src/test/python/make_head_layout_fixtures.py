"""Writes the fixtures for checkpoints whose classifier is named the way other projects name it.

- vit/timm_vit_head.*: a tiny ViT in timm's layout (1 block, width 16, 2 heads, patch 16, a
  2 x 2 grid at 32 px) with timm's ImageNet-style classifier `head.weight`, `head.bias`
  (nn.Linear(16, 3)); NAME.expected.json holds the training-free head's logits, score maps and
  attention computed here (mean + lambda x max over locations of the classifier at every
  location, the bias counted once; the mean term checked against the classifier's ordinary
  output on the averaged tokens).
- model/official_r18_fc_extra.pth: a CSRA ResNet-18 (base width 2, 1 head, 3 classes) saved as
  the official CSRA training script saves it, with the backbone's unused ImageNet classifier
  fc.weight (10, 16) and fc.bias (10) beside the CSRA head.

Run:  python3 src/test/python/make_head_layout_fixtures.py   (CPU torch is enough)
"""
import os
import sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from csra_torch import CsraResNet, add_vit_modules, vit_forward  # noqa: E402
from make_model_fixtures import flat, randomize_norms  # noqa: E402

RES = os.path.join(HERE, "..", "resources")


class TimmViT(nn.Module):
    """timm's VisionTransformer names: the ViT modules plus `head`, its ImageNet classifier."""

    def __init__(self, depth, dim, heads, patch, grid, classes):
        super().__init__()
        add_vit_modules(self, depth, dim, heads, patch, grid)
        self.head = nn.Linear(dim, classes)


def timm_vit_head(seed):
    out = os.path.join(RES, "vit")
    name, lam, size = "timm_vit_head", 0.2, 32
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    net = TimmViT(1, 16, 2, 16, 2, 3).eval()
    with torch.no_grad():
        net.cls_token.copy_(torch.randn(net.cls_token.shape, generator=gen))
        net.pos_embed.copy_(torch.randn(net.pos_embed.shape, generator=gen) * 0.5)
        net.head.bias.copy_(torch.randn(3, generator=gen))
        for m in net.modules():
            if isinstance(m, nn.LayerNorm):
                m.weight.copy_(torch.rand(m.weight.shape, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=gen) * 0.1)
    x = torch.rand(2, 3, size, size, generator=gen) * 2 - 1
    x.numpy().astype("<f4").tofile(os.path.join(out, name + ".input.f32"))
    with torch.no_grad():
        feats = vit_forward(net, x)
        fh, fw = feats.shape[2], feats.shape[3]
        wx = torch.einsum("cd,bdk->bck", net.head.weight, feats.flatten(2))
        s = wx + net.head.bias[None, :, None]
        logits = wx.mean(2) + net.head.bias[None] + lam * wx.max(2)[0]
        atts = torch.zeros_like(s).scatter_(2, s.argmax(2, keepdim=True), 1.0)
        assert torch.allclose(net.head(feats.mean((2, 3))), wx.mean(2) + net.head.bias[None],
                              atol=1e-5)
    torch.save(net.state_dict(), os.path.join(out, name + ".pth"))
    b, c, _ = s.shape
    import json
    meta = {"architecture": "vit", "classes": c, "lambda": lam, "size": size, "grid": 2,
            "temperatures": ["inf"], "head": "training-free", "layout": "timm",
            "logits_shape": list(logits.shape), "logits": flat(logits),
            "maps_shape": [b, 1, c, fh, fw], "score_maps": flat(s),
            "attention": flat(atts)}
    with open(os.path.join(out, name + ".expected.json"), "w") as f:
        json.dump(meta, f)


def official_with_unused_fc(seed):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    net = CsraResNet(18, 3, 1, 0.1, base=2).eval()
    randomize_norms(net, gen)
    sd = dict(net.state_dict())
    width = sd["classifier.multi_head.0.head.weight"].shape[1]
    fc = nn.Linear(width, 10)
    sd["fc.weight"] = fc.weight.data
    sd["fc.bias"] = fc.bias.data
    torch.save(sd, os.path.join(RES, "model", "official_r18_fc_extra.pth"))


def main():
    timm_vit_head(21)
    official_with_unused_fc(22)
    print("wrote vit/timm_vit_head.* and model/official_r18_fc_extra.pth")


if __name__ == "__main__":
    main()
