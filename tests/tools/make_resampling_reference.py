#!/usr/bin/python3
"""Reference values for tests/core/ResamplingTest.cpp: torch.nn.functional.interpolate with
align_corners=False (bilinear and trilinear) on small grids of non-linear values, printed as C++ float
literals (x fastest, as cadview stores grids). Run with Debian's python3-torch:

    /usr/bin/python3 tests/tools/make_resampling_reference.py
"""

import torch
import torch.nn.functional as F


def literals(t):
    return ", ".join("%.7gf" % v for v in t.flatten().tolist())


src2 = torch.tensor([[(x * x + 3 * y + (x * y) % 3) * 0.5 for x in range(4)] for y in range(3)],
                    dtype=torch.float32)
print("2D source (h 3, w 4):", literals(src2))
print("bilinear to h 5, w 7:", literals(F.interpolate(src2[None, None], size=(5, 7), mode="bilinear",
                                                      align_corners=False)))
print("bilinear to h 2, w 3:", literals(F.interpolate(src2[None, None], size=(2, 3), mode="bilinear",
                                                      align_corners=False)))
src3 = torch.tensor([[[(x * x + 2 * y + 5 * z * z - x * z) * 0.25 for x in range(4)] for y in range(2)]
                     for z in range(3)], dtype=torch.float32)
print("3D source (d 3, h 2, w 4):", literals(src3))
print("trilinear to d 5, h 3, w 2:", literals(F.interpolate(src3[None, None], size=(5, 3, 2),
                                                            mode="trilinear", align_corners=False)))
