"""Shared pieces of the training recipes in resources/models/<name>/train.py.

Everything here mirrors what cadview does at inference time (docs/model-manifest.md), so that a model
trained on these inputs sees the same numbers in cadview-cli and in the viewer:

- images are read as float, colour reduced to luminance 0.299 R + 0.587 G + 0.114 B;
- `percentile` normalisation takes the value at nearest rank round(p / 100 x (n - 1)) of the sorted voxels,
  maps low..high to 0..1 and clips; `zscore` subtracts the mean and divides by the population SD;
- resizing is torch.nn.functional.interpolate(bilinear, align_corners=False) of the normalised image.

Debian's python3-torch (1.13, the same build as libtorch-dev), python3-numpy, python3-pil, python3-nibabel.
"""

import json
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

DATA = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))


def setup(seed, threads=2):
    """Deterministic seeds and a fixed number of intra-op threads."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True, warn_only=True)


def read_grey(path):
    """A 2D image as float64 (H, W), colour reduced to luminance as cadview does."""
    image = Image.open(path)
    if image.mode in ("RGB", "RGBA", "P"):
        rgb = np.asarray(image.convert("RGB"), dtype=np.float64)
        return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    return np.asarray(image.convert("L") if image.mode not in ("L", "I;16", "I") else image,
                      dtype=np.float64)


def percentile_normalise(image, low, high):
    values = np.sort(image, axis=None)
    n = values.size
    lo = values[min(n - 1, int(np.floor(low / 100 * (n - 1) + 0.5)))]
    hi = values[min(n - 1, int(np.floor(high / 100 * (n - 1) + 0.5)))]
    scale = 1.0 / (hi - lo) if hi > lo else 1.0
    return np.clip((image - lo) * scale, 0.0, 1.0)


def zscore_normalise(volume):
    sd = volume.std()
    return (volume - volume.mean()) / (sd if sd > 0 else 1.0)


def resize(array, height, width, mode="bilinear"):
    """(C, H, W) or (H, W) numpy -> float32 tensor (C, height, width), align_corners=False."""
    t = torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32))
    if t.dim() == 2:
        t = t[None]
    if mode == "nearest":
        return F.interpolate(t[None], size=(height, width), mode="nearest")[0]
    return F.interpolate(t[None], size=(height, width), mode=mode, align_corners=False)[0]


class ConvBlock(nn.Sequential):
    def __init__(self, cin, cout):
        super().__init__(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True), nn.Conv2d(cout, cout, 3, padding=1, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class UNet(nn.Module):
    """A plain 2D U-Net (Ronneberger et al. 2015) with batch norm: `depth` poolings, `base` channels at the
    top, doubling per level; logits for `classes` channels (channel 0 background) at the input's size."""

    def __init__(self, in_channels, classes, base=16, depth=4):
        super().__init__()
        widths = [base * 2**i for i in range(depth + 1)]
        self.down = nn.ModuleList()
        cin = in_channels
        for w in widths:
            self.down.append(ConvBlock(cin, w))
            cin = w
        self.up = nn.ModuleList()
        self.merge = nn.ModuleList()
        for w in reversed(widths[:-1]):
            self.up.append(nn.ConvTranspose2d(cin, w, 2, stride=2))
            self.merge.append(ConvBlock(2 * w, w))
            cin = w
        self.head = nn.Conv2d(cin, classes, 1)

    def forward(self, x):
        skips = []
        for i, block in enumerate(self.down):
            if i > 0:
                x = F.max_pool2d(x, 2)
            x = block(x)
            skips.append(x)
        skips.pop()
        for up, merge in zip(self.up, self.merge):
            x = up(x)
            x = merge(torch.cat([skips.pop(), x], dim=1))
        return self.head(x)


def soft_dice_loss(logits, target, valid):
    """1 - soft Dice of the foreground channels (softmax), over voxels where `valid`."""
    p = torch.softmax(logits, dim=1)[:, 1:]
    onehot = F.one_hot(target.clamp(min=0), logits.shape[1]).permute(0, 3, 1, 2)[:, 1:].float()
    v = valid[:, None].float()
    inter = (p * onehot * v).sum(dim=(0, 2, 3))
    denom = (p * v).sum(dim=(0, 2, 3)) + (onehot * v).sum(dim=(0, 2, 3))
    return 1 - ((2 * inter + 1) / (denom + 1)).mean()


def dice(a, b):
    """Dice of two boolean arrays; 1 when both are empty."""
    s = a.sum() + b.sum()
    return 1.0 if s == 0 else 2.0 * np.logical_and(a, b).sum() / s


def random_affine(batch, max_rotate=10.0, scale=(0.9, 1.1), shift=0.06, generator=None):
    """Affine grids for a batch (N, C, H, W): the same random rotation, scale and shift per sample for
    image and mask (use grid_sample with bilinear for images and nearest for masks)."""
    n = batch.shape[0]
    g = generator
    angle = (torch.rand(n, generator=g) * 2 - 1) * max_rotate * np.pi / 180
    s = scale[0] + torch.rand(n, generator=g) * (scale[1] - scale[0])
    t = (torch.rand(n, 2, generator=g) * 2 - 1) * shift * 2
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = torch.cos(angle) / s
    theta[:, 0, 1] = -torch.sin(angle) / s
    theta[:, 1, 0] = torch.sin(angle) / s
    theta[:, 1, 1] = torch.cos(angle) / s
    theta[:, :, 2] = t
    return F.affine_grid(theta, list(batch.shape), align_corners=False)


def save_model(folder, module, example, manifest, script=True):
    """TorchScript (scripted, or traced on `example`) and manifest.json into `folder`; returns the
    scripted module."""
    module.eval()
    with torch.no_grad():
        scripted = torch.jit.script(module) if script else torch.jit.trace(module, example)
    scripted.save(os.path.join(folder, manifest["file"]))
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return scripted


def roc_auc(scores, positive):
    """Area under the ROC curve by the Mann-Whitney U statistic (ties count one half)."""
    scores = np.asarray(scores, dtype=np.float64)
    positive = np.asarray(positive, dtype=bool)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    n1, n0 = positive.sum(), (~positive).sum()
    return (ranks[positive].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def write_json(path, data):
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


class Clock:
    def __init__(self):
        self.start = time.time()

    def __str__(self):
        return "%6.1f min" % ((time.time() - self.start) / 60)
