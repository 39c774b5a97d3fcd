#!/usr/bin/python3
"""Writes the TorchScript test models and their manifests: models whose right answers are known by
construction, plus deliberately broken ones.

Run with Debian's interpreter, which has python3-torch (scripts/install-deps.sh):

    /usr/bin/python3 tests/models/make_test_models.py OUTDIR

CTest runs it as the fixture `test_models` into <build>/test-models; the benchmark runs it into
/tmp/cadview-bench/models. Every model folder holds model.pt and manifest.json (docs/model-manifest.md).

The models and what they are known to do:

  test-seg3d       3D, a 1x1x1 convolution giving logits [-10 (x - 0.5), 10 (x - 0.5)] for the normalised
                   intensity x: label 5 exactly where x > 0.5. Window 100.3 +- 100 (x = (v - 0.3) / 200), so
                   label 5 <=> v >= 101 for integer v. Resampled to 1 mm, windows of 16 x 16 x 8.
  test-seg2d       the same as a 2D model (1x1 convolution), label 2, 1 mm, tiles of 64 x 64.
  test-seg2d-half  test-seg2d with its weights stored as float16 (exact: -10, 10, 5, -5), as a bundled model
                   may store them; cadview computes in float32, so its labels are test-seg2d's.
  test-seg2d-size  the same 2D network with `resample: size` to 256 x 256 and window 127.7 +- 127.5 (for
                   8-bit radiographs; 0.5 falls between grey levels 127 and 128).
  test-seg25d      2.5D with 3 channels (slices z-1, z, z+1 in that order), thresholding channel 0 only:
                   label 3 on slice z <=> the voxel below it on slice z-1 (clamped) exceeds the threshold.
  test-cls-gradcam classifier, input 64 x 64: the feature map is the 8 x 8 average-pooled image masked to
                   its top-left quadrant (rows and columns 0-3), s = mean(feature map), logits
                   [8 s - 1, 4 s - 0.5], sigmoid. Outputs (logits, feature map); the manifest names the
                   feature map, so Grad-CAM can only light the top-left quadrant of the image. For a uniform
                   image with normalised value x: s = x / 4, p = sigmoid(2x - 1), sigmoid(x - 0.5).
  test-cls-occlusion the same network returning the logits only, no feature map in the manifest:
                   cadview falls back to occlusion, which also lights the top-left quadrant only.
  test-cls-resnet  a small ResNet-like classifier (random weights, seed 7), 224 x 224 input, 2 sigmoid labels,
                   Grad-CAM on its last 14 x 14 feature map; traced with torch.jit.trace as users often do.
                   For the benchmark and the Python-reference comparison (speed and agreement, not accuracy).
  broken-input-size a classifier with a Linear layer for 32 x 32 inputs; the manifest says 64 x 64.
  broken-channels  a segmenter with 3 output channels; the manifest has one label (2 channels expected).
  broken-garbage   model.pt is random bytes.
  broken-truncated model.pt is the first half of a valid TorchScript file.
  broken-oom       segments like test-seg2d-size, but asks for 256 TiB at once when it sees a bright
                   pixel: the dry run (zeros) passes, a real image runs out of memory.
  broken-nan       segments like test-seg2d-size, but answers NaN once any pixel is bright: the dry run
                   passes, a real image gets NaN logits.
  broken-loop      segments like test-seg2d-size, but loops for ever once any pixel is bright (a model that
                   hangs on real data after passing the dry run): only --timeout or a signal ends it.
  broken-huge-input test-seg2d-size's network with a manifest input of 60000 x 60000 (14 GB as float32).
"""

import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


def write(outdir, name, module, manifest, example=None, half=False):
    folder = os.path.join(outdir, name)
    os.makedirs(folder, exist_ok=True)
    module.eval()
    if example is None:
        scripted = torch.jit.script(module)
    else:
        with torch.no_grad():
            scripted = torch.jit.trace(module, example)
    if half:
        scripted = scripted.half()
    scripted.save(os.path.join(folder, "model.pt"))
    manifest = dict({"schema": 1, "name": name, "version": "1.0.0", "file": "model.pt"}, **manifest)
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return folder


def window(center, width):
    return {"type": "window", "center": center, "width": width}


def label(value, name, color="#ff4040"):
    return {"value": value, "name": name, "color": color}


