#!/usr/bin/python3
"""Runs a cadview model (TorchScript file + manifest.json) on 2D images the ordinary Python way, as its
author would: PIL to read, numpy for the window normalisation, torch.nn.functional.interpolate
(bilinear, align_corners=False) to resize, the model, then the manifest's activation. Nothing from
cadview is used. The CLI tests compare cadview-cli's results with these (tests/cli/InferenceCliTest.cpp):
probabilities to 1e-5, label maps exactly. Debian's python3-torch, python3-numpy and python3-pil:

    /usr/bin/python3 tests/models/python_reference.py classify --model-dir DIR --model NAME --csv OUT IMAGE...
    /usr/bin/python3 tests/models/python_reference.py segment --model-dir DIR --model NAME --input IMAGE --output OUT.png

classify writes the same CSV as `cadview-cli classify` (path, one probability per label); segment writes
the label map as an 8-bit PNG (label values from the manifest) and prints "value<TAB>name<TAB>N voxels".
Supported: 2d models with `resample: size`, window normalisation, one input channel.
"""

import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image


def load_model(model_dir, name):
    folder = os.path.join(model_dir, name)
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    inp, norm = manifest["input"], manifest["normalization"]
    if inp["kind"] != "2d" or inp.get("resample", "size") != "size" or inp["channels"] != 1:
        sys.exit("python_reference: only 2d, resample size, 1-channel models")
    if norm["type"] != "window":
        sys.exit("python_reference: only window normalisation")
    model = torch.jit.load(os.path.join(folder, manifest["file"])).float()  # weights may be float16
    model.eval()
    return manifest, model


def read_input(path, manifest):
    """The image as a (1, 1, H, W) float32 tensor on the model's grid, and the image's own (h, w)."""
    image = np.asarray(Image.open(path).convert("L"), dtype=np.float64)
    norm = manifest["normalization"]
    low = norm["center"] - norm["width"] / 2
    x = np.clip((image - low) / norm["width"], 0.0, 1.0).astype(np.float32)
    width, height = manifest["input"]["size"]  # x first
    t = F.interpolate(torch.from_numpy(x)[None, None], size=(height, width), mode="bilinear",
                      align_corners=False)
    return t, image.shape


def logits_of(model, manifest, x):
    out = model(x)
    if isinstance(out, (tuple, list)):
        out = out[manifest["output"].get("logits", 0)]
    return out


def activate(manifest, logits):
    act = manifest["output"]["activation"]
    if act == "softmax":
        return torch.softmax(logits, dim=1)
    if act == "sigmoid":
        return torch.sigmoid(logits)
    return logits


def classify(args):
    manifest, model = load_model(args.model_dir, args.model)
    rows = ["path," + ",".join(label["name"] for label in manifest["labels"])]
    with torch.no_grad():
        for path in args.images:
            x, _ = read_input(path, manifest)
            p = activate(manifest, logits_of(model, manifest, x))[0]
            rows.append(path + "," + ",".join("%.9g" % v for v in p.tolist()))
    with open(args.csv, "w") as f:
        f.write("\n".join(rows) + "\n")


def segment(args):
    manifest, model = load_model(args.model_dir, args.model)
    if manifest["output"]["activation"] != "softmax":
        sys.exit("python_reference: only softmax segmenters (channel 0 background)")
    with torch.no_grad():
        x, (h, w) = read_input(args.input, manifest)
        p = activate(manifest, logits_of(model, manifest, x))
        p = F.interpolate(p, size=(h, w), mode="bilinear", align_corners=False)
        channel = torch.argmax(p[0], dim=0).numpy()
    values = np.array([0] + [label["value"] for label in manifest["labels"]], dtype=np.uint8)
    labels = values[channel]
    Image.fromarray(labels).save(args.output)
    for label in manifest["labels"]:
        print("%d\t%s\t%d voxels" % (label["value"], label["name"], int((labels == label["value"]).sum())))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("classify")
    c.add_argument("--model-dir", required=True)
    c.add_argument("--model", required=True)
    c.add_argument("--csv", required=True)
    c.add_argument("images", nargs="+")
    s = sub.add_parser("segment")
    s.add_argument("--model-dir", required=True)
    s.add_argument("--model", required=True)
    s.add_argument("--input", required=True)
    s.add_argument("--output", required=True)
    args = parser.parse_args()
    classify(args) if args.command == "classify" else segment(args)


if __name__ == "__main__":
    main()
