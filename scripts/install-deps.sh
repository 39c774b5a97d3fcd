#!/bin/sh
# Installs the Debian 12 packages cadview builds, runs and tests with. Idempotent: packages that are
# already installed are left alone, and apt is only asked when something is missing.
set -eu

# libopenblas0-openmp: LibTorch and python3-torch run their convolutions on the system BLAS
# (libblas.so.3). Debian's default is the reference BLAS, about 10x slower: cxr-pneumonia takes 20 ms a
# forward pass on it and 2 ms on OpenBLAS. The OpenMP build shares LibTorch's OpenMP threads.
PACKAGES="build-essential cmake ninja-build pkg-config
  qt6-base-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libvtk9-dev libinsighttoolkit5-dev libgdcm-dev libgdcm-tools libdcmtk-dev libtorch-dev libopenblas0-openmp python3-torch python3-numpy python3-pil python3-nibabel python3-pydicom libdeflate-dev libssl-dev
  nlohmann-json3-dev libgtest-dev libcli11-dev libpng-dev libjpeg-dev
  xvfb xauth libxcb1-dev x11-xserver-utils libgl1-mesa-dri fonts-dejavu-core fonts-noto-cjk qt6-translations-l10n
  dcm2niix clang-format
  orthanc orthanc-dicomweb dcmtk libcurl4-openssl-dev"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages:$missing" >&2
  echo "install-deps: run this script as root (or with sudo) to install them" >&2
  exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
