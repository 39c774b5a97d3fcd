#!/usr/bin/python3
"""Training recipe of cxr-lung-seg: lung fields on frontal chest X-rays.

    /usr/bin/python3 resources/models/cxr-lung-seg/train.py [--epochs 100] [--out resources/models/cxr-lung-seg]

Data: ../shared/data/cxr_lung_seg (covid-chestxray-dataset images with V7 Labs lung masks: 0 background,
255 lung, 127 devices, ignored in the loss and in Dice). Only the 70 images with masks are used. The split is
by patient (labels.csv `patientid`, seed 2026): about 20% of the patients for test, 10% for validation (the
epoch with the best validation Dice is kept), the rest for training. Written to split.json.

Inputs as cadview feeds them: luminance, percentile 0.5..99.5 normalisation on the whole image, bilinear
resize to 256 x 256. Network: a U-Net (8 channels at the top, 4 poolings), softmax over background/lung,
cross-entropy plus soft Dice. Writes model.pt (scripted), manifest.json, split.json and training.json.
"""

import argparse
import csv
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "training"))
import cadview_training as ct  # noqa: E402

SIZE = 256
LOW, HIGH = 0.5, 99.5


def split_by_patient(rows, seed):
    patients = sorted({r["patientid"] for r in rows})
    rng = np.random.RandomState(seed)
    rng.shuffle(patients)
    n_test = int(round(0.2 * len(patients)))
    n_val = int(round(0.1 * len(patients)))
    test, val = set(patients[:n_test]), set(patients[n_test:n_test + n_val])
    part = {"train": [], "validation": [], "test": []}
    for r in rows:
        key = "test" if r["patientid"] in test else "validation" if r["patientid"] in val else "train"
        part[key].append(r["filename"])
    return part


def load(root, names, masks):
    """Normalised images and masks resized to SIZE (targets: 0, 1, -1 for ignored)."""
    xs, ys, full = [], [], []
    for name in names:
        image = ct.percentile_normalise(ct.read_grey(os.path.join(root, name)), LOW, HIGH)
        mask = np.asarray(Image.open(os.path.join(root, masks[name])).convert("L"))
        assert mask.shape == image.shape, name
        target = np.where(mask == 255, 1, np.where(mask == 127, -1, 0)).astype(np.float32)
        xs.append(ct.resize(image, SIZE, SIZE))
        ys.append(ct.resize(target, SIZE, SIZE, mode="nearest")[0].long())
        full.append((image, mask))
    return torch.stack(xs), torch.stack(ys), full


def predict_full(model, image):
    """cadview's way: logits at SIZE, softmax, bilinear back to the image's size, argmax."""
    with torch.no_grad():
        p = torch.softmax(model(ct.resize(image, SIZE, SIZE)[None]), dim=1)
        p = F.interpolate(p, size=image.shape, mode="bilinear", align_corners=False)
        return (p[0].argmax(dim=0) == 1).numpy()


def mean_dice(model, full):
    model.eval()
    scores = []
    for image, mask in full:
        valid = mask != 127
        scores.append(ct.dice(predict_full(model, image)[valid], (mask == 255)[valid]))
    return float(np.mean(scores)), scores


def augment(x, y, g):
    grid = ct.random_affine(x, max_rotate=10, scale=(0.85, 1.15), shift=0.06, generator=g)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    y = F.grid_sample(y[:, None].float(), grid, mode="nearest", padding_mode="zeros", align_corners=False)
    gamma = torch.exp((torch.rand(x.shape[0], 1, 1, 1, generator=g) - 0.5) * 0.6)
    contrast = 0.8 + 0.4 * torch.rand(x.shape[0], 1, 1, 1, generator=g)
    x = (x.clamp(0, 1) ** gamma - 0.5) * contrast + 0.5
    return x, y[:, 0].long()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--out", default=here)
    args = parser.parse_args()
    ct.setup(2026)
    clock = ct.Clock()
    root = os.path.join(ct.DATA, "cxr_lung_seg")
    with open(os.path.join(root, "labels.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["mask"]]
    masks = {r["filename"]: r["mask"] for r in rows}
    part = split_by_patient(rows, 2026)
    print({k: len(v) for k, v in part.items()})
    tr_x, tr_y, _ = load(root, part["train"], masks)
    _, _, val_full = load(root, part["validation"], masks)
    _, _, test_full = load(root, part["test"], masks)

    model = ct.UNet(1, 2, base=8, depth=4)
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    batch_size = 8
    steps = args.epochs * ((len(tr_y) + batch_size - 1) // batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=3e-3, total_steps=steps)
    g = torch.Generator().manual_seed(2026)
    best, best_state, history = -1.0, None, []
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(tr_y), generator=g)
        total = 0.0
        for i in range(0, len(order), batch_size):
            batch = order[i:i + batch_size]
            x, y = augment(tr_x[batch], tr_y[batch], g)
            logits = model(x)
            loss = F.cross_entropy(logits, y, ignore_index=-1) + ct.soft_dice_loss(logits, y, y >= 0)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss) * len(batch)
        entry = {"epoch": epoch + 1, "loss": total / len(tr_y)}
        if epoch >= args.epochs // 3 or epoch % 10 == 9:
            entry["validation_dice"] = mean_dice(model, val_full)[0]
            if entry["validation_dice"] > best:
                best, best_state = entry["validation_dice"], {k: v.clone() for k, v in
                                                              model.state_dict().items()}
        history.append(entry)
        print("epoch %3d  loss %.4f  validation Dice %s  %s" %
              (epoch + 1, entry["loss"], "%.4f" % entry["validation_dice"] if "validation_dice" in entry
               else "-", clock), flush=True)
    model.load_state_dict(best_state)
    test_dice, per_case = mean_dice(model, test_full)
    print("best validation Dice %.4f; test mean Dice %.4f (min %.4f) over %d images" %
          (best, test_dice, min(per_case), len(per_case)))

    manifest = {
        "schema": 1, "name": "cxr-lung-seg", "version": "1.0.0", "task": "segmentation",
        "description": "Lung fields on frontal chest X-rays (U-Net, 256 px).",
        "modality": ["CR", "DX", "XR", "OT"], "file": "model.pt",
        "input": {"kind": "2d", "size": [SIZE, SIZE], "channels": 1, "resample": "size"},
        "normalization": {"type": "percentile", "low": LOW, "high": HIGH},
        "labels": [{"value": 1, "name": "lung", "color": "#3fa7ff"}],
        "output": {"activation": "softmax"},
    }
    os.makedirs(args.out, exist_ok=True)
    ct.save_model(args.out, model, None, manifest)
    ct.write_json(os.path.join(args.out, "split.json"), part)
    ct.write_json(os.path.join(args.out, "training.json"), {
        "seed": 2026, "epochs": args.epochs, "best_validation_dice": best, "python_test_mean_dice": test_dice,
        "python_test_dice": dict(zip(part["test"], per_case)), "history": history,
        "minutes": float(str(clock).split()[0])})


if __name__ == "__main__":
    main()
