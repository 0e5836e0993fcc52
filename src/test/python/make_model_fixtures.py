"""Writes the network parity fixtures under src/test/resources/model/.

Small ResNets in torchvision's layout (narrow widths so the files stay small), with CSRA or
training-free heads, saved with torch.save in each key layout the Java reader supports, plus
a fixed input and the logits, score maps and attention weights PyTorch computes for it.
Batch norms get random running statistics and affine parameters so that nothing is trivial.

Run:  python3 src/test/python/make_model_fixtures.py   (CPU torch is enough)
"""
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from csra_torch import INF, CsraResNet, ResNetFeatures, backbone_forward  # noqa: E402

OUT = os.path.join(HERE, "..", "resources", "model")


def randomize_norms(net, gen):
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            c = m.num_features
            m.weight.data = torch.rand(c, generator=gen) * 1.0 + 0.5
            m.bias.data = torch.randn(c, generator=gen) * 0.1
            m.running_mean.data = torch.randn(c, generator=gen) * 0.1
            m.running_var.data = torch.rand(c, generator=gen) * 0.5 + 0.75
            m.num_batches_tracked.fill_(7)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def save_input(name, size, gen):
    x = torch.rand(2, 3, size, size, generator=gen)
    x.numpy().astype("<f4").tofile(os.path.join(OUT, name + ".input.f32"))
    return x


def write_expected(name, meta, logits, maps, atts):
    meta = dict(meta)
    meta.update({"logits_shape": list(logits.shape), "logits": flat(logits),
                 "maps_shape": list(maps.shape), "score_maps": flat(maps),
                 "attention": flat(atts)})
    with open(os.path.join(OUT, name + ".expected.json"), "w") as f:
        json.dump(meta, f)


def csra_case(name, depth, base, classes, temps, lam, size, layout, seed):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    net = CsraResNet(depth, classes, len(temps), lam, temperatures=temps, base=base).eval()
    randomize_norms(net, gen)
    x = save_input(name, size, gen)
    with torch.no_grad():
        feats = backbone_forward(net, x)
        logits, _, atts = net.classifier(feats)
        maps = torch.stack([u.score_map(feats) for u in net.classifier.multi_head], dim=1)
    b, h, c, k = maps.shape
    fh, fw = feats.shape[2], feats.shape[3]
    sd = net.state_dict()
    if layout == "module":
        sd = {"module." + k_: v for k_, v in sd.items()}
    elif layout == "mmpretrain":
        renamed = {}
        for k_, v in sd.items():
            if k_.startswith("classifier.multi_head."):
                renamed["head.csra_heads." + k_[len("classifier.multi_head."):]] = v
            else:
                renamed["backbone." + k_] = v
        sd = {"state_dict": renamed, "meta": {"epoch": 3, "mmpretrain_version": "1.2.0"}}
    torch.save(sd, os.path.join(OUT, name + ".pth"))
    write_expected(name, {"architecture": "resnet%d" % depth, "base_width": base,
                          "classes": classes, "lambda": lam, "size": size,
                          "temperatures": ["inf" if math.isinf(t) else t for t in temps],
                          "layout": layout},
                   logits, maps.reshape(b, h, c, fh, fw), atts.reshape(b, h, c, fh, fw))


def training_free_case(name, depth, base, classes, lam, size, seed):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    net = ResNetFeatures(depth, base).eval()
    randomize_norms(net, gen)
    fc = torch.nn.Linear(net.width, classes)
    fc.bias.data = torch.randn(classes, generator=gen)
    x = save_input(name, size, gen)
    with torch.no_grad():
        feats = backbone_forward(net, x)
        fh, fw = feats.shape[2], feats.shape[3]
        s = torch.einsum("cd,bdk->bck", fc.weight, feats.flatten(2)) + fc.bias[None, :, None]
        wx = s - fc.bias[None, :, None]
        # The paper's Figure 1: mean + lambda * max over locations, the bias counted once.
        logits = wx.mean(2) + fc.bias[None] + lam * wx.max(2)[0]
        atts = torch.zeros_like(s).scatter_(2, s.argmax(2, keepdim=True), 1.0)
        # Independent check: the mean term is the classifier's ordinary output.
        plain = fc(feats.mean((2, 3)))
        assert torch.allclose(plain, wx.mean(2) + fc.bias[None], atol=1e-5)
    sd = dict(net.state_dict())
    sd["fc.weight"] = fc.weight.data
    sd["fc.bias"] = fc.bias.data
    torch.save(sd, os.path.join(OUT, name + ".pth"))
    b, c, k = s.shape
    write_expected(name, {"architecture": "resnet%d" % depth, "base_width": base,
                          "classes": classes, "lambda": lam, "size": size,
                          "temperatures": ["inf"], "layout": "torchvision",
                          "head": "training-free"},
                   logits, s.reshape(b, 1, c, fh, fw), atts.reshape(b, 1, c, fh, fw))


def check_against_torchvision():
    """Our ResNetFeatures has torchvision's names and computes the same (when importable)."""
    try:
        import torchvision.models as tvm
    except Exception:
        print("torchvision not importable here; skipped the layout cross-check")
        return
    for depth in (18, 50):
        ref = getattr(tvm, "resnet%d" % depth)().eval()
        ours = ResNetFeatures(depth).eval()
        sd = {k: v for k, v in ref.state_dict().items() if not k.startswith("fc.")}
        assert list(sd) == list(ours.state_dict()), "key names differ for resnet%d" % depth
        ours.load_state_dict(sd)
        x = torch.rand(1, 3, 64, 64)
        with torch.no_grad():
            r = ref.layer4(ref.layer3(ref.layer2(ref.layer1(ref.maxpool(ref.relu(ref.bn1(ref.conv1(x))))))))
            assert torch.allclose(r, backbone_forward(ours, x), atol=1e-5)
    print("ResNetFeatures matches torchvision's names and outputs")


def main():
    os.makedirs(OUT, exist_ok=True)
    check_against_torchvision()
    csra_case("official_r18_h1", 18, 4, 5, [1.0], 0.1, 96, "official", 1)
    csra_case("official_r18_h4", 18, 4, 6, [1.0, 2.0, 4.0, INF], 0.5, 128, "official", 2)
    csra_case("module_r50_h2", 50, 4, 4, [1.0, INF], 0.3, 96, "module", 3)
    csra_case("mmpretrain_r34_h1", 34, 4, 5, [1.0], 0.1, 64, "mmpretrain", 4)
    training_free_case("torchvision_r18_fc", 18, 4, 7, 0.2, 96, 5)
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