class Threshold(nn.Module):
    """Logits [-10 (x_c - 0.5), 10 (x_c - 0.5)] of one input channel c, per voxel (2D or 3D)."""

    def __init__(self, dims, in_channels=1, channel=0, out_channels=2):
        super().__init__()
        conv = nn.Conv3d if dims == 3 else nn.Conv2d
        self.conv = conv(in_channels, out_channels, 1)
        with torch.no_grad():
            self.conv.weight.zero_()
            self.conv.bias.zero_()
            self.conv.weight[0, channel] = -10.0
            self.conv.weight[1, channel] = 10.0
            self.conv.bias[0] = 5.0
            self.conv.bias[1] = -5.0

    def forward(self, x):
        return self.conv(x)


class Quadrant(nn.Module):
    """Sees only the top-left quadrant of its 8 x 8 feature map."""

    def __init__(self):
        super().__init__()
        mask = torch.zeros(1, 1, 8, 8)
        mask[:, :, :4, :4] = 1.0
        self.register_buffer("mask", mask)
        self.fc = nn.Linear(1, 2)
        with torch.no_grad():
            self.fc.weight.copy_(torch.tensor([[8.0], [4.0]]))
            self.fc.bias.copy_(torch.tensor([-1.0, -0.5]))

    def features(self, x):
        return F.adaptive_avg_pool2d(x, 8) * self.mask

    def forward(self, x):
        f = self.features(x)
        logits = self.fc(f.mean(dim=(2, 3)))
        return logits, f


class QuadrantLogitsOnly(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = Quadrant()

    def forward(self, x):
        return self.net(x)[0]


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.skip = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.skip(x))


class TinyResNet(nn.Module):
    """224 x 224 -> 14 x 14 x 128 features -> 2 logits."""

    def __init__(self, labels=2):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.layers = nn.Sequential(Block(16, 32, 2), Block(32, 64, 2), Block(64, 128, 2))
        self.fc = nn.Linear(128, labels)

    def forward(self, x):
        f = self.layers(self.stem(x))
        return self.fc(f.mean(dim=(2, 3))), f


