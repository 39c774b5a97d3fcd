#!/usr/bin/python3
"""Training recipe of one lgg-flair-seg network: FLAIR abnormality of lower-grade gliomas on brain MR.

    /usr/bin/python3 resources/models/lgg-flair-seg/train.py --out FOLDER [--epochs 16] [--folds 4 --fold K]

The bundled model (2.1) is ensemble.py's mean of four networks, one per cross-validation fold, each trained
by this script in one stage with --epochs 24 --warmup 0.1 --ema 0.99 (ensemble.py has the commands).
Version 2.0 trained each fold in two stages (16 epochs, then 12 from those weights with --lr 1e-3), keeping
the best validation epoch. Versions 1.x were one network from three stages on a fixed split (35 training,
5 validation patients): 16 epochs from scratch at 128 x 128, 12 more from those weights with a fresh
one-cycle schedule peaking at 1e-3, then 10 at 192 x 192 from those:

    train.py --epochs 16 --out /tmp/stage1
    train.py --epochs 12 --init /tmp/stage1/model.pt --lr 1e-3 --out /tmp/stage2
    train.py --epochs 10 --init /tmp/stage2/model.pt --lr 1e-3 --size 192 --out /tmp/stage3

With --folds N --fold K a stage trains on the 40 non-test patients but fold K (every N-th of them in the
split's order) and validates on fold K; it saves the fold's model.pt and training.json only, and leaves the
test set to ensemble.py, which joins the folds' models into the bundled ensemble.
"""

import argparse
import copy
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "training"))
import cadview_training as ct  # noqa: E402



def read_case(root, case, size):
    """(slices, 3, size, size) float inputs, the (Z, H, W) mask at full size, and the full (H, W)."""
    flair = np.asarray(nib.load(os.path.join(root, case, "flair.nii.gz")).dataobj, dtype=np.float64)
    mask = np.asarray(nib.load(os.path.join(root, case, "mask.nii.gz")).dataobj) > 0
    # nibabel indexes (i, j, k); cadview's slice z is a (rows = j, columns = i) image.
    flair = ct.zscore_normalise(flair).transpose(2, 1, 0)
    mask = mask.transpose(2, 1, 0)
    z = flair.shape[0]
    stacks = [np.stack([flair[max(k - 1, 0)], flair[k], flair[min(k + 1, z - 1)]]) for k in range(z)]
    inputs = torch.stack([ct.resize(s, size, size) for s in stacks])
    targets = torch.stack([ct.resize(m.astype(np.float32), size, size, mode="bilinear")[0] > 0.5
                           for m in mask]).long()
    return inputs, targets, mask


# How cadview runs the bundled model (manifest): the probability threshold for the abnormality and test-time
# mirroring along x (left-right). Since 2.0 ensemble.py chooses them out of fold and sets these while it runs;
# keep them equal to manifest.json, which make_reference_outputs.py and the benchmark rely on.
THRESHOLD = 0.3
MIRROR = True


def network():
    """One network of the model: a U-Net with 4 poolings, 12 channels at the top."""
    return ct.UNet(3, 2, base=12, depth=4)


def probabilities(model, inputs, shape, mirror=False):
    """Abnormality probabilities (Z, H, W) at full size; with `mirror`, the mean over the input and its
    left-right mirror image (turned back), as cadview's "output": {"mirror": ["x"]}."""
    model.eval()
    with torch.no_grad():
        def run(x):
            return torch.cat([torch.softmax(model(x[i:i + 32]), dim=1) for i in range(0, len(x), 32)])
        p = run(inputs)
        if mirror:
            p = (p + run(inputs.flip(3)).flip(3)) / 2
        return F.interpolate(p, size=shape, mode="bilinear", align_corners=False)[:, 1]


def predict_volume(model, inputs, shape):
    """The raw argmax mask (training, epoch selection)."""
    return (probabilities(model, inputs, shape) >= 0.5).numpy()


def predict_bundled(model, inputs, shape):
    """The mask as cadview runs the bundled model: mirrored, thresholded, the largest component."""
    return largest_component((probabilities(model, inputs, shape, MIRROR) >= THRESHOLD).numpy())


def largest_component(mask):
    """The largest 6-connected 3D component, as cadview applies "keep_largest_component"."""
    labels, n = ndimage.label(mask)
    if n == 0:
        return mask
    sizes = ndimage.sum(mask, labels, range(1, n + 1))
    return labels == 1 + int(np.argmax(sizes))


def evaluate(model, cases, bundled=False):
    """Mean and per-case Dice: of the raw argmax masks, or as cadview runs the bundled model."""
    predict = predict_bundled if bundled else predict_volume
    scores = [ct.dice(predict(model, x, m.shape[1:]), m) for x, _, m in cases]
    return float(np.mean(scores)), scores


