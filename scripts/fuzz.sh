#!/bin/bash
# Builds the libFuzzer targets (build-fuzz: clang, ASan + UBSan, -DCADVIEW_FUZZ=ON), seeds their corpora
# from ../shared/data and the bundled manifests, runs each target for SECONDS (default 60), two at a
# time, and prints executions and crashes per target. libFuzzer runs in fork mode and goes on after a
# finding, so every target gets its whole time. Findings (crash-*, oom-*, timeout-*, leak-* inputs) are
# kept in build-fuzz/findings/<target>/; the corpora grow in build-fuzz/corpus/<target>/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      targets: see fuzz/CMakeLists.txt (default: all)
# A finding becomes a regression input: copy it (kept tiny) to tests/fuzz-regressions/<target>/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${CADVIEW_SHARED_DATA:-$here/../shared/data}
build=$here/build-fuzz
seconds=${1:-60}
[ $# -gt 0 ] && shift
all=(dicom_file dicom_series image_file label_table labelmap_nrrd manifest dicom_seg pacs_replies)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

if [ ! -f "$build/CMakeCache.txt" ]; then
    nice -n 10 cmake -S "$here" -B "$build" -DCADVIEW_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
fi
nice -n 10 cmake --build "$build" -j2 --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

# --- seed corpora ------------------------------------------------------------------------------------
seed() {  # seed TARGET FILE...
    mkdir -p "$build/corpus/$1"
    local t=$1
    shift
    for f in "$@"; do [ -f "$f" ] && cp -f "$f" "$build/corpus/$t/seed-$(basename "$f")"; done
    return 0
}
samples=$data/dicom_samples/pydicom_debian
chest=$data/ct_chest_lung_petct/A0001_lung_kernel
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
head -c 300 "$chest/1-01.dcm" >"$tmp/truncated_meta.dcm"  # the GDCM assertion of issue #7
head -c 4000 "$chest/1-01.dcm" >"$tmp/truncated_header.dcm"
seed dicom_file "$samples"/{CT_small,MR_small,MR_small_RLE,MR_small_bigendian,MR_small_jpeg_ls_lossless,JPEG2000,SC_rgb_rle,SC_rgb_jpeg,rtdose,MR_truncated,no_meta,meta_missing_tsyntax,badVR,no_meta_group_length,ExplVR_BigEndNoMeta,emri_small}.dcm \
    "$data"/dicom_samples/pydicom_data/{liver_rle,liver_deflate,JLSL_16_15_1_1F}.dcm "$tmp"/truncated_{meta,header}.dcm
sep=--cadview-fuzz-next-file--  # fuzz/FuzzInputs.h kFileSeparator
{ cat "$samples/CT_small.dcm"; printf %s "$sep"; cat "$samples/CT_small.dcm"; } >"$tmp/two_ct.series"
{ cat "$samples/MR_small.dcm"; printf %s "$sep"; cat "$samples/MR_truncated.dcm"; printf %s "$sep"; cat "$samples/MR_small_RLE.dcm"; } >"$tmp/three_mr.series"
{ cat "$tmp/truncated_header.dcm"; printf %s "$sep"; cat "$samples/rtdose.dcm"; } >"$tmp/broken.series"
seed dicom_series "$tmp"/*.series
pngs=("$data"/cxr_pneumoniamnist/val/normal/*.png)
png=${pngs[0]}
jpg=$(ls -S -r "$data"/cxr_lung_seg/images/*.jpg | head -1 || true)  # head closes the pipe early
cli=$here/build-inf/bin/cadview-cli
if [ -x "$cli" ]; then  # tiny NIfTI / NRRD / MetaImage versions of the 28 x 28 radiograph
    for ext in nii nii.gz nrrd mha; do "$cli" convert "$png" "$tmp/small.$ext" >/dev/null 2>&1 || true; done
fi
seed image_file "$png" "$jpg" "$tmp"/small.{nii,nii.gz,nrrd,mha} "$data/mr_brain_lgg_flair/TCGA_DU_6399_19830416/mask.nii.gz"
# The hostile shapes of tests/fuzz-regressions (refused now) are seeds too: their neighbours are worth trying.
seed image_file "$here"/tests/fuzz-regressions/image_file/*
seed dicom_file "$here"/tests/fuzz-regressions/dicom_file/*
cat >"$tmp/labels.json" <<'JSON'
{"labels": [{"value": 1, "name": "lung", "color": [255, 0, 0], "visible": true, "locked": false},
            {"value": 2, "name": "tumour \u00e9", "color": [0, 128, 255], "visible": false, "locked": true}]}
JSON
cat >"$tmp/labels.itksnap.txt" <<'SNAP'
# ITK-SnAP Label Description File
    0     0    0    0        0  0  0    "Clear Label"
    1   255    0    0        1  1  1    "Lung"
    2     0  128  255      0.5  0  1    "Tumour"
SNAP
seed label_table "$tmp/labels.json" "$tmp/labels.itksnap.txt"
seed labelmap_nrrd "$tmp/small.nrrd" "$data/mr_brain_tumor_nrrd/brain1_label.nrrd"
seed manifest "$here"/resources/models/*/manifest.json
seed dicom_seg "$data"/dicom_samples/pydicom_data/{liver_deflate,liver_rle}.dcm "$samples"/liver_1frame.dcm

# PACS answers: a QIDO-RS JSON array, a WADO-RS multipart body (Content-Type line first) and a C-FIND
# response data set in implicit VR little endian (written by pydicom).
cat >"$tmp/qido.json" <<'JSON'
[{"0020000D": {"vr": "UI", "Value": ["1.2.3.4"]}, "00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^J"}]},
  "00080020": {"vr": "DA", "Value": ["20200102"]}, "00080061": {"vr": "CS", "Value": ["CT", "MR"]},
  "00201208": {"vr": "IS", "Value": [28]}, "0020000E": {"vr": "UI", "Value": ["1.2.3.4.5"]}}]
