#!/usr/bin/python3
"""Per-image latency of a bundled model run the ordinary Python way (the peer in cadview-bench-models):
its recipe's own pre-processing (numpy, PIL, nibabel), the TorchScript model in python3-torch, and the
result mapped back to the image's grid; file reading excluded, as on cadview's side.

    /usr/bin/python3 bench/python_model_latency.py MODEL RUNS INPUT...

Prints one line: the median seconds per image over RUNS passes over the inputs (after one warm-up pass).
"""

import importlib.util
import json
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "resources", "models")
sys.path.insert(0, os.path.join(HERE, "..", "training"))
import cadview_training as ct  # noqa: E402


def recipe(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(MODELS, name, "train.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    name, runs, inputs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    torch.set_num_threads(os.cpu_count() or 1)
    r = recipe(name)
    model = torch.jit.load(os.path.join(MODELS, name, "model.pt")).float().eval()  # weights may be float16
    if name == "lgg-flair-seg":
        import nibabel as nib
        volumes = [np.asarray(nib.load(p).dataobj, dtype=np.float64) for p in inputs]
        size = json.load(open(os.path.join(MODELS, name, "manifest.json")))["input"]["size"][0]

        def work(v):
            flair = ct.zscore_normalise(v).transpose(2, 1, 0)
            z = flair.shape[0]
            stacks = [np.stack([flair[max(k - 1, 0)], flair[k], flair[min(k + 1, z - 1)]]) for k in range(z)]
            x = torch.stack([ct.resize(s, size, size) for s in stacks])
            return r.predict_bundled(model, x, flair.shape[1:])
        items = volumes
    elif name == "cxr-lung-seg":
        items = [ct.read_grey(p) for p in inputs]

        def work(image):
            return r.predict_full(model, ct.percentile_normalise(image, r.LOW, r.HIGH))
    else:
        items = [ct.read_grey(p) for p in inputs]

        def work(image):
            x = ct.resize(ct.percentile_normalise(image, r.LOW, r.HIGH), 28, 28)
            with torch.no_grad():
                return torch.sigmoid(model(x[None])[0])
    for item in items:
        work(item)
    times = []
    for _ in range(runs):
        for item in items:
            start = time.perf_counter()
            work(item)
            times.append(time.perf_counter() - start)
    print("%.6f" % float(np.median(times)))


if __name__ == "__main__":
    main()
