#!/bin/sh
# Rebuilds the bundled demo study from ../shared/data (run once by a developer; the result is committed):
# 30 contiguous slices (instances 4-33, around the adenocarcinoma) of the Lung-PET-CT-Dx chest CT A0001,
# re-encoded losslessly as JPEG-LS with GDCM. UIDs and every other tag are kept.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
src="${1:-$here/../shared/data/ct_chest_lung_petct/A0001_lung_kernel}"
dst="$here/resources/demo/ct_chest_A0001"
mkdir -p "$dst"
rm -f "$dst"/*.dcm
for n in $(seq 4 33); do
  f=$(printf '1-%02d.dcm' "$n")
  gdcmconv --jpegls "$src/$f" "$dst/$f"
done
du -sh "$dst"

# The demo chest X-ray for the README's first command: image 02b76460 of cxr_lung_seg (covid-chestxray-dataset,
# CC BY 3.0) with its V7 Labs lung mask (CC BY 4.0), from the test split of the bundled cxr-lung-seg model.
cxr="$here/resources/demo/cxr_02b76460"
mkdir -p "$cxr"
cp "$here/../shared/data/cxr_lung_seg/images/02b76460.jpg" "$cxr/image.jpg"
cp "$here/../shared/data/cxr_lung_seg/masks/02b76460_lung.png" "$cxr/lung_mask.png"
chmod u+w "$cxr"/*
