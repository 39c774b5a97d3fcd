#!/usr/bin/python3
"""The peer of cadview-bench-inference: what a Python user writes to classify radiographs with a
TorchScript model and save Grad-CAM heatmaps over the images, done the ordinary way with python3-torch,
numpy and PIL. The same work as `cadview-cli classify --csv FILE --heatmaps DIR`: read the image,
window-normalise (numpy), resize to the model's input (torch.nn.functional.interpolate, bilinear,
align_corners=False), one forward pass, the manifest's activation, and per label: Grad-CAM from the
feature-map output (torch.autograd.grad), stretched to the image (interpolate), scaled to [0, 1], coloured
with the same jet-like map and blended at opacity 0.5 above 0.2 over the image in grey (display window:
0.5th to 99.5th percentile, np.percentile), saved with PIL at the given zlib level. One CSV row per image.

    /usr/bin/python3 bench/python_classify.py --model-dir DIR --model NAME --csv OUT [--heatmaps DIR]
        [--threads N] [--png-level L] IMAGE...
"""

import argparse
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image


def jet():
    v = np.arange(256) / 255.0
    channel = lambda centre: np.clip(1.5 - np.abs(4.0 * v - centre), 0.0, 1.0)
    return np.floor(np.stack([channel(3), channel(2), channel(1)], axis=1) * 255 + 0.5).astype(np.uint8)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--heatmaps")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--png-level", type=int, default=1)
    parser.add_argument("images", nargs="+")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)

    folder = os.path.join(args.model_dir, args.model)
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    model = torch.jit.load(os.path.join(folder, manifest["file"])).float()  # weights may be float16
    model.eval()
    norm, out = manifest["normalization"], manifest["output"]
    low, width = norm["center"] - norm["width"] / 2, norm["width"]
    size_x, size_y = manifest["input"]["size"]
    names = [label["name"] for label in manifest["labels"]]
    activation = {"sigmoid": torch.sigmoid, "softmax": lambda t: torch.softmax(t, dim=1),
                  "none": lambda t: t}[out["activation"]]
    colours = jet()
    if args.heatmaps:
        os.makedirs(args.heatmaps, exist_ok=True)

    rows = ["path," + ",".join(names)]
    for path in args.images:
        image = np.asarray(Image.open(path).convert("L"), dtype=np.float64)
        x = np.clip((image - low) / width, 0.0, 1.0).astype(np.float32)
        x = F.interpolate(torch.from_numpy(x)[None, None], size=(size_y, size_x), mode="bilinear",
                          align_corners=False)
        if not args.heatmaps:
            with torch.no_grad():
                logits = model(x)[out.get("logits", 0)]
            rows.append(path + "," + ",".join("%.9g" % p for p in activation(logits)[0].tolist()))
            continue
        # Unoptimised, as cadview does too: LibTorch 1.13's optimised graph loses the path from the scores
        # to the returned feature map from the second call on ("not used in the graph").
        with torch.jit.optimized_execution(False):
            outputs = model(x.requires_grad_(True))
        logits, features = outputs[out.get("logits", 0)], outputs[out["feature_map"]]
        rows.append(path + "," + ",".join("%.9g" % p for p in activation(logits)[0].tolist()))
        lo, hi = np.percentile(image, [0.5, 99.5])
        grey = np.clip((image - lo) / max(hi - lo, 1e-6) * 255.0 + 0.5, 0, 255).astype(np.uint8)
        grey = np.stack([grey] * 3, axis=2)
        stem = os.path.splitext(os.path.basename(path))[0]
        for c, name in enumerate(names):
            (grads,) = torch.autograd.grad(logits[0, c], features, retain_graph=c + 1 < len(names))
            weights = grads.mean(dim=(2, 3), keepdim=True)
            cam = torch.relu((weights * features).sum(dim=1, keepdim=True)).detach()
            heat = F.interpolate(cam, size=image.shape, mode="bilinear", align_corners=False)[0, 0].numpy()
            top = heat.max()
            heat = heat / top if top > 0 else np.zeros_like(heat)
            shown = (heat >= 0.2) & (heat > 0)
            colour = colours[(np.clip(heat, 0, 1) * 255 + 0.5).astype(np.intp)]
            overlay = grey.copy()
            overlay[shown] = ((grey[shown].astype(np.uint16) * 128 + colour[shown].astype(np.uint16) * 128)
                              >> 8).astype(np.uint8)
            Image.fromarray(overlay).save(os.path.join(args.heatmaps, "%s_%s.png" % (stem, name)),
                                          compress_level=args.png_level)
    with open(args.csv, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
