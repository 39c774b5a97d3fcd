#!/usr/bin/python3
"""Reference values for the core GoogleTest suite (tests/core), computed independently of cadview.

Run with Debian's interpreter, which has pydicom, numpy and Pillow (apt-get install python3-pydicom
python3-numpy python3-pil):

    /usr/bin/python3 tests/tools/make_reference_values.py [DATA_DIR] > /tmp/reference.txt

DATA_DIR defaults to ../shared/data next to the repository. The output is grouped by test file; each
block prints C++ literals that were pasted into that test. CI does not run this script (it has no
pydicom); it documents where every expected number in the tests came from.

Rules reproduced here (each is the documented cadview behaviour, re-implemented from the DICOM/NIfTI/NRRD
definitions, not from cadview's code):
  * DICOM slices are ordered along the normal n = row x col (ImageOrientationPatient); the origin is the
    ImagePositionPatient of the first slice in that order; LPS; direction columns = row, col, n.
  * voxel value = (stored value masked to BitsStored, sign-extended when PixelRepresentation = 1)
    * RescaleSlope + RescaleIntercept; MONOCHROME1 is inverted as (lo + hi) - value, where [lo, hi] is
    the rescaled range of the BitsStored range.
  * Volume index (x, y, z) = (column, row, slice), i.e. numpy array[z, y, x].
  * Irregular stacks (gantry tilt, uneven gaps) are resampled as documented in core/io/SliceStack.cpp
    and core/io/StackResampler.h; see gantry_tilt() below for the independent implementation.
  * NIfTI: the sform (RAS) is turned into LPS by negating its first two rows; NRRD headers are read as text.
  * PNG/JPEG: RGB pixels become grey as 0.299 R + 0.587 G + 0.114 B in float32, rounded half away from zero.
"""

import glob
import gzip
import math
import os
import struct
import sys
import warnings

import numpy as np
import pydicom
from PIL import Image

warnings.simplefilter("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data"))


def section(title):
    print()
    print("// " + "=" * 100)
    print("// " + title)


def fmt(v):
    """A double literal that round-trips."""
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    r = repr(float(v))
    return r if ("." in r or "e" in r or "inf" in r or "nan" in r) else r + ".0"


def vec(v):
    return "{" + ", ".join(fmt(x) for x in v) + "}"


def round_half_away(v):
    return math.floor(abs(v) + 0.5) * (1 if v >= 0 else -1)


def print_geometry(name, size, spacing, origin, direction):
    """direction: 3x3, column c = index axis c; printed row-major as ImageGeometry::direction."""
    d = np.asarray(direction, float)
    print(f"// {name}")
    print(f"size      {{{', '.join(str(int(s)) for s in size)}}}")
    print(f"spacing   {vec(spacing)}")
    print(f"origin    {vec(origin)}")
    print(f"direction {vec(d.reshape(-1))}")