def fainter(x, y, probability, g):
    """With `probability`, per slice with abnormality: the abnormality made up to 70% fainter, pulled towards
    the mean of the tissue in a ring around it, through a soft edge. Faint abnormalities are the ones the
    networks miss (see the model card), and few training patients have them."""
    m = y.float()
    pick = (torch.rand(x.shape[0], generator=g) < probability) & (m.flatten(1).sum(1) > 0)
    alpha = torch.rand(x.shape[0], generator=g) * 0.7 * pick
    soft = F.avg_pool2d(F.max_pool2d(m, 3, 1, 1), 5, 1, 2, count_include_pad=False)
    ring = (F.max_pool2d(m, 15, 1, 7) - F.max_pool2d(m, 3, 1, 1)).clamp(min=0)
    tissue = (x[:, 1:2] * ring).sum((2, 3), keepdim=True) / ring.sum((2, 3), keepdim=True).clamp(min=1)
    return x - alpha[:, None, None, None] * soft * (x - tissue)


def augment(x, y, g, faint=0.0):
    grid = ct.random_affine(x, max_rotate=12, scale=(0.9, 1.1), shift=0.05, generator=g)
    flip = torch.rand(x.shape[0], generator=g) < 0.5
    grid[flip, :, :, 0] = -grid[flip, :, :, 0]
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    y = F.grid_sample(y[:, None].float(), grid, mode="nearest", padding_mode="zeros", align_corners=False)
    if faint:
        x = fainter(x, y, faint, g)
    scale = 0.9 + 0.2 * torch.rand(x.shape[0], 1, 1, 1, generator=g)
    shift = (torch.rand(x.shape[0], 1, 1, 1, generator=g) - 0.5) * 0.2
    return x * scale + shift, y[:, 0].long()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", required=True, help="a folder (the bundled model is ensemble.py's)")
    parser.add_argument("--init", help="start from these TorchScript weights (a previous stage)")
    parser.add_argument("--lr", type=float, default=3e-3, help="peak of the one-cycle learning rate")
    parser.add_argument("--size", type=int, default=128, help="the network's input size in pixels")
    parser.add_argument("--folds", type=int, default=0,
                        help="cross-validation over the 40 non-test patients in this many folds")
    parser.add_argument("--fold", type=int, default=0, help="with --folds: the fold held out for validation")
    parser.add_argument("--warmup", type=float, default=0.3, help="the one-cycle schedule's rising fraction")
    parser.add_argument("--faint", type=float, default=0.0,
                        help="the probability that a training slice's abnormality is made fainter")
    parser.add_argument("--ema", type=float, default=0.0,
                        help="keep an exponential moving average of the weights with this decay per step and "
                             "save it after the last epoch, instead of the epoch with the best validation Dice")
    args = parser.parse_args()
    ct.setup(2026, args.threads)
    clock = ct.Clock()
    root = os.path.join(ct.DATA, "mr_brain_lgg_flair")
    cases = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    order = list(np.random.RandomState(2026).permutation(cases))
    part = {"test": sorted(order[:10]), "validation": sorted(order[10:15]), "train": sorted(order[15:])}
    if args.folds:
        held = order[10:][args.fold::args.folds]
        part = {"test": part["test"], "validation": sorted(held),
                "train": sorted(c for c in order[10:] if c not in held)}
    data = {c: read_case(root, c, args.size) for c in cases}
    print({k: len(v) for k, v in part.items()}, "read in", clock, flush=True)
    tr_x = torch.cat([data[c][0] for c in part["train"]])
    tr_y = torch.cat([data[c][1] for c in part["train"]])
    positive = torch.nonzero(tr_y.flatten(1).any(dim=1)).flatten()
    negative = torch.nonzero(~tr_y.flatten(1).any(dim=1)).flatten()
    print("training slices: %d with abnormality, %d without" % (len(positive), len(negative)), flush=True)

    model = network()
    if args.init:
        model.load_state_dict(torch.jit.load(args.init).state_dict())
    batch_size = 16
    per_epoch = len(positive) + len(positive) // 2
    steps = args.epochs * ((per_epoch + batch_size - 1) // batch_size)
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=args.lr, total_steps=steps,
                                                   pct_start=args.warmup)
    average = copy.deepcopy(model) if args.ema else None
    g = torch.Generator().manual_seed(2026)
    best, best_state, history = -1.0, None, []
    for epoch in range(args.epochs):
        model.train()
        picked = negative[torch.randperm(len(negative), generator=g)[:len(positive) // 2]]
        epoch_slices = torch.cat([positive, picked])
        epoch_slices = epoch_slices[torch.randperm(len(epoch_slices), generator=g)]
        total = 0.0
        for i in range(0, len(epoch_slices), batch_size):
            batch = epoch_slices[i:i + batch_size]
            x, y = augment(tr_x[batch], tr_y[batch], g, args.faint)
            logits = model(x)
            loss = F.cross_entropy(logits, y) + ct.soft_dice_loss(logits, y, y >= 0)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            if average is not None:
                with torch.no_grad():
                    for a, v in zip(average.state_dict().values(), model.state_dict().values()):
                        if a.is_floating_point():
                            a.mul_(args.ema).add_(v, alpha=1 - args.ema)
                        else:
                            a.copy_(v)
            total += float(loss) * len(batch)
        if average is not None:  # the average after the last epoch is kept; validation is only logged
            if (epoch + 1) % 4 and epoch + 1 < args.epochs:
                continue
            val = evaluate(average, [data[c] for c in part["validation"]])[0]
            history.append({"epoch": epoch + 1, "loss": total / len(epoch_slices), "validation_dice": val})
            print("epoch %2d  loss %.4f  validation Dice %.4f (average)  %s" %
                  (epoch + 1, total / len(epoch_slices), val, clock), flush=True)
            best, best_state = val, average.state_dict()
            continue
        val = evaluate(model, [data[c] for c in part["validation"]])[0]
        history.append({"epoch": epoch + 1, "loss": total / len(epoch_slices), "validation_dice": val})
        print("epoch %2d  loss %.4f  validation Dice %.4f  %s" % (epoch + 1, total / len(epoch_slices), val,
                                                                   clock), flush=True)
        if val > best:
            best, best_state = val, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    # The epoch is chosen on the raw argmax masks; the bundled model then mirrors, thresholds at THRESHOLD
    # and keeps the largest component, each chosen on the validation set (see the model card).
    best_bundled = evaluate(model, [data[c] for c in part["validation"]], bundled=True)[0]
    if args.folds:  # a fold model: the test set is left to the ensemble (ensemble.py)
        os.makedirs(args.out, exist_ok=True)
        torch.jit.script(model.eval()).save(os.path.join(args.out, "model.pt"))
        ct.write_json(os.path.join(args.out, "training.json"), {
            "seed": 2026, "fold": args.fold, "folds": args.folds, "epochs": args.epochs, "size": args.size,
            "init": args.init and os.path.basename(os.path.dirname(args.init)), "peak_lr": args.lr,
            "warmup": args.warmup, "ema": args.ema, "faint": args.faint,
            "kept": "the weight average after the last epoch" if args.ema else "the best validation epoch",
            "validation": part["validation"], "best_validation_dice": best,
            "best_validation_dice_as_bundled": best_bundled, "history": history,
            "minutes": float(str(clock).split()[0])})
        print("fold %d: best validation Dice %.4f (%.4f as bundled)" % (args.fold, best, best_bundled))
        return
    test_dice, per_case = evaluate(model, [data[c] for c in part["test"]], bundled=True)
    print("best validation Dice %.4f (%.4f as bundled); test mean per-patient Dice %.4f (min %.4f)" %
          (best, best_bundled, test_dice, min(per_case)))

    manifest = {
        "schema": 1, "name": "lgg-flair-seg", "version": "1.2.0", "task": "segmentation",
        "description": "FLAIR abnormality of lower-grade gliomas on brain MR (2.5D U-Net).",
        "modality": ["MR"], "file": "model.pt",
        "input": {"kind": "2.5d", "size": [args.size, args.size], "channels": 3, "resample": "size"},
        "normalization": {"type": "zscore"},
        "labels": [{"value": 1, "name": "FLAIR abnormality", "color": "#ffd000", "threshold": THRESHOLD}],
        "output": {"activation": "softmax", "keep_largest_component": True, "mirror": ["x"] if MIRROR else []},
    }
    os.makedirs(args.out, exist_ok=True)
    ct.save_model(args.out, model, None, manifest)
    ct.write_json(os.path.join(args.out, "split.json"), part)
    ct.write_json(os.path.join(args.out, "training.json"), {
        "seed": 2026, "epochs": args.epochs, "size": args.size, "init": args.init and os.path.basename(args.init), "peak_lr": args.lr,
        "best_validation_dice": best, "best_validation_dice_as_bundled": best_bundled,
        "python_test_mean_dice": test_dice,
        "python_test_dice": dict(zip(part["test"], per_case)), "history": history,
        "minutes": float(str(clock).split()[0])})


if __name__ == "__main__":
    main()
