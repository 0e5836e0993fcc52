"""Reference CSRA network in PyTorch, written from the paper and reference/csra.md.

Used only to generate test fixtures and to measure PyTorch's own speed beside the Java
implementation. The backbone is torchvision's ResNet (when torchvision is importable) so the
parameter names and layout are the real ones.
"""
import math

import torch
import torch.nn as nn

INF = float("inf")
DEFAULT_TEMPERATURES = {1: [1.0], 2: [1.0, INF], 4: [1.0, 2.0, 4.0, INF],
                        6: [1.0, 2.0, 3.0, 4.0, 5.0, INF],
                        8: [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, INF]}


class CsraHeadUnit(nn.Module):
    """One head: 1x1 conv without bias, normalised per-class score, mean + lambda * attention."""

    def __init__(self, width, classes, temperature, lam):
        super().__init__()
        self.head = nn.Conv2d(width, classes, 1, bias=False)
        self.temperature = temperature
        self.lam = lam

    def score_map(self, x):
        w = self.head.weight
        norm = torch.norm(w, dim=1, keepdim=True).transpose(0, 1)  # (1, C, 1, 1)
        s = self.head(x) / norm
        return s.flatten(2)  # (B, C, HW)

    def forward(self, x):
        s = self.score_map(x)
        base = s.mean(dim=2)
        if math.isinf(self.temperature):
            att = s.max(dim=2)[0]
            weights = torch.zeros_like(s).scatter_(2, s.argmax(dim=2, keepdim=True), 1.0)
        else:
            weights = torch.softmax(s * self.temperature, dim=2)
            att = (s * weights).sum(dim=2)
        return base + self.lam * att, s, weights


class MultiHead(nn.Module):
    def __init__(self, width, classes, temperatures, lam):
        super().__init__()
        self.multi_head = nn.ModuleList(
            [CsraHeadUnit(width, classes, t, lam) for t in temperatures])

    def forward(self, x):
        logits = 0
        maps, atts = None, []
        for unit in self.multi_head:
            l, s, a = unit(x)
            logits = logits + l
            maps = s if maps is None else maps
            atts.append(a)
        return logits, maps, torch.stack(atts, dim=1)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        idt = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        return self.relu(self.bn2(self.conv2(out)) + idt)


class Bottleneck(nn.Module):
    """torchvision's v1.5 bottleneck: the stride sits on the 3x3 convolution."""
    expansion = 4

    def __init__(self, inplanes, planes, stride, downsample):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        idt = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        return self.relu(self.bn3(self.conv3(out)) + idt)


LAYERS = {18: (BasicBlock, [2, 2, 2, 2]), 34: (BasicBlock, [3, 4, 6, 3]),
          50: (Bottleneck, [3, 4, 6, 3]), 101: (Bottleneck, [3, 4, 23, 3]),
          152: (Bottleneck, [3, 8, 36, 3])}