def probe_positions(shape_zyx):
    nz, ny, nx = shape_zyx
    pts = set()
    for z in {0, nz - 1}:
        for y in {0, ny - 1}:
            for x in {0, nx - 1}:
                pts.add((x, y, z))
    pts.add((nx // 2, ny // 2, nz // 2))
    pts.add((nx // 7, ny * 3 // 5, nz // 3))
    pts.add((nx * 5 // 6, ny // 4, nz * 2 // 3))
    pts.add((nx // 3, ny * 7 // 8, max(0, nz - 2)))
    pts.add((nx * 2 // 5, ny * 3 // 7, nz // 5))
    pts.add((nx * 3 // 4, ny * 5 // 8, nz * 4 // 5))
    pts.add((nx * 3 // 8, ny * 2 // 3, nz // 2))
    return sorted(pts, key=lambda p: (p[2], p[1], p[0]))


def print_voxels(arr_zyx, extra=()):
    """Prints {x, y, z, value} rows for the probe positions, the maximum and the minimum."""
    pts = probe_positions(arr_zyx.shape[:3])
    zmax, ymax, xmax = np.unravel_index(np.argmax(arr_zyx), arr_zyx.shape[:3])
    zmin, ymin, xmin = np.unravel_index(np.argmin(arr_zyx), arr_zyx.shape[:3])
    print(f"// max {fmt(arr_zyx.max())} first at ({xmax}, {ymax}, {zmax}); min {fmt(arr_zyx.min())} first at ({xmin}, {ymin}, {zmin})")
    for p in list(pts) + [(xmax, ymax, zmax), (xmin, ymin, zmin)] + list(extra):
        x, y, z = (int(c) for c in p)
        print(f"    {{{x}, {y}, {z}, {fmt(arr_zyx[z, y, x])}}},")


# ---------------------------------------------------------------------------------------------------------
# DICOM helpers


def stored_values(ds):
    """Stored values masked to BitsStored and sign-extended, as int64, shape (frames, rows, cols[, samples])."""
    ba, bs, pr = int(ds.BitsAllocated), int(ds.BitsStored), int(ds.get("PixelRepresentation", 0))
    ts = ds.file_meta.TransferSyntaxUID
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    spp = int(ds.get("SamplesPerPixel", 1))
    shape = (frames, int(ds.Rows), int(ds.Columns)) + ((spp,) if spp > 1 else ())
    if not ts.is_compressed and ba in (8, 16, 32) and spp == 1:
        order = ">" if not ts.is_little_endian else "<"
        raw = np.frombuffer(ds.PixelData, dtype=f"{order}u{ba // 8}")[: int(np.prod(shape))]
        v = raw.astype(np.int64).reshape(shape)
    else:
        v = np.asarray(ds.pixel_array).astype(np.int64).reshape(shape)
    v = v & ((1 << bs) - 1)
    if pr == 1:
        v = np.where(v >= (1 << (bs - 1)), v - (1 << bs), v)
    return v


def rescale_of(ds):
    return float(ds.get("RescaleSlope", 1) or 1), float(ds.get("RescaleIntercept", 0) or 0)


def sorted_series(folder):
    files = sorted(glob.glob(os.path.join(folder, "*")))
    dss = [pydicom.dcmread(f) for f in files]
    iop = np.array(dss[0].ImageOrientationPatient, float)
    r, c = iop[:3] / np.linalg.norm(iop[:3]), iop[3:] / np.linalg.norm(iop[3:])
    n = np.cross(r, c)
    n /= np.linalg.norm(n)
    c_orth = np.cross(n, r)
    c_orth /= np.linalg.norm(c_orth)
    along = [float(np.dot(np.array(d.ImagePositionPatient, float), n)) for d in dss]
    order = np.argsort(along, kind="stable")
    return [files[i] for i in order], [dss[i] for i in order], r, c_orth, n


def dicom_series(name, folder):
    files, dss, r, c, n = sorted_series(folder)
    first = dss[0]
    ipp = [np.array(d.ImagePositionPatient, float) for d in dss]
    along = [float(np.dot(p - ipp[0], n)) for p in ipp]
    gaps = np.diff(along)
    ps = [float(x) for x in first.PixelSpacing]
    slope, inter = rescale_of(first)
    vol = np.stack([stored_values(d)[0] * slope + inter for d in dss]).astype(np.int64)
    section(name)
    print(f"// {len(dss)} files; first in normal order: {os.path.basename(files[0])}; gaps min {fmt(gaps.min())} max {fmt(gaps.max())}")
    print(f"// rescale slope {slope} intercept {inter}; BitsStored {first.BitsStored}; photometric {first.PhotometricInterpretation}")
    print(f"// window centre {first.get('WindowCenter')} width {first.get('WindowWidth')}")
    print_geometry(name, (first.Columns, first.Rows, len(dss)), (ps[1], ps[0], float(np.median(gaps))), ipp[0],
                   np.column_stack([r, c, n]))
    print_voxels(vol)
    return files, vol


def missing_slice(files, vol, k):
    """The CT without slice k (in normal order): resampled slice k = mean of its neighbours, rounded."""
    section(f"MissingSliceTest.cpp: chest CT without {os.path.basename(files[k])} (slice {k} in normal order)")
    print("// {x, y, z, value}: round_half_away((slice k-1 + slice k+1) / 2); the true slice k value in the comment")
    for (x, y) in [(256, 256), (192, 341), (100, 300), (300, 180), (457, 319), (0, 0), (350, 250), (150, 260)]:
        a, b = int(vol[k - 1, y, x]), int(vol[k + 1, y, x])
        print(f"    {{{x}, {y}, {k}, {round_half_away((a + b) / 2)}}},  // neighbours {a}, {b}; true {int(vol[k, y, x])}")


# ---------------------------------------------------------------------------------------------------------
# Gantry tilt: an independent implementation of the documented resampling, in physical coordinates.


def gantry_tilt(folder):
    files, dss, r, c, n = sorted_series(folder)
    ipp = [np.array(d.ImagePositionPatient, float) for d in dss]
    p0 = ipp[0]
    d = np.array([np.dot(p - p0, n) for p in ipp])
    off_r = np.array([np.dot(p - p0, r) for p in ipp])
    off_c = np.array([np.dot(p - p0, c) for p in ipp])
    gaps = np.diff(d)
    typical = float(np.sort(gaps)[len(gaps) // 2])  # upper median for an even count
    travel = d[-1] - d[0]
    slide = math.hypot(off_r[-1], off_c[-1])
    tilt = math.degrees(math.atan2(slide, travel))
    step = min(g for g in gaps if g >= 0.5 * typical)
    nz = int(round_half_away(travel / step)) + 1
    sz = travel / (nz - 1)
    sx, sy = float(dss[0].PixelSpacing[1]), float(dss[0].PixelSpacing[0])
    centre_r = (off_r.min() + off_r.max()) / 2
    centre_c = (off_c.min() + off_c.max()) / 2
    origin = p0 + r * (round_half_away(centre_r / sx) * sx) + c * (round_half_away(centre_c / sy) * sy)
    slope, inter = rescale_of(dss[0])
    stack = np.stack([stored_values(ds)[0] * slope + inter for ds in dss]).astype(np.int64)
    pad = float(stack.min())
    nx, ny = int(dss[0].Columns), int(dss[0].Rows)

    def tap(s, i, j):
        if i < 0 or j < 0 or i >= nx or j >= ny:
            return pad
        return float(stack[s, j, i])

    def bilinear(s, point):
        # The point's own in-plane pixel coordinates on slice s (the point already lies in s's plane).
        q = point - ipp[s]
        u, v = np.dot(q, r) / sx, np.dot(q, c) / sy
        i0, j0 = math.floor(u), math.floor(v)
        a, b = u - i0, v - j0
        return (tap(s, i0, j0) * (1 - a) * (1 - b) + tap(s, i0 + 1, j0) * a * (1 - b) + tap(s, i0, j0 + 1) * (1 - a) * b +
                tap(s, i0 + 1, j0 + 1) * a * b)

    def resampled(x, y, k):
        P = origin + r * (x * sx) + c * (y * sy) + n * (k * sz)
        t = np.dot(P - p0, n)  # position along the normal
        a = max(i for i in range(len(d)) if d[i] <= t + 1e-6)
        b = min(a + 1, len(d) - 1)
        w = 0.0 if a == b else min(max((t - d[a]) / (d[b] - d[a]), 0.0), 1.0)
        # Follow the normal from P onto each bracketing slice's plane.
        va = bilinear(a, P - n * (t - d[a]))
        vb = bilinear(b, P - n * (t - d[b]))
        return va * (1 - w) + vb * w

    section("GantryTiltTest.cpp: ct_head_gantry_tilt/series")
    print(f"// tilt {fmt(tilt)} deg; gaps min {fmt(gaps.min())} max {fmt(gaps.max())}; typical {fmt(typical)}; step {fmt(step)}")
    print(f"// slide per slice (row, col) of the last slice: {fmt(off_r[-1])}, {fmt(off_c[-1])}; pad (stack min) {fmt(pad)}")
    print(f"// first file in normal order {os.path.basename(files[0])}, last {os.path.basename(files[-1])}")
    print(f"// positions along the normal (mm, from the first): {', '.join(fmt(round(v, 6)) for v in d)}")
    print("// raw stack (resampleIrregular = false): median gap as z spacing")
    print_geometry("raw", (nx, ny, len(dss)), (sx, sy, float(np.median(gaps))), p0, np.column_stack([r, c, n]))
    print_voxels(stack)
    print("// resampled")
    print_geometry("resampled", (nx, ny, nz), (sx, sy, sz), origin, np.column_stack([r, c, n]))
    pts = [(0, 0, 0), (256, 256, 0), (256, 256, nz // 2), (300, 200, 5), (123, 345, 17), (400, 100, 30), (256, 300, nz - 1),
           (200, 260, 1), (311, 157, 2), (250, 250, 13), (270, 230, 14), (240, 280, 15), (290, 210, 35), (10, 500, 20), (511, 511, nz - 1), (256, 20, 25)]
    print("// {x, y, z, value}; the unrounded value follows in a comment")
    for (x, y, k) in pts:
        v = resampled(x, y, k)
        out = int(min(max(round_half_away(v), -32768), 32767))
        near_half = abs((v - math.floor(v)) - 0.5) < 0.01
        print(f"    {{{x}, {y}, {k}, {out}}},  // {v:.4f}{'  NEAR .5: do not use' if near_half else ''}")


# ---------------------------------------------------------------------------------------------------------
# NRRD and NIfTI by hand


def nrrd(path):
    raw = open(path, "rb").read()
    head, _, body = raw.partition(b"\n\n")
    fields = {}
    for line in head.decode().splitlines()[1:]:
        if line.startswith("#") or ":" not in line:
            continue
        k, v = line.split(":", 1)
        fields[k.strip()] = v.strip()
    sizes = [int(s) for s in fields["sizes"].split()]
    dirs = [np.array([float(x) for x in t.strip("()").split(",")]) for t in fields["space directions"].split()]
    origin = np.array([float(x) for x in fields["space origin"].strip("()").split(",")])
    assert fields["space"] == "left-posterior-superior"
    dtype = {"short": "<i2", "int": "<i4", "unsigned char": "u1", "ushort": "<u2"}[fields["type"]]
    data = gzip.decompress(body) if fields["encoding"] == "gzip" else body
    arr = np.frombuffer(data, dtype=dtype).reshape(sizes[::-1]).astype(np.int64)
    spacing = [float(np.linalg.norm(d)) for d in dirs]
    direction = np.column_stack([d / np.linalg.norm(d) for d in dirs])
    section(f"ImageFileReaderTest.cpp: {os.path.relpath(path, DATA)} (type {fields['type']})")
    print_geometry(os.path.basename(path), sizes, spacing, origin, direction)
    print_voxels(arr)
    print(f"// sum of all voxels {int(arr.sum())}, non-zero voxels {int((arr != 0).sum())}")


def nifti(path):
    b = gzip.open(path).read()
    dim = struct.unpack("<8h", b[40:56])
    datatype = struct.unpack("<h", b[70:72])[0]
    pixdim = struct.unpack("<8f", b[76:108])
    vox_offset = int(struct.unpack("<f", b[108:112])[0])
    scl = struct.unpack("<ff", b[112:120])
    qform, sform = struct.unpack("<hh", b[252:256])
    srow = np.array(struct.unpack("<12f", b[280:328]), float).reshape(3, 4)
    assert sform > 0 and scl[0] in (0.0, 1.0) and scl[1] == 0.0
    dtype = {2: "u1", 4: "<i2", 8: "<i4", 16: "<f4", 512: "<u2"}[datatype]
    nx, ny, nz = dim[1], dim[2], dim[3]
    arr = np.frombuffer(b[vox_offset:], dtype=dtype)[: nx * ny * nz].reshape(nz, ny, nx).astype(np.int64)
    lps = srow.copy()
    lps[0:2, :] *= -1  # RAS -> LPS
    spacing = [pixdim[1], pixdim[2], pixdim[3]]
    direction = np.column_stack([lps[:, a] / np.linalg.norm(lps[:, a]) for a in range(3)])
    section(f"ImageFileReaderTest.cpp: {os.path.relpath(path, DATA)} (datatype {datatype}, qform {qform}, sform {sform})")
    print_geometry(os.path.basename(path), (nx, ny, nz), spacing, lps[:, 3] + 0.0, direction + 0.0)
    print_voxels(arr)
    print(f"// sum of all voxels {int(arr.sum())}, non-zero voxels {int((arr != 0).sum())}")


def picture(path):
    im = Image.open(path)
    a = np.asarray(im)
    if a.ndim == 3:
        f = a[..., :3].astype(np.float32)
        grey = np.float32(0.299) * f[..., 0] + np.float32(0.587) * f[..., 1] + np.float32(0.114) * f[..., 2]
        grey = np.floor(grey + np.float32(0.5)).astype(np.int64)  # values >= 0: half away from zero
        differ = bool(np.any(a[..., 0] != a[..., 1]) or np.any(a[..., 1] != a[..., 2]))
    else:
        grey, differ = a.astype(np.int64), False
    dpi = im.info.get("dpi")
    section(f"ImageFileReaderTest.cpp: {os.path.relpath(path, DATA)} ({im.format} {im.mode} {im.size}, dpi {dpi}, "
            f"jfif density {im.info.get('jfif_density')} unit {im.info.get('jfif_unit')}, channels differ {differ})")
    print_geometry(os.path.basename(path), (a.shape[1], a.shape[0], 1), (1.0, 1.0, 1.0), (0.0, 0.0, 0.0), np.eye(3))
    print_voxels(grey[np.newaxis])
    print(f"// sum of all voxels {int(grey.sum())}")


# ---------------------------------------------------------------------------------------------------------
# DICOM samples


def sample(rel):
    return pydicom.dcmread(os.path.join(DATA, "dicom_samples", rel))


def dicom_samples():
    section("DicomCodecsTest.cpp: MR_small.dcm (the reference for every MR_small* variant)")
    ds = sample("pydicom_debian/MR_small.dcm")
    v = stored_values(ds)
    print(f"// IPP {list(ds.ImagePositionPatient)} IOP {list(ds.ImageOrientationPatient)} spacing {list(ds.PixelSpacing)} "
          f"thickness {ds.SliceThickness}")
    print_voxels(v)
    print(f"// sum {int(v.sum())}")

    section("DicomCodecsTest.cpp: emri_small.dcm (Enhanced MR, 10 frames; reference for emri_small* variants)")
    ds = sample("pydicom_data/emri_small.dcm")
    v = stored_values(ds)
    print_voxels(v)
    print(f"// sum {int(v.sum())}")

    for rel in ["pydicom_debian/CT_small.dcm", "pydicom_data/693_J2KR.dcm", "pydicom_debian/image_dfl.dcm",
                "pydicom_debian/JPEG2000.dcm", "pydicom_data/MR2_J2KR.dcm", "pydicom_debian/J2K_pixelrep_mismatch.dcm"]:
        ds = sample(rel)
        slope, inter = rescale_of(ds)
        v = stored_values(ds) * slope + inter
        section(f"DicomCodecsTest.cpp: {rel} ({ds.file_meta.TransferSyntaxUID.name}; BitsStored {ds.BitsStored}, "
                f"PixelRepresentation {ds.PixelRepresentation}, slope {slope}, intercept {inter})")
        print(f"// IPP {ds.get('ImagePositionPatient')} IOP {ds.get('ImageOrientationPatient')} spacing {ds.get('PixelSpacing')}")
        print_voxels(v)

    section("DicomCodecsTest.cpp: RG3_J2KI.dcm (MONOCHROME1, BitsStored 10, no rescale)")
    ds = sample("pydicom_data/RG3_J2KI.dcm")
    bs = int(ds.BitsStored)
    lo, hi = 0, (1 << bs) - 1
    v = stored_values(ds)
    print(f"// inverted = ({lo} + {hi}) - stored; window centre {ds.WindowCenter} -> {lo + hi - float(ds.WindowCenter)}, "
          f"width {ds.WindowWidth}")
    print("// stored values:")
    print_voxels(v)
    print("// expected (inverted) values:")
    print_voxels((lo + hi) - v)

    section("DicomCodecsTest.cpp: SC_rgb_rle.dcm (8-bit RGB, RLE): {x, y, z, R, G, B}")
    ds = sample("pydicom_debian/SC_rgb_rle.dcm")
    a = np.asarray(ds.pixel_array)
    for (x, y) in [(0, 0), (50, 5), (50, 15), (50, 25), (50, 35), (50, 45), (50, 55), (50, 65), (50, 75), (50, 85), (50, 95),
                   (99, 99)]:
        print(f"    {{{x}, {y}, 0, {a[y, x, 0]}, {a[y, x, 1]}, {a[y, x, 2]}}},")
    for rel in ["pydicom_debian/SC_rgb_rle_16bit.dcm", "pydicom_debian/SC_rgb_rle_32bit.dcm"]:
        ds = sample(rel)
        b = np.asarray(ds.pixel_array).astype(np.int64)
        top8 = b >> (int(ds.BitsStored) - 8)
        print(f"// {rel}: top 8 stored bits equal the 8-bit file everywhere: {bool(np.all(top8 == a))}")

    section("DicomCodecsTest.cpp: YBR_FULL and YBR_FULL_422 files (JPEG baseline and uncompressed) -> RGB: {x, y, R, G, B}")
    from pydicom.pixel_data_handlers.util import convert_color_space
    for rel in ["pydicom_debian/SC_rgb_dcmtk_+eb+cy+n1.dcm", "pydicom_debian/SC_rgb_dcmtk_+eb+cy+n2.dcm",
                "pydicom_debian/SC_rgb_dcmtk_+eb+cy+s4.dcm", "pydicom_debian/SC_rgb_dcmtk_+eb+cy+np.dcm",
                "pydicom_debian/SC_rgb_dcmtk_+eb+cy+s2.dcm", "pydicom_debian/SC_rgb_jpeg_dcmtk.dcm",
                "pydicom_debian/SC_ybr_full_422_uncompressed.dcm", "pydicom_debian/SC_rgb_small_odd_jpeg.dcm"]:
        ds = sample(rel)
        pi = ds.PhotometricInterpretation
        a = convert_color_space(np.asarray(ds.pixel_array), pi, "RGB")  # float32, rounded half up, clipped
        print(f"// {rel} ({ds.file_meta.TransferSyntaxUID.name}, {pi})")
        probes = [(0, 0), (1, 1), (2, 2), (2, 0)] if ds.Columns < 10 else \
            [(0, 0), (50, 15), (50, 25), (50, 35), (50, 45), (50, 55), (50, 75), (50, 95), (99, 99)]
        for (x, y) in probes:
            print(f"    {{{x}, {y}, {a[y, x, 0]}, {a[y, x, 1]}, {a[y, x, 2]}}},")

    section("DicomCodecsTest.cpp: US1_J2KR.dcm (YBR_RCT JPEG 2000 lossless -> RGB): {x, y, z, R, G, B}")
    ds = sample("pydicom_data/US1_J2KR.dcm")
    a = np.asarray(ds.pixel_array)
    for (x, y) in [(0, 0), (320, 240), (100, 400), (500, 60), (639, 479)] + [tuple(int(t) for t in np.unravel_index(np.argmax(a.sum(axis=2)), a.shape[:2]))[::-1]]:
        print(f"    {{{x}, {y}, 0, {a[y, x, 0]}, {a[y, x, 1]}, {a[y, x, 2]}}},")

    section("DicomCodecsTest.cpp: eCT_Supplemental.dcm (Enhanced CT, 2 frames)")
    ds = sample("pydicom_data/eCT_Supplemental.dcm")
    sh = ds.SharedFunctionalGroupsSequence[0]
    iop = np.array(sh.PlaneOrientationSequence[0].ImageOrientationPatient, float)
    ps = [float(x) for x in sh.PixelMeasuresSequence[0].PixelSpacing]
    pvt = sh.PixelValueTransformationSequence[0]
    slope, inter = float(pvt.RescaleSlope), float(pvt.RescaleIntercept)
    r, c = iop[:3], iop[3:]
    n = np.cross(r, c)
    pos = [np.array(f.PlanePositionSequence[0].ImagePositionPatient, float) for f in ds.PerFrameFunctionalGroupsSequence]
    along = [float(np.dot(p, n)) for p in pos]
    order = np.argsort(along)
    v = stored_values(ds) * slope + inter
    v = v[order]
    voi = sh.FrameVOILUTSequence[0]
    print(f"// frame order along the normal {list(order)}; rescale {slope} {inter} (PixelValueTransformationSequence)")
    print(f"// window centre {voi.WindowCenter} width {voi.WindowWidth} (FrameVOILUTSequence)")
    print_geometry("eCT", (ds.Columns, ds.Rows, len(pos)), (ps[1], ps[0], abs(along[1] - along[0])), pos[order[0]],
                   np.column_stack([r, c, n]))
    print_voxels(v)

    section("DicomCodecsTest.cpp: rtdose.dcm (RT Dose, 15 frames, GridFrameOffsetVector)")
    ds = sample("pydicom_debian/rtdose.dcm")
    v = stored_values(ds)
    print(f"// IPP {list(ds.ImagePositionPatient)} spacing {list(ds.PixelSpacing)} offsets {list(ds.GridFrameOffsetVector)}"
          f" DoseGridScaling {ds.DoseGridScaling}")
    print_voxels(v)

    section("DicomCodecsTest.cpp: rtdose_1frame.dcm (one frame, stored x DoseGridScaling in Gy)")
    ds = sample("pydicom_debian/rtdose_1frame.dcm")
    v = stored_values(ds) * float(ds.DoseGridScaling)
    print_voxels(v)

    section("BrokenFilesTest.cpp: MR_truncated.dcm (pydicom refuses it): the whole pixels the file holds")
    ds = sample("pydicom_debian/MR_truncated.dcm")
    whole = len(ds.PixelData) // 2
    v = np.frombuffer(ds.PixelData[: 2 * whole], "<i2").astype(np.int64)
    print(f"// {len(ds.PixelData)} of {ds.Rows * ds.Columns * 2} bytes; {whole} whole pixels; first missing at "
          f"(x, y) = ({whole % ds.Columns}, {whole // ds.Columns})")
    for i in [0, 63, 2000, 4000, whole - 1]:
        print(f"    {{{i % ds.Columns}, {i // ds.Columns}, 0, {v[i]}}},")


def main():
    ct_files, ct = dicom_series("DicomSeriesReaderTest.cpp: ct_chest_lung_petct/A0001_lung_kernel (HU)",
                                os.path.join(DATA, "ct_chest_lung_petct", "A0001_lung_kernel"))
    missing_slice(ct_files, ct, 30)
    dicom_series("DicomSeriesReaderTest.cpp: mr_head_t1c/series", os.path.join(DATA, "mr_head_t1c", "series"))
    gantry_tilt(os.path.join(DATA, "ct_head_gantry_tilt", "series"))
    for f in ["brain1_image.nrrd", "brain1_label.nrrd", "brain2_image.nrrd"]:
        nrrd(os.path.join(DATA, "mr_brain_tumor_nrrd", f))
    for case in ["TCGA_CS_4941_19960909", "TCGA_DU_5851_19950428"]:
        for f in ["flair.nii.gz", "mask.nii.gz"]:
            nifti(os.path.join(DATA, "mr_brain_lgg_flair", case, f))
    for f in ["images/ARDSSevere.png", "images/40779_2020_233_Fig2_HTML-a.png", "images/00870a9c.jpg",
              "images/12941_2020_358_Fig1_HTML.jpg", "masks/00870a9c_lung.png", "masks/12941_2020_358_Fig1_HTML_lung.png"]:
        picture(os.path.join(DATA, "cxr_lung_seg", f))
    dicom_samples()


if __name__ == "__main__":
    main()
