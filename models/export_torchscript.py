"""Export a torchvision or timm classifier for CSRA for Fiji as a TorchScript backbone.

Writes three files into --out:
  NAME.pt          the network up to its last feature map: (B, 3, S, S) -> (B, d, h, w)
  NAME_fc.pth      its classifier as fc.weight (C, d) and fc.bias (C), for the
                   training-free head (paper, Figure 1: mean + lambda * max over locations)
  NAME.json        a spec: "architecture": "torchscript", "backbone": "NAME.pt", the
                   classifier as checkpoint, input size, ImageNet mean/std, class names

Examples (the first run downloads the pretrained weights unless --weights FILE is given):
  python3 models/export_torchscript.py --torchvision resnet50 --out models/
  python3 models/export_torchscript.py --torchvision efficientnet_b0 --size 224 --out models/
  python3 models/export_torchscript.py --timm vit_base_patch16_224 --out models/
Then:  java -jar target/csra.jar classify --model models/resnet50.json image.png
  or:  java -jar target/csra.jar classify --arch torchscript --backbone models/resnet50.pt \
           --checkpoint models/resnet50_fc.pth --head training-free --size 448 \
           --mean 0.485,0.456,0.406 --std 0.229,0.224,0.225 image.png
       (the spec carries the normalisation; without it give --mean and --std)

Use PyTorch 2.7 or older to export: the engine runs libtorch 2.7.1 and cannot read
TorchScript written by newer versions. A CSRA head you trained yourself goes into the
checkpoint instead (classifier.multi_head.{h}.head.weight, shape (C, d, 1, 1)).
"""
import argparse
import json
import os

import torch
import torch.nn as nn

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


class TokensToMap(nn.Module):
    """A transformer's tokens (B, prefix + h*w, d) -> (B, d, h, w), prefix tokens dropped."""

    def __init__(self, features, prefix):
        super().__init__()
        self.features = features
        self.prefix = prefix

    def forward(self, x):
        t = self.features(x)
        if t.dim() == 4:
            return t
        t = t[:, self.prefix:]
        side = int(round((t.shape[1]) ** 0.5))
        return t.transpose(1, 2).reshape(t.shape[0], t.shape[2], side, side)


class TimmFeatures(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model.forward_features(x)


def from_torchvision(name, weights):
    import torchvision.models as tvm
    model = getattr(tvm, name)(weights="DEFAULT" if weights is None else None)
    if weights:
        model.load_state_dict(torch.load(weights, map_location="cpu"))
    categories = None
    try:
        categories = tvm.get_model_weights(name).DEFAULT.meta["categories"]
    except Exception:
        pass
    if hasattr(model, "fc") and hasattr(model, "layer4"):  # ResNet, ResNeXt, Wide ResNet
        features = nn.Sequential(*list(model.children())[:-2])
        fc = model.fc
    elif hasattr(model, "features") and hasattr(model, "classifier"):  # MobileNet, EfficientNet, ConvNeXt, DenseNet
        features = model.features
        fc = model.classifier if isinstance(model.classifier, nn.Linear) else model.classifier[-1]
        if name.startswith("densenet"):
            features = nn.Sequential(features, nn.ReLU())
    else:
        raise SystemExit("don't know where %s's last feature map is; use --timm, or export it"
                         " yourself (any module (B, 3, S, S) -> (B, d, h, w))" % name)
    return features, fc, categories, (IMAGENET_MEAN, IMAGENET_STD)


def from_timm(name, weights):
    import timm
    model = timm.create_model(name, pretrained=weights is None)
    if weights:
        model.load_state_dict(torch.load(weights, map_location="cpu"))
    prefix = getattr(model, "num_prefix_tokens", 0)
    cfg = getattr(model, "pretrained_cfg", None) or {}
    norm = (list(cfg.get("mean", IMAGENET_MEAN)), list(cfg.get("std", IMAGENET_STD)))
    return TokensToMap(TimmFeatures(model), prefix), model.get_classifier(), None, norm


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--torchvision", metavar="NAME", help="e.g. resnet50, efficientnet_b0")
    src.add_argument("--timm", metavar="NAME", help="e.g. vit_base_patch16_224")
    p.add_argument("--weights", help="a local state_dict instead of the pretrained download")
    p.add_argument("--size", type=int, default=None, help="input side (448 CNN, 224 timm)")
    p.add_argument("--lam", type=float, default=0.2, help="lambda of the max term")
    p.add_argument("--out", default=".")
    p.add_argument("--name", default=None)
    a = p.parse_args()
    name = a.name or a.torchvision or a.timm
    if a.torchvision:
        features, fc, categories, (mean, std) = from_torchvision(a.torchvision, a.weights)
    else:
        features, fc, categories, (mean, std) = from_timm(a.timm, a.weights)
    size = a.size or (224 if a.timm else 448)
    features.eval()
    os.makedirs(a.out, exist_ok=True)
    with torch.no_grad():
        x = torch.rand(1, 3, size, size)
        traced = torch.jit.trace(features, x)
        y = traced(x)
    if y.dim() != 4 or y.shape[1] != fc.in_features:
        raise SystemExit("the feature extractor gives %s, not (B, %d, h, w)"
                         % (tuple(y.shape), fc.in_features))
    traced.save(os.path.join(a.out, name + ".pt"))
    torch.save({"fc.weight": fc.weight.detach().clone(), "fc.bias": fc.bias.detach().clone()},
               os.path.join(a.out, name + "_fc.pth"))
    classes = categories or ["class %d" % i for i in range(fc.out_features)]
    spec = {"name": name, "description": "%s (TorchScript), training-free head" % name,
            "architecture": "torchscript", "backbone": name + ".pt", "head": "training-free",
            "lambda": a.lam, "input_size": size,
            "mean": mean, "std": std,
            "classes": classes, "checkpoint": name + "_fc.pth", "threshold": 0.5,
            # You exported this module yourself, so the spec records your consent to run it.
            "trust_code": True}
    with open(os.path.join(a.out, name + ".json"), "w") as f:
        json.dump(spec, f, indent=2)
    print("wrote %s.pt (features %s at %d px), %s_fc.pth, %s.json"
          % (name, tuple(y.shape[1:]), size, name, name))


if __name__ == "__main__":
    main()
