"""Audit the lock files with pip-audit: fail on any known vulnerability.

pip-audit skips a package it cannot look up. Where no vulnerability service is reachable at all (the
workplace's CI machines reach PyPI's package index but not its per-version JSON API or OSV), every
package is skipped: this script then says so loudly and fails only if ``AUDIT_REQUIRE_SERVICE=1``.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

LOCKS = ["requirements.lock", "requirements-test.lock"]


def main() -> int:
    top = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        command = [sys.executable, "-m", "pip_audit", "--require-hashes", "--disable-pip", "--format", "json"]
        for lock in LOCKS:
            command += ["-r", str(top / lock)]
        finished = subprocess.run([*command, "-o", str(report)], capture_output=True, text=True)  # noqa: S603
        if not report.exists():
            print(finished.stderr, file=sys.stderr)
            return 1
        dependencies = json.loads(report.read_text())["dependencies"]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    audited = len(dependencies) - len(skipped)
    for dependency in vulnerable:
        ids = ", ".join(v["id"] for v in dependency["vulns"])
        print(f"VULNERABLE {dependency['name']} {dependency['version']}: {ids}")
    print(f"pip-audit: {audited} packages audited, {len(vulnerable)} vulnerable, {len(skipped)} not looked up")
    if vulnerable:
        return 1
    if skipped and not audited:
        print("pip-audit: NOT AUDITED — no vulnerability service answered from this machine", file=sys.stderr)
        return 1 if os.environ.get("AUDIT_REQUIRE_SERVICE") == "1" else 0
    if skipped:
        print("pip-audit: not looked up: " + ", ".join(d["name"] for d in skipped), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