JSON
printf 'multipart/related; type="application/dicom"; boundary=XYZ\n--XYZ\r\nContent-Type: application/dicom\r\n\r\nDICM-bytes\r\n--XYZ\r\nContent-Type: application/dicom\r\n\r\nmore\r\n--XYZ--\r\n' >"$tmp/wado.multipart"
/usr/bin/python3 - "$tmp/cfind.bin" <<'PY' || true
import sys
from pydicom.dataset import Dataset
from pydicom.filebase import DicomBytesIO
from pydicom.filewriter import write_dataset
ds = Dataset()
ds.QueryRetrieveLevel = "STUDY"
ds.PatientName = "DOE^J"
ds.PatientID = "P1"
ds.StudyInstanceUID = "1.2.3.4"
ds.StudyDate = "20200102"
ds.ModalitiesInStudy = ["CT", "MR"]
ds.NumberOfStudyRelatedInstances = "28"
fp = DicomBytesIO()
fp.is_little_endian, fp.is_implicit_VR = True, True
write_dataset(fp, ds)
open(sys.argv[1], "wb").write(fp.getvalue())
PY
seed pacs_replies "$tmp/qido.json" "$tmp/wado.multipart" "$tmp/cfind.bin"

# --- run, two targets at a time ----------------------------------------------------------------------
run() {
    local t=$1
    mkdir -p "$build/findings/$t" "$build/corpus/$t"
    (cd "$build/findings/$t" &&
        LSAN_OPTIONS="suppressions=$here/fuzz/lsan.supp:print_suppressions=0" nice -n 10 "$build/bin/fuzz_$t" "$build/corpus/$t" -max_total_time="$seconds" -timeout=20 \
            -rss_limit_mb=3072 -malloc_limit_mb=1024 -close_fd_mask=3 \
            -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
            -artifact_prefix="$build/findings/$t/" >"$build/findings/$t.log" 2>&1 || true)
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
    run "${targets[i]}" &
    [ $((i + 1)) -lt ${#targets[@]} ] && run "${targets[i + 1]}" &
    wait
done

printf '%-15s %12s %8s %10s\n' target executions crashes corpus
for t in "${targets[@]}"; do
    # fork mode: the parent's last "#EXECS: cov: ..." line totals its jobs
    execs=$(grep -o '^#[0-9]*:' "$build/findings/$t.log" | tail -1 | tr -d '#:' || echo '?')
    crashes=$(find "$build/findings/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) | wc -l)
    printf '%-15s %12s %8s %10s\n' "$t" "${execs:-?}" "$crashes" "$(ls "$build/corpus/$t" | wc -l)"
done
