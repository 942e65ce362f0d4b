#!/usr/bin/env bash
# Vendor KERN UX's built files (unchanged) under static files. Run when upgrading KERN; commit the result.
set -euo pipefail
version="${1:-2.7.2}"
top="$(cd "$(dirname "$0")/.." && pwd)"
target="$top/src/inklusio/core/static/vendor/kern"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@kern-ux/native@$version" >/dev/null && tar xzf ./*.tgz)
rm -rf "$target"
mkdir -p "$target"
cp "$work/package/dist/kern.min.css" "$work/package/LICENSE.md" "$target/"
cp -r "$work/package/dist/fonts" "$target/fonts"
echo "$version" > "$target/VERSION"
echo "KERN UX $version vendored into $target"
