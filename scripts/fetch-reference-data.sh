#!/usr/bin/env bash
# Lays out the reference data the reproduction specs read (nb201/, cifar/, nats_sss/ under DIR, as ../shared/data
# beside a checkout) by downloading it from the data release ($ZSNAS_DATA_URL, flat file names) and checking each
# file's sha256; a file already there with the right sha256 is kept. Used by .github/workflows/reproduce.yml.
set -euo pipefail
dir="${1:?usage: fetch-reference-data.sh DIR}"
base="${ZSNAS_DATA_URL:-https://github.com/zsnas/zsnas/releases/download/data-v1}"
base="${base%/}"
# path-in-DIR  sha256 (the first three are also pinned in src/data/sources.ts)
files=(
  "nb201/nb201_accuracy.csv 212ce759191989cbe6e401a2740310aaae8f55c471027a3ddfacc1bc90ed9bb9"
  "cifar/cifar10_test_300_jpeg.bin ed9fc1dafa2b82ff0c1ec9727666e787d50935c5d5e3a0adacf816d879435d34"
  "nb201/nb201_hw_nas_bench.csv b94ad00828be372a7bc3a2dd427e73bc4baae891d054a375bb78d61fa7d00ed6"
  "nats_sss/nats_sss_valid_acc_hp90.csv 0f4a5b9c91e8c091ee0e8d84dfda6408b1854efeab2d46dd09a5eafc0d578989"
)
for entry in "${files[@]}"; do
  read -r path sum <<<"$entry"
  target="$dir/$path"
  if [ -f "$target" ] && echo "$sum  $target" | sha256sum --check --status; then continue; fi
  mkdir -p "$(dirname "$target")"
  curl --fail --silent --show-error --location --retry 3 -o "$target.part" "$base/$(basename "$path")"
  if ! echo "$sum  $target.part" | sha256sum --check --status; then
    echo "fetch-reference-data: $base/$(basename "$path"): sha256 $(sha256sum "$target.part" | cut -d' ' -f1), expected $sum" >&2
    rm -f "$target.part"
    exit 1
  fi
  mv "$target.part" "$target"
done
echo "reference data ready in $dir"
