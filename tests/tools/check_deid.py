#!/usr/bin/python3
"""Independent check (pydicom) of `cadview-cli anonymize` output against its source files.

usage: check_deid.py PROFILE.csv SOURCE_DIR OUTPUT_DIR KEY [PATIENT_NAME [PATIENT_ID]]

PROFILE.csv is `cadview-cli anonymize --print-profile` (the PS3.15 Table E.1-1 rows and the action
applied), so the table has one source. Exits 0 and prints "check_deid: OK: ..." when every check holds,
else 1 with every failure on stderr. Checks, at every depth of nested sequences:
- profile rows: X absent; Z empty; D the dummy value; U the keyed-hash UID of a source UID; no private
  tag, no overlay group; every DA, DT, TM empty or a dummy;
- Patient Identity Removed YES and code 113100 (DCM) in the De-identification Method Code Sequence;
- every source image has its output (found by the recomputed SOP Instance UID) with byte-identical
  pixel data and the same transfer syntax; series, study and frame of reference stay together;
- a SEG's referenced series, instances and per-frame source images are the new UIDs of its images;
- no original patient name, ID, date or instance UID appears anywhere in the output files' bytes.
"""
import hashlib
import hmac
import os
import sys

import pydicom
from pydicom.tag import Tag

DUMMIES = {"PN": "ANONYMOUS", "DA": "19000101", "TM": "000000", "DT": "19000101000000"}
CLASS_TAGS = {0x00080016, 0x0008001A, 0x0008001B, 0x00080062, 0x0008010C, 0x00081150, 0x00081197,
              0x04000010, 0x00189506}

failures = []


def fail(msg):
    if len(failures) < 50:
        failures.append(msg)
    else:
        failures.append(None)


def new_uid(key, uid):
    h = hmac.new(key.encode(), uid.encode(), hashlib.sha256).digest()[:16]
    return "2.25." + str(int.from_bytes(h, "big"))


def load_profile(path):
    exact, masked = {}, []
    with open(path) as f:
        next(f)
        for line in f:
            tag, table_action, action, name = line.rstrip("\n").split(",", 3)
            if "x" in tag:
                mask = int("".join("0" if c == "x" else "F" for c in tag), 16)
                masked.append((int(tag.replace("x", "0"), 16), mask, action, name))
            else:
                exact[int(tag, 16)] = (action, name)
    return exact, masked


def action_of(profile, tag):
    exact, masked = profile
    if int(tag) in exact:
        return exact[int(tag)]
    for value, mask, action, name in masked:
        if int(tag) & mask == value:
            return action, name
    return None


def is_empty(elem):
    if elem.VR == "SQ":
        return len(elem.value) == 0
    return elem.value is None or elem.value == "" or elem.value == b"" or elem.value == []


def values(elem):
    v = elem.value
    if v is None or v == "":
        return []
    return [str(x) for x in v] if isinstance(v, (list, pydicom.multival.MultiValue)) else [str(v)]


def walk(ds, path=""):
    for elem in ds:
        yield elem, path
        if elem.VR == "SQ":
            for i, item in enumerate(elem.value):
                yield from walk(item, f"{path}{elem.keyword or elem.tag}[{i}].")


def read_sources(source):
    files = {}
    for root, _, names in os.walk(source):
        for n in sorted(names):
            p = os.path.join(root, n)
            try:
                ds = pydicom.dcmread(p)
                ds.SOPInstanceUID
                _ = ds.PixelData if "PixelData" in ds else None
            except Exception:
                continue  # not DICOM, or broken: cadview-cli skips those too
            files[str(ds.SOPInstanceUID)] = (p, ds)
    return files


