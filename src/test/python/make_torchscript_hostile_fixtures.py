"""Writes the hostile TorchScript and weight fixtures under src/test/resources/vit/, made from
the parity fixtures of make_vit_fixtures.py (run that first):

- short_storage.pt: tiny_cnn.pt with the storage data/7 cut to 100 of its 4608 bytes; its
  data.pkl still declares 1152 float32 elements (libtorch 2.7 reads past the buffer).
- nan_when_bright.pt: a scripted CNN giving (B, 16, S/4, S/4) that is finite for the all-zero
  probe batch but NaN once any input value exceeds 0.5.
- batch_of_one.pt: a scripted CNN that returns the feature map of the first image only.
- tiny_cnn_head_nan.pth: tiny_cnn_head.pth with one NaN in the CSRA head's weight.
- tiny_cnn_fc_huge.pth: tiny_cnn_fc.pth with every classifier weight 3e38 (finite), so
  that the logits overflow float32.

Run:  /usr/bin/python3 src/test/python/make_torchscript_hostile_fixtures.py
"""
import os
import zipfile

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "vit")


class Features(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, 4, 1)

    def forward(self, x):
        return self.conv(x)


class NanWhenBright(Features):
    def forward(self, x):
        y = self.conv(x)
        return y * torch.where(x.amax() > 0.5, torch.tensor(float("nan")), torch.tensor(1.0))


class BatchOfOne(Features):
    def forward(self, x):
        return self.conv(x)[:1]


def short_storage():
    src = os.path.join(OUT, "tiny_cnn.pt")
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(os.path.join(OUT, "short_storage.pt"), "w",
                                                     zipfile.ZIP_STORED) as out:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename.startswith("tiny_cnn/"):
                name = "short_storage/" + info.filename[len("tiny_cnn/"):]
            else:
                name = info.filename
            if name == "short_storage/data/7":
                assert len(data) == 4608, len(data)
                data = data[:100]
            out.writestr(name, data)


def main():
    torch.manual_seed(5)
    torch.jit.script(NanWhenBright().eval()).save(os.path.join(OUT, "nan_when_bright.pt"))
    torch.jit.script(BatchOfOne().eval()).save(os.path.join(OUT, "batch_of_one.pt"))
    short_storage()
    head = torch.load(os.path.join(OUT, "tiny_cnn_head.pth"))
    key = "classifier.multi_head.0.head.weight"
    head[key] = head[key].clone()
    head[key].view(-1)[5] = float("nan")
    torch.save(head, os.path.join(OUT, "tiny_cnn_head_nan.pth"))
    fc = torch.load(os.path.join(OUT, "tiny_cnn_fc.pth"))
    fc["fc.weight"] = torch.full_like(fc["fc.weight"], 3e38)
    torch.save(fc, os.path.join(OUT, "tiny_cnn_fc_huge.pth"))


if __name__ == "__main__":
    main()
