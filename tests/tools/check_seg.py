#!/usr/bin/python3
"""Checks a DICOM SEG written by `cadview-cli export-seg` independently of cadview (pydicom, nibabel, numpy).

    check_seg.py SEG.dcm REFERENCE_DIR LABELS.nii[.gz] "1=Name one,4=Name two"

Asserts: Modality SEG and the Segmentation Storage SOP class; patient, study and frame of reference of the
source series; the Referenced Series Sequence names the source series and only its images; the segments
are the expected ones (label = name), in order; every frame's source image reference and plane position
point at one source image; and the label map rebuilt from the frames (each frame placed on the source
slice it references) equals the NIfTI label map voxel for voxel, where each NIfTI slice is matched to the
source image at its physical position. Exits 0 when all hold, 1 with the reasons otherwise.
"""
import glob
import os
import sys

import nibabel
import numpy as np
import pydicom

SEG_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4"


def fail(message):
    print("check_seg: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def source_series(folder):
    images = []
    for path in sorted(glob.glob(os.path.join(folder, "**", "*"), recursive=True)):
        if not os.path.isfile(path):
            continue
        try:
            ds = pydicom.dcmread(path, stop_before_pixels=True)
        except Exception:
            continue
        if "ImagePositionPatient" in ds:
            images.append(ds)
    check(images, "no source images in " + folder)
    check(len({ds.SeriesInstanceUID for ds in images}) == 1, "the reference folder holds several series")
    return images


def main():
    if len(sys.argv) != 5:
        fail("usage: check_seg.py SEG REFERENCE_DIR LABELS EXPECTED_SEGMENTS")
    seg_path, reference, labels_path, expected_text = sys.argv[1:]
    expected = []  # (value, name) in segment order
    for item in expected_text.split(","):
        value, name = item.split("=", 1)
        expected.append((int(value), name))

    sources = source_series(reference)
    by_uid = {ds.SOPInstanceUID: ds for ds in sources}
    first = sources[0]

    seg = pydicom.dcmread(seg_path)
    check(seg.Modality == "SEG", "Modality is %s" % seg.Modality)
    check(seg.SOPClassUID == SEG_STORAGE, "SOPClassUID is %s" % seg.SOPClassUID)
    check(seg.file_meta.MediaStorageSOPClassUID == SEG_STORAGE, "meta SOP class is wrong")
    check(seg.SegmentationType == "BINARY", "SegmentationType is %s" % seg.SegmentationType)
    for keyword in ("PatientID", "StudyInstanceUID", "FrameOfReferenceUID"):
        check(seg.get(keyword) == first.get(keyword), "%s differs from the source" % keyword)
    check(seg.SeriesInstanceUID != first.SeriesInstanceUID, "the SEG reuses the source series UID")
    check(seg.SOPInstanceUID not in by_uid, "the SEG reuses a source SOPInstanceUID")

    check(len(seg.ReferencedSeriesSequence) == 1, "ReferencedSeriesSequence must have one item")
    referenced = seg.ReferencedSeriesSequence[0]
    check(referenced.SeriesInstanceUID == first.SeriesInstanceUID,
          "ReferencedSeriesSequence names series %s, the source is %s"
          % (referenced.SeriesInstanceUID, first.SeriesInstanceUID))
    referenced_uids = {item.ReferencedSOPInstanceUID for item in referenced.ReferencedInstanceSequence}
    check(referenced_uids == set(by_uid), "ReferencedInstanceSequence does not list exactly the source images")

    segments = [(int(s.SegmentNumber), s.SegmentLabel) for s in seg.SegmentSequence]
    check([name for _, name in segments] == [name for _, name in expected],
          "segment labels %s, expected %s" % ([n for _, n in segments], [n for _, n in expected]))
    check([n for n, _ in segments] == list(range(1, len(expected) + 1)), "segment numbers are not 1..N")
    for s in seg.SegmentSequence:
        check(s.SegmentAlgorithmType == "MANUAL", "SegmentAlgorithmType is not MANUAL")
        check(len(s.RecommendedDisplayCIELabValue) == 3, "no recommended display colour")
    value_of_segment = {number: expected[number - 1][0] for number, _ in segments}

    # The expected label map and, for each of its slices, the source image at that place.
    nii = nibabel.load(labels_path)
    labels = np.asarray(nii.dataobj).astype(np.int64)
    check(labels.ndim == 3, "the label map is not 3D")
    nx, ny, nz = labels.shape
    check((seg.Columns, seg.Rows) == (nx, ny), "SEG frames are %dx%d, the label map %dx%d"
          % (seg.Columns, seg.Rows, nx, ny))
    ras_to_lps = np.diag([-1.0, -1.0, 1.0])
    slice_of_uid = {}
    for k in range(nz):
        lps = ras_to_lps @ (nii.affine @ np.array([0.0, 0.0, k, 1.0]))[:3]
        near = [ds for ds in sources
                if np.linalg.norm(np.array(ds.ImagePositionPatient, float) - lps) < 0.01]
        check(len(near) == 1, "label map slice %d at %s matches %d source images" % (k, lps, len(near)))
        slice_of_uid[near[0].SOPInstanceUID] = k

    frames = seg.pixel_array
    if frames.ndim == 2:
        frames = frames[np.newaxis]
    check(frames.shape[0] == int(seg.NumberOfFrames), "frame count differs from NumberOfFrames")
    rebuilt = np.zeros_like(labels)
    orientation = [float(v) for v in
                   seg.SharedFunctionalGroupsSequence[0].PlaneOrientationSequence[0].ImageOrientationPatient]
    check(np.allclose(orientation, [float(v) for v in first.ImageOrientationPatient], atol=1e-4),
          "ImageOrientationPatient differs from the source")
    for i, fg in enumerate(seg.PerFrameFunctionalGroupsSequence):
        number = int(fg.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
        source = fg.DerivationImageSequence[0].SourceImageSequence[0]
        uid = source.ReferencedSOPInstanceUID
        check(uid in by_uid, "frame %d references an image not in the source series" % (i + 1))
        check(source.ReferencedSOPClassUID == by_uid[uid].SOPClassUID, "frame %d: wrong SOP class" % (i + 1))
        position = np.array(fg.PlanePositionSequence[0].ImagePositionPatient, float)
        check(np.linalg.norm(position - np.array(by_uid[uid].ImagePositionPatient, float)) < 1e-3,
              "frame %d: plane position differs from its source image's" % (i + 1))
        check(uid in slice_of_uid, "frame %d: its source image is not a slice of the label map" % (i + 1))
        k = slice_of_uid[uid]
        rebuilt[:, :, k][frames[i].T != 0] = value_of_segment[number]

    if not np.array_equal(rebuilt, labels):
        diff = np.argwhere(rebuilt != labels)
        fail("%d voxels differ, first at %s: SEG %d, label map %d"
             % (len(diff), tuple(diff[0]), rebuilt[tuple(diff[0])], labels[tuple(diff[0])]))
    print("check_seg: OK: %d segments, %d frames, %d labelled voxels, series %s"
          % (len(segments), frames.shape[0], int((labels != 0).sum()), referenced.SeriesInstanceUID))


if __name__ == "__main__":
    main()