def main():
    profile_csv, source, output, key = sys.argv[1:5]
    patient_name = sys.argv[5] if len(sys.argv) > 5 else "ANONYMOUS"
    patient_id = sys.argv[6] if len(sys.argv) > 6 else None
    profile = load_profile(profile_csv)
    sources = read_sources(source)
    src_uids, secrets = set(), set()
    for p, ds in sources.values():
        for elem, _ in walk(ds):
            if elem.VR == "UI":
                src_uids.update(u for u in values(elem) if not u.startswith("1.2.840.10008."))
            if elem.VR in ("DA", "DT") or elem.tag in (Tag(0x0010, 0x0010), Tag(0x0010, 0x0020)):
                secrets.update(v.strip() for v in values(elem) if len(v.strip()) >= 4)
    mapped = {new_uid(key, u) for u in src_uids}

    outputs = {}
    for n in sorted(os.listdir(output)):
        p = os.path.join(output, n)
        ds = pydicom.dcmread(p)
        outputs[str(ds.SOPInstanceUID)] = (p, ds)
        raw = open(p, "rb").read()
        for s in secrets | src_uids:
            if s.encode() in raw:
                fail(f"{n}: holds an original value ({'UID' if s in src_uids else 'name, ID or date'})")
        if ds.file_meta.MediaStorageSOPInstanceUID != ds.SOPInstanceUID:
            fail(f"{n}: MediaStorageSOPInstanceUID differs from SOPInstanceUID")
        if ds.get("PatientIdentityRemoved") != "YES":
            fail(f"{n}: PatientIdentityRemoved is not YES")
        codes = [(c.CodeValue, c.CodingSchemeDesignator) for c in ds.get("DeidentificationMethodCodeSequence", [])]
        if ("113100", "DCM") not in codes:
            fail(f"{n}: no 113100 (DCM) in DeidentificationMethodCodeSequence")
        for elem, where in walk(ds):
            label = f"{n}: {where}{elem.keyword or elem.tag}"
            if elem.tag.is_private:
                fail(f"{label}: private tag remains")
                continue
            if 0x6000 <= elem.tag.group <= 0x601E and elem.tag.group % 2 == 0:
                fail(f"{label}: overlay remains")
            rule = action_of(profile, elem.tag)
            action = rule[0] if rule else None
            if action == "X":
                fail(f"{label}: should be removed")
            elif action == "Z" and not is_empty(elem):
                fail(f"{label}: should be empty")
            elif action == "D":
                if elem.tag == Tag(0x0010, 0x0010):
                    ok = str(elem.value) == patient_name
                elif elem.tag == Tag(0x0010, 0x0020):
                    ok = True  # the exact value is checked per source file below
                elif elem.VR == "SQ":
                    ok = len(elem.value) == 0
                else:
                    ok = is_empty(elem) or str(elem.value) in (DUMMIES.get(elem.VR), "ANONYMIZED")
                if not ok:
                    fail(f"{label}: not the dummy value")
            elif action == "U":
                bad = [u for u in values(elem) if u not in mapped]
                if bad:
                    fail(f"{label}: UID not the keyed hash of a source UID")
            elif elem.VR == "UI" and int(elem.tag) not in CLASS_TAGS:
                if any(u in src_uids for u in values(elem)):
                    fail(f"{label}: original UID kept")
            if action != "D" and elem.VR in ("DA", "DT", "TM") and not is_empty(elem):
                fail(f"{label}: date or time not emptied")

    # Every source instance is there, pixel data byte for byte, series/study/frame of reference together.
    for uid, (p, src) in sources.items():
        name = os.path.basename(p)
        out = outputs.get(new_uid(key, uid))
        if out is None:
            fail(f"{name}: no output with its new SOPInstanceUID")
            continue
        ds = out[1]
        if src.file_meta.TransferSyntaxUID != ds.file_meta.TransferSyntaxUID:
            fail(f"{name}: transfer syntax changed")
        if ("PixelData" in src) != ("PixelData" in ds) or ("PixelData" in src and src.PixelData != ds.PixelData):
            fail(f"{name}: pixel data differs")
        for kw in ("StudyInstanceUID", "SeriesInstanceUID", "FrameOfReferenceUID"):
            if kw in src and ds.get(kw) != new_uid(key, str(src.get(kw))):
                fail(f"{name}: {kw} is not the keyed hash of the original")
        expected_id = "ANON-" + hmac.new(key.encode(), str(src.get("PatientID", "")).strip().encode(),
                                         hashlib.sha256).hexdigest()[:8]
        if ds.get("PatientID") != (patient_id or expected_id):
            fail(f"{name}: PatientID is not the expected replacement")

    # SEG references point at the new UIDs of images that are in the output.
    seg_refs = 0
    for uid, (p, ds) in outputs.items():
        if ds.get("Modality") != "SEG":
            continue
        series = {str(d.SeriesInstanceUID) for _, d in outputs.values() if d.get("Modality") != "SEG"}
        for rs in ds.get("ReferencedSeriesSequence", []):
            if rs.SeriesInstanceUID not in series:
                fail("SEG: ReferencedSeriesSequence names a series not in the output")
            for ri in rs.get("ReferencedInstanceSequence", []):
                seg_refs += 1
                ref = outputs.get(str(ri.ReferencedSOPInstanceUID))
                if ref is None or ref[1].SeriesInstanceUID != rs.SeriesInstanceUID:
                    fail("SEG: ReferencedInstanceSequence names an image not in the output")
        for frame in ds.get("PerFrameFunctionalGroupsSequence", []):
            for der in frame.get("DerivationImageSequence", []):
                for si in der.get("SourceImageSequence", []):
                    seg_refs += 1
                    if str(si.ReferencedSOPInstanceUID) not in outputs:
                        fail("SEG: a frame's SourceImageSequence names an image not in the output")
        if seg_refs == 0:
            fail("SEG: no references found")

    if failures:
        for f in failures:
            if f is not None:
                print("check_deid: " + f, file=sys.stderr)
        print(f"check_deid: FAILED: {len(failures)} problems", file=sys.stderr)
        return 1
    studies = {str(d.get("StudyInstanceUID")) for _, d in outputs.values()}
    series = {str(d.get("SeriesInstanceUID")) for _, d in outputs.values()}
    print(f"check_deid: OK: {len(outputs)} files, {len(series)} series, {len(studies)} studies, "
          f"{seg_refs} SEG references, {len(sources)} sources matched")
    return 0


if __name__ == "__main__":
    sys.exit(main())