class ResNetFeatures(nn.Module):
    """torchvision's ResNet layout without avgpool/fc (same parameter names)."""

    def __init__(self, depth, base=64):
        super().__init__()
        block, counts = LAYERS[depth]
        self.conv1 = nn.Conv2d(3, base, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(base)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        inplanes = base
        for i, n in enumerate(counts):
            planes = base * 2 ** i
            stride = 1 if i == 0 else 2
            blocks = []
            for j in range(n):
                ds = None
                if j == 0 and (stride != 1 or inplanes != planes * block.expansion):
                    ds = nn.Sequential(
                        nn.Conv2d(inplanes, planes * block.expansion, 1, stride, bias=False),
                        nn.BatchNorm2d(planes * block.expansion))
                blocks.append(block(inplanes, planes, stride if j == 0 else 1, ds))
                inplanes = planes * block.expansion
            self.add_module("layer%d" % (i + 1), nn.Sequential(*blocks))
        self.width = inplanes


def resnet_features(depth, base=64):
    """A ResNet in torchvision's layout without avgpool/fc, returning layer4's feature map.

    Uses torchvision itself when it imports (Debian's python3-torchvision), else the
    equivalent definition above; check_against_torchvision() proves they agree."""
    try:
        import torchvision.models as tvm
        if base != 64:
            raise ImportError
        net = getattr(tvm, "resnet%d" % depth)()
        del net.fc
        net.width = 512 if depth in (18, 34) else 2048
        return net
    except Exception:
        return ResNetFeatures(depth, base)


def backbone_forward(net, x):
    x = net.maxpool(net.relu(net.bn1(net.conv1(x))))
    x = net.layer1(x)
    x = net.layer2(x)
    x = net.layer3(x)
    return net.layer4(x)


class CsraResNet(nn.Module):
    """ResNet + CSRA head with the official CSRA state_dict names."""

    def __init__(self, depth, classes, heads, lam, temperatures=None, base=64):
        super().__init__()
        net = resnet_features(depth, base)
        for name, child in net.named_children():
            self.add_module(name, child)
        width = net.width
        self.classifier = MultiHead(width, classes,
                                    temperatures or DEFAULT_TEMPERATURES[heads], lam)

    def forward(self, x):
        return self.classifier(backbone_forward(self, x))


# --- Vision Transformer in timm's original layout (ViT-B/16, ViT-L/16), plain torch ---------

VIT_SHAPES = {"vit_b16": (12, 768, 12, 16), "vit_l16": (24, 1024, 16, 16)}


class PatchEmbed(nn.Module):
    def __init__(self, patch, dim):
        super().__init__()
        self.proj = nn.Conv2d(3, dim, patch, patch)

    def forward(self, x):
        return self.proj(x)


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.softmax((q @ k.transpose(-2, -1)) * self.scale, dim=-1)
        return self.proj((att @ v).transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class VitBlock(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, dim * 4)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


def resize_pos_embed(posemb, grid):
    """timm's resize_pos_embed: class token kept, the grid part resized bicubically."""
    token, rest = posemb[:, :1], posemb[:, 1:]
    old = int(math.sqrt(rest.shape[1]))
    if old == grid:
        return posemb
    rest = rest.reshape(1, old, old, -1).permute(0, 3, 1, 2)
    rest = torch.nn.functional.interpolate(rest, size=(grid, grid), mode="bicubic",
                                           align_corners=False)
    rest = rest.permute(0, 2, 3, 1).reshape(1, grid * grid, -1)
    return torch.cat([token, rest], dim=1)


def add_vit_modules(module, depth, dim, heads, patch, grid):
    """Registers timm's ViT parameters on `module` under their state_dict names."""
    module.patch_embed = PatchEmbed(patch, dim)
    module.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
    module.pos_embed = nn.Parameter(torch.zeros(1, grid * grid + 1, dim))
    module.blocks = nn.Sequential(*[VitBlock(dim, heads) for _ in range(depth)])
    module.norm = nn.LayerNorm(dim, eps=1e-6)
    module.width = dim


def vit_forward(net, x):
    """Feature map (B, d, h, w): final norm, class token dropped, tokens row-major."""
    p = net.patch_embed(x)
    b, d, h, w = p.shape
    tokens = torch.cat([net.cls_token.expand(b, -1, -1), p.flatten(2).transpose(1, 2)], dim=1)
    tokens = net.norm(net.blocks(tokens + resize_pos_embed(net.pos_embed, h)))
    return tokens[:, 1:].transpose(1, 2).reshape(b, d, h, w)


class CsraViT(nn.Module):
    """ViT + CSRA head with the official CSRA ViT state_dict names."""

    def __init__(self, depth, dim, heads, patch, grid, classes, temperatures, lam):
        super().__init__()
        add_vit_modules(self, depth, dim, heads, patch, grid)
        self.classifier = MultiHead(dim, classes, temperatures, lam)

    def forward(self, x):
        return self.classifier(vit_forward(self, x))
