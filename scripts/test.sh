#!/usr/bin/env bash
# Quick start 2: install everything the tests need (Python packages, Debian's Chromium) and run the whole suite.
# Extra arguments go to pytest. DATABASE_URL=postgres://... runs the same suite on PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/setup-env.sh" test
_apt_install chromium
# The office tests (-m office) open the report's DOCX and XLSX in LibreOffice: about 300 MB, 63 packages, ~40 s.
_apt_install libreoffice-writer-nogui libreoffice-calc-nogui
cd "$INKLUSIO_TOP"
export INKLUSIO_VAR_DIR="${INKLUSIO_VAR_DIR:-$INKLUSIO_TOP/var/test}"
# One test process per core, at most four (the suite is CPU-bound); PYTEST_WORKERS=0 runs it in this process.
cores="$(nproc)"
exec python -m pytest -n "${PYTEST_WORKERS:-$((cores < 4 ? cores : 4))}" "$@"
