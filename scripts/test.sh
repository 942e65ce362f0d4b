#!/usr/bin/env bash
# Quick start 2: install everything the tests need (Python packages, Debian's Chromium) and run the whole suite.
# Extra arguments go to pytest. DATABASE_URL=postgres://... runs the same suite on PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/setup-env.sh" test
_apt_install chromium
# pdftotext reads the certificates' text layer back (tests/events/test_certificates.py).
_apt_install poppler-utils
# xgettext: tests/core/test_catalogues.py re-runs makemessages to find untranslated texts.
_apt_install gettext
export INKLUSIO_REQUIRE_GETTEXT=1
# The office tests (-m office) open the report's DOCX and XLSX in LibreOffice: about 300 MB, 63 packages, ~40 s.
_apt_install libreoffice-writer-nogui libreoffice-calc-nogui
cd "$INKLUSIO_TOP"
# The W3C Nu Html Checker (tests/security/test_valid_html.py): vnu-jar from npm, pinned, in .vendor-node/; it
# runs on Debian's Java. INKLUSIO_REQUIRE_VNU makes the test fail instead of skipping when either is missing.
VNU_VERSION=26.9.27
_apt_install default-jre-headless
command -v npm >/dev/null 2>&1 || _apt_install npm
if [ "$(cat .vendor-node/vnu-version 2>/dev/null)" != "$VNU_VERSION" ]; then
  echo "inklusio: installing vnu-jar $VNU_VERSION from npm …"
  mkdir -p .vendor-node
  npm install --silent --no-save --no-audit --no-fund --prefix .vendor-node "vnu-jar@$VNU_VERSION"
  echo "$VNU_VERSION" > .vendor-node/vnu-version
fi
export INKLUSIO_REQUIRE_VNU=1
export INKLUSIO_VAR_DIR="${INKLUSIO_VAR_DIR:-$INKLUSIO_TOP/var/test}"
# One test process per core, at most four (the suite is CPU-bound); PYTEST_WORKERS=0 runs it in this process.
cores="$(nproc)"
# --dist loadscope: a module's tests run in one process, so a module-scoped fixture (the demo loaded once per
# module: tests/conftest.py demo_once, tests/security/conftest.py demo_world) is built once, not in every process;
# modules with the most tests start first.
exec python -m pytest -n "${PYTEST_WORKERS:-$((cores < 4 ? cores : 4))}" --dist loadscope "$@"
