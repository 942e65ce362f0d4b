#!/usr/bin/env bash
# Quick start 1: install inklusio and start it with the demo data on http://127.0.0.1:8000 (Ctrl-C stops it).
set -euo pipefail
source "$(dirname "$0")/setup-env.sh" runtime
cd "$INKLUSIO_TOP"
exec inklusio demo "$@"
