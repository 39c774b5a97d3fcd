#!/usr/bin/python3
"""Writes resources/models/<name>/reference.json: a few outputs of each bundled model computed the ordinary
Python way (the recipes' own pre-processing, PyTorch, nibabel, PIL), which tests/inference/BundledModelsTest
compares with cadview's. Run after training:

    /usr/bin/python3 training/make_reference_outputs.py [MODEL ...]

Inputs are paths relative to ../shared/data; the outputs are the probabilities of the classifier and, for
the segmenters, the foreground voxel count and the mask's bounding box.
"""

import importlib.util
import json
import os
import sys

import numpy as np
import torch

import cadview_training as ct

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "resources", "models")


def recipe(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(MODELS, name, "train.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bbox(mask):
    """[x0, y0, z0, x1, y1, z1] of a (Z, H, W) or (H, W) mask, cadview's index order, inclusive."""
    idx = np.argwhere(mask)
    lo, hi = idx.min(axis=0)[::-1], idx.max(axis=0)[::-1]
    if mask.ndim == 2:
        lo, hi = np.append(lo, 0), np.append(hi, 0)
    return [int(v) for v in lo] + [int(v) for v in hi]


def pneumonia():
    r = recipe("cxr-pneumonia")
    model = torch.jit.load(os.path.join(MODELS, "cxr-pneumonia", "model.pt")).float().eval()
    cases = []
    for rel in ["cxr_pneumoniamnist/val/normal/val_00003.png", "cxr_pneumoniamnist/val/pneumonia/val_00000.png",
                "cxr_pneumoniamnist/val/pneumonia/val_00002.png"]:
        path = os.path.join(ct.DATA, rel)
        if not os.path.exists(path):
            continue
        x = torch.from_numpy(ct.percentile_normalise(ct.read_grey(path), r.LOW, r.HIGH).astype(np.float32))
        with torch.no_grad():
            p = torch.sigmoid(model(x[None, None])[0])[0, 0].item()
        cases.append({"input": rel, "probabilities": [p]})
    return cases


def lung():
    r = recipe("cxr-lung-seg")
    model = torch.jit.load(os.path.join(MODELS, "cxr-lung-seg", "model.pt")).float().eval()
    split = json.load(open(os.path.join(MODELS, "cxr-lung-seg", "split.json")))
    cases = []
    for name in split["test"][:3]:
        rel = os.path.join("cxr_lung_seg", name)
        image = ct.percentile_normalise(ct.read_grey(os.path.join(ct.DATA, rel)), r.LOW, r.HIGH)
        mask = r.predict_full(model, image)
        cases.append({"input": rel, "voxels": int(mask.sum()), "bbox": bbox(mask)})
    return cases


def lgg():
    r = recipe("lgg-flair-seg")
    model = torch.jit.load(os.path.join(MODELS, "lgg-flair-seg", "model.pt")).float().eval()
    split = json.load(open(os.path.join(MODELS, "lgg-flair-seg", "split.json")))
    root = os.path.join(ct.DATA, "mr_brain_lgg_flair")
    cases = []
    size = json.load(open(os.path.join(MODELS, "lgg-flair-seg", "manifest.json")))["input"]["size"][0]
    for case in split["test"][:2]:
        inputs, _, truth = r.read_case(root, case, size)
        mask = r.predict_bundled(model, inputs, truth.shape[1:])
        cases.append({"input": "mr_brain_lgg_flair/%s/flair.nii.gz" % case, "voxels": int(mask.sum()),
                      "bbox": bbox(mask)})
    return cases


def main():
    torch.set_num_threads(2)
    makers = {"cxr-pneumonia": pneumonia, "cxr-lung-seg": lung, "lgg-flair-seg": lgg}
    for name in sys.argv[1:] or list(makers):
        cases = makers[name]()
        ct.write_json(os.path.join(MODELS, name, "reference.json"), {"model": name, "cases": cases})
        print(name, json.dumps(cases))


if __name__ == "__main__":
    main()
