#!/usr/bin/python3
"""Training recipe of cxr-pneumonia: pneumonia vs normal on paediatric chest X-rays (PneumoniaMNIST, 28 px).

    /usr/bin/python3 resources/models/cxr-pneumonia/train.py [--epochs 8] [--out resources/models/cxr-pneumonia]

Data: ../shared/data/cxr_pneumoniamnist/{train,val}/{normal,pneumonia}/*.png (MedMNIST v2, CC BY 4.0).
- test set: the whole `val` folder (524 images), never seen in training or model selection;
- the `train` folder is split 90/10 (stratified, seed 2026) into training and validation; the epoch with the
  best validation ROC AUC is kept, and the validation set also sets the decision threshold (Youden's J).
PneumoniaMNIST carries no patient identifiers, so this split cannot be by patient (see the model card).

Writes model.pt (TorchScript, outputs (logits, 7 x 7 feature map) for Grad-CAM), manifest.json and
training.json (the split, the epochs, the figures printed here). Deterministic on the same machine.
"""

import argparse
import glob
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "training"))
import cadview_training as ct  # noqa: E402

LOW, HIGH = 0.5, 99.5


def conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class PneumoniaNet(nn.Module):
    """28 x 28 -> 32 -> 64 -> 128 channels at 7 x 7 -> global average -> one logit (pneumonia)."""

    def __init__(self):
        super().__init__()
        self.block1 = nn.Sequential(conv(1, 32), conv(32, 32))
        self.block2 = nn.Sequential(conv(32, 64), conv(64, 64))
        self.block3 = nn.Sequential(conv(64, 128), conv(128, 128))
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(128, 1)

    def forward(self, x):
        x = F.max_pool2d(self.block1(x), 2)
        x = F.max_pool2d(self.block2(x), 2)
        features = self.block3(x)
        logits = self.fc(self.dropout(features.mean(dim=(2, 3))))
        return logits, features


def load(folder):
    paths, labels = [], []
    for label, name in enumerate(["normal", "pneumonia"]):
        found = sorted(glob.glob(os.path.join(folder, name, "*.png")))
        paths += found
        labels += [label] * len(found)
    images = np.stack([ct.percentile_normalise(ct.read_grey(p), LOW, HIGH) for p in paths])
    return paths, torch.from_numpy(images.astype(np.float32))[:, None], torch.tensor(labels)


def predict(model, images):
    model.eval()
    with torch.no_grad():
        return torch.cat([torch.sigmoid(model(images[i:i + 256])[0][:, 0])
                          for i in range(0, len(images), 256)]).numpy()


def augment(x, g):
    grid = ct.random_affine(x, max_rotate=10, scale=(0.9, 1.1), shift=0.08, generator=g)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)
    contrast = 0.8 + 0.4 * torch.rand(x.shape[0], 1, 1, 1, generator=g)
    brightness = (torch.rand(x.shape[0], 1, 1, 1, generator=g) - 0.5) * 0.2
    return ((x - 0.5) * contrast + 0.5 + brightness).clamp(0, 1)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--out", default=here)
    args = parser.parse_args()
    ct.setup(2026)
    clock = ct.Clock()
    root = os.path.join(ct.DATA, "cxr_pneumoniamnist")
    paths, images, labels = load(os.path.join(root, "train"))
    test_paths, test_images, test_labels = load(os.path.join(root, "val"))
    rng = np.random.RandomState(2026)
    val_idx = []
    for c in (0, 1):
        idx = np.flatnonzero(labels.numpy() == c)
        val_idx += list(rng.choice(idx, size=int(round(0.1 * len(idx))), replace=False))
    is_val = np.zeros(len(labels), dtype=bool)
    is_val[val_idx] = True
    tr_x, tr_y = images[~is_val], labels[~is_val]
    va_x, va_y = images[is_val], labels[is_val]
    print("train %d (%d normal), validation %d (%d normal), test %d (%d normal)" %
          (len(tr_y), int((tr_y == 0).sum()), len(va_y), int((va_y == 0).sum()), len(test_labels),
           int((test_labels == 0).sum())))

    model = PneumoniaNet()
    optimiser = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-4)
    steps = args.epochs * ((len(tr_y) + 63) // 64)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=2e-3, total_steps=steps)
    # Classes weighted inversely to their frequency, so that 0.5 is a sensible threshold.
    pos_weight = torch.tensor(float((tr_y == 0).sum()) / float((tr_y == 1).sum()))
    g = torch.Generator().manual_seed(2026)
    best, best_state, history = -1.0, None, []
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(tr_y), generator=g)
        total = 0.0
        for i in range(0, len(order), 64):
            batch = order[i:i + 64]
            x, y = augment(tr_x[batch], g), tr_y[batch].float()
            logits = model(x)[0][:, 0]
            weights = torch.where(y > 0, pos_weight, torch.tensor(1.0))
            loss = F.binary_cross_entropy_with_logits(logits, y, weight=weights)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss) * len(batch)
        auc = ct.roc_auc(predict(model, va_x), va_y.numpy() == 1)
        history.append({"epoch": epoch + 1, "loss": total / len(tr_y), "validation_auc": auc})
        print("epoch %2d  loss %.4f  validation AUC %.4f  %s" % (epoch + 1, total / len(tr_y), auc, clock),
              flush=True)
        if auc > best:
            best, best_state = auc, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    scores = predict(model, va_x)
    positive = va_y.numpy() == 1
    thresholds = np.unique(scores)
    j = [(scores[positive] >= t).mean() + (scores[~positive] < t).mean() - 1 for t in thresholds]
    threshold = float(thresholds[int(np.argmax(j))])
    test_scores = predict(model, test_images)
    test_positive = test_labels.numpy() == 1
    test_auc = ct.roc_auc(test_scores, test_positive)
    sens = float((test_scores[test_positive] >= threshold).mean())
    spec = float((test_scores[~test_positive] < threshold).mean())
    print("best validation AUC %.4f; threshold %.4f; test AUC %.4f, sensitivity %.3f, specificity %.3f" %
          (best, threshold, test_auc, sens, spec))

    manifest = {
        "schema": 1, "name": "cxr-pneumonia", "version": "1.0.0", "task": "classification",
        "description": "Pneumonia vs normal on paediatric frontal chest X-rays (PneumoniaMNIST, 28 px).",
        "modality": ["CR", "DX", "XR", "OT"], "file": "model.pt",
        "input": {"kind": "2d", "size": [28, 28], "channels": 1, "resample": "size"},
        "normalization": {"type": "percentile", "low": LOW, "high": HIGH},
        "labels": [{"value": 1, "name": "pneumonia", "color": "#ff5a36", "threshold": round(threshold, 6)}],
        "output": {"activation": "sigmoid", "logits": 0, "feature_map": 1},
    }
    os.makedirs(args.out, exist_ok=True)
    ct.save_model(args.out, model, None, manifest)
    ct.write_json(os.path.join(args.out, "training.json"), {
        "seed": 2026, "epochs": args.epochs, "best_validation_auc": best, "threshold": threshold,
        "python_test_auc": test_auc, "python_test_sensitivity": sens, "python_test_specificity": spec,
        "validation_images": sorted(os.path.relpath(paths[i], root) for i in val_idx),
        "history": history, "minutes": float(str(clock).split()[0])})


if __name__ == "__main__":
    main()
