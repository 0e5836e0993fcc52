"""PyTorch's own eager forward time for CSRA (ResNet or ViT), for `csra bench --python`.

Prints one JSON line: {"torch", "threads", "forward_ms"} (median over iterations, batch 1,
random weights, eval mode, grad disabled).

With --serve it first prints {"torch", "threads", "ready": true}, then runs one forward for
each line "run" it reads on standard input and prints that forward's time in ms, so that the
Java benchmark can interleave its own iterations with PyTorch's and both see the same machine
load.

With --eval-loop VOCDIR --checkpoint FILE it runs the authors' evaluation recipe (val.py) in plain
PyTorch over the VOC test split: a DataLoader (batch 16, one worker) whose dataset decodes each
JPEG with PIL, resizes it to size x size (PIL bilinear, as torchvision's Resize on a PIL image)
and normalises it, then the network's forward and sigmoid per batch. torchvision is not needed:
the transforms are written with PIL and torch. Prints {"torch", "images", "loop_images_per_s"}.
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


MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


class VocTest(torch.utils.data.Dataset):
    """The VOC 2007 test split's images, as val.py's transform makes them."""

    def __init__(self, root, size):
        voc = os.path.join(root, "VOC2007") if os.path.isdir(os.path.join(root, "VOC2007")) else root
        with open(os.path.join(voc, "ImageSets", "Main", "test.txt")) as f:
            ids = [line.split()[0] for line in f if line.strip()]
        self.files = [os.path.join(voc, "JPEGImages", i + ".jpg") for i in ids]
        self.size = size
        self.mean = torch.tensor(MEAN).view(3, 1, 1)
        self.std = torch.tensor(STD).view(3, 1, 1)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        from PIL import Image
        img = Image.open(self.files[i]).convert("RGB").resize((self.size, self.size), Image.BILINEAR)
        x = torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8)
        x = x.view(self.size, self.size, 3).permute(2, 0, 1).float().div_(255)
        return (x - self.mean) / self.std


def eval_loop(net, a):
    state = torch.load(a.checkpoint, map_location="cpu", weights_only=True)
    missing, unexpected = net.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise SystemExit("bench_pytorch.py: checkpoint does not fit: missing %s, unexpected %s"
                         % (missing[:5], unexpected[:5]))
    loader = torch.utils.data.DataLoader(VocTest(a.eval_loop, a.size), batch_size=a.batch,
                                         shuffle=False, num_workers=1)
    t = time.perf_counter()
    images = 0
    for x in loader:
        out = net(x)
        torch.sigmoid(out[0] if isinstance(out, tuple) else out)
        images += x.shape[0]
    loop = time.perf_counter() - t
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "images": images, "loop_images_per_s": images / loop}))


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
    p.add_argument("--eval-loop", default=None, help="a VOC folder: run val.py's loop over it")
    p.add_argument("--checkpoint", default=None)
    p.add_argument("--batch", type=int, default=16)
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
    if a.eval_loop:
        eval_loop(net, a)
        return
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
