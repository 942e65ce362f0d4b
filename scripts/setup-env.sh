#!/usr/bin/env bash
# Shared by scripts/demo.sh and scripts/test.sh: make sure the system packages and the virtual environment exist.
# Usage: source scripts/setup-env.sh [runtime|test]
set -euo pipefail
INKLUSIO_TOP="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${INKLUSIO_VENV:-$INKLUSIO_TOP/.venv}"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "inklusio: please run as root or install: ${*: -1}" >&2; return 1; fi
}

_apt_install() {  # install Debian packages that are missing
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "inklusio: please install ${missing[*]}" >&2; return 1; }
  echo "inklusio: installing ${missing[*]} from Debian …"
  _as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive _as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# WeasyPrint needs Pango; PDFs need a font; venv needs ensurepip.
_apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
"$PYTHON" -c "import ensurepip, venv" 2>/dev/null || _apt_install python3-venv

if [ ! -x "$VENV/bin/python" ]; then
  echo "inklusio: creating the virtual environment in $VENV …"
  "$PYTHON" -m venv "$VENV"
fi
lock="$INKLUSIO_TOP/requirements.lock"
[ "${1:-runtime}" = test ] && lock="$INKLUSIO_TOP/requirements-test.lock"
stamp="$VENV/.installed-$(basename "$lock")-$(sha256sum "$lock" "$INKLUSIO_TOP/pyproject.toml" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "inklusio: installing Python packages from $(basename "$lock") …"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q --require-hashes -r "$lock"
  "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$INKLUSIO_TOP" 2>/dev/null \
    || "$VENV/bin/python" -m pip install -q --no-deps -e "$INKLUSIO_TOP"
  touch "$stamp"
fi
export PATH="$VENV/bin:$PATH"