class FlatClassifier(nn.Module):
    """Only accepts 32 x 32 inputs (a Linear layer over the flattened image)."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(32 * 32, 2)

    def forward(self, x):
        return self.fc(torch.flatten(x, 1))


class MemoryHog(nn.Module):
    """Foreground where the input exceeds one half; 256 TiB more once any pixel does."""

    def forward(self, x):
        if bool(x.max() > 0.5):
            x = x + torch.zeros([1 << 23, 1 << 23]).sum()
        return torch.cat([0.5 - x, x - 0.5], 1)


class NanOnBright(nn.Module):
    """Foreground where the input exceeds one half; NaN everywhere once any pixel does."""

    def forward(self, x):
        logits = torch.cat([0.5 - x, x - 0.5], 1)
        if bool(x.max() > 0.5):
            logits = logits * float("nan")
        return logits


class LoopOnBright(nn.Module):
    """Foreground where the input exceeds one half; never returns once any pixel does."""

    def forward(self, x):
        n = 0
        while bool(x.max() > 0.5):
            n += 1
        return torch.cat([0.5 - x, x - 0.5], 1) + n


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_test_models.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(7)
    seg_output = {"activation": "softmax", "overlap": 0.5}

    write(out, "test-seg3d", Threshold(3), {
        "task": "segmentation",
        "description": "Test: label 5 where the windowed intensity exceeds one half (3D, 1 mm).",
        "modality": ["CT", "MR"],
        "input": {"kind": "3d", "size": [16, 16, 8], "spacing": [1.0, 1.0, 1.0], "channels": 1,
                  "resample": "spacing"},
        "normalization": window(100.3, 200),
        "labels": [label(5, "bright")],
        "output": seg_output,
    })
    seg2d = {
        "task": "segmentation",
        "description": "Test: label 2 where the windowed intensity exceeds one half (2D, 1 mm).",
        "input": {"kind": "2d", "size": [64, 64], "spacing": [1.0, 1.0], "channels": 1, "resample": "spacing"},
        "normalization": window(100.3, 200),
        "labels": [label(2, "bright")],
        "output": seg_output,
    }
    write(out, "test-seg2d", Threshold(2), seg2d)
    write(out, "test-seg2d-half", Threshold(2), dict(seg2d, description="Test: test-seg2d with float16 weights."),
          half=True)
    write(out, "test-seg2d-size", Threshold(2), {
        "task": "segmentation",
        "description": "Test: label 1 where the windowed intensity exceeds one half (2D, 256 x 256).",
        "input": {"kind": "2d", "size": [256, 256], "channels": 1, "resample": "size"},
        "normalization": window(127.7, 255),
        "labels": [label(1, "bright", "#3fa7ff")],
        "output": {"activation": "softmax"},
    })
    write(out, "test-seg25d", Threshold(2, in_channels=3, channel=0), {
        "task": "segmentation",
        "description": "Test: label 3 where the slice below exceeds one half (2.5D, 3 slices).",
        "input": {"kind": "2.5d", "size": [64, 64], "spacing": [1.0, 1.0], "channels": 3,
                  "resample": "spacing"},
        "normalization": window(100.3, 200),
        "labels": [label(3, "below")],
        "output": seg_output,
    })

    quadrant_manifest = {
        "task": "classification",
        "input": {"kind": "2d", "size": [64, 64], "channels": 1, "resample": "size"},
        "normalization": window(128, 256),
        "labels": [label(0, "first", "#ff0000"), label(1, "second", "#00ff00")],
    }
    write(out, "test-cls-gradcam", Quadrant(), dict(
        quadrant_manifest,
        description="Test: looks only at the top-left quadrant (Grad-CAM feature map).",
        output={"activation": "sigmoid", "logits": 0, "feature_map": 1}))
    write(out, "test-cls-occlusion", QuadrantLogitsOnly(), dict(
        quadrant_manifest,
        description="Test: looks only at the top-left quadrant (no feature map: occlusion).",
        output={"activation": "sigmoid"}))

    resnet = TinyResNet()
    with torch.no_grad():  # non-trivial batch-norm statistics, so the network is not the identity
        for m in resnet.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
        resnet.fc.weight.mul_(20.0)
    write(out, "test-cls-resnet", resnet, {
        "task": "classification",
        "description": "Test: small ResNet-like chest X-ray classifier (random weights; for speed tests).",
        "modality": ["CR", "DX", "XR"],
        "input": {"kind": "2d", "size": [224, 224], "channels": 1, "resample": "size"},
        "normalization": window(128, 256),
        "labels": [label(0, "opacity", "#ff0000"), label(1, "effusion", "#00ff00")],
        "output": {"activation": "sigmoid", "logits": 0, "feature_map": 1},
    }, example=torch.rand(1, 1, 224, 224))

    write(out, "broken-input-size", FlatClassifier(), {
        "task": "classification",
        "input": {"kind": "2d", "size": [64, 64], "channels": 1, "resample": "size"},
        "normalization": window(128, 256),
        "labels": [label(0, "a"), label(1, "b")],
        "output": {"activation": "softmax"},
    })
    write(out, "broken-channels", Threshold(2, out_channels=3), {
        "task": "segmentation",
        "input": {"kind": "2d", "size": [64, 64], "channels": 1, "resample": "size"},
        "normalization": window(100.3, 200),
        "labels": [label(1, "bright")],
        "output": {"activation": "softmax"},
    })
    garbage = write(out, "broken-garbage", Threshold(2), {
        "task": "segmentation",
        "input": {"kind": "2d", "size": [64, 64], "channels": 1, "resample": "size"},
        "normalization": window(100.3, 200),
        "labels": [label(1, "bright")],
        "output": {"activation": "softmax"},
    })
    with open(os.path.join(garbage, "model.pt"), "wb") as f:
        f.write(bytes((i * 7919 + 13) % 251 for i in range(4096)))
    truncated = write(out, "broken-truncated", Threshold(2), {
        "task": "segmentation",
        "input": {"kind": "2d", "size": [64, 64], "channels": 1, "resample": "size"},
        "normalization": window(100.3, 200),
        "labels": [label(1, "bright")],
        "output": {"activation": "softmax"},
    })
    path = os.path.join(truncated, "model.pt")
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data[: len(data) // 2])
    write(out, "broken-oom", MemoryHog(), {
        "task": "segmentation",
        "input": {"kind": "2d", "size": [64, 64], "channels": 1, "resample": "size"},
        "normalization": window(100.3, 200),
        "labels": [label(1, "bright")],
        "output": {"activation": "softmax"},
    })
    bright_2d = {
        "task": "segmentation",
        "input": {"kind": "2d", "size": [64, 64], "channels": 1, "resample": "size"},
        "normalization": window(100.3, 200),
        "labels": [label(1, "bright")],
        "output": {"activation": "softmax"},
    }
    write(out, "broken-nan", NanOnBright(), bright_2d)
    write(out, "broken-loop", LoopOnBright(), bright_2d)
    write(out, "broken-huge-input", Threshold(2), dict(
        bright_2d, input={"kind": "2d", "size": [60000, 60000], "channels": 1, "resample": "size"}))
    print("make_test_models: wrote", len(os.listdir(out)), "models to", out)


if __name__ == "__main__":
    main()
