"""Hostile uploads through the bounded reader: peak memory (RSS) and time until each is refused.

Usage: python benchmarks/import_limits.py
Each case runs in its own fresh Python process that reads the file into memory (as the worker does) and then
reads it as a table. The process reports its peak resident memory, interpreter and openpyxl included (``VmHWM``
on Linux; ``ru_maxrss`` is printed too, but it keeps the forking parent's peak across exec), and the time of
``read_table`` alone (openpyxl's import included for an XLSX). Target (issue #14): refused in under 2 s with under
200 MB peak RSS. Before the bounded reader, the 5 KB XLSX drove a web worker to 5 GB, and the CSV took 30 s and
1.7 GB.
"""

import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
TARGET_SECONDS, TARGET_MB = 2.0, 200

CHILD = r"""
import json, resource, sys, time
from inklusio.core.tabular import TableError, read_table
data = open(sys.argv[1], "rb").read()
started = time.perf_counter()
try:
    read_table(data)
    outcome = "read"
except TableError as error:
    outcome = f"refused ({error.code}): {error}"
elapsed = time.perf_counter() - started
try:  # the peak of this process's own memory since exec (ru_maxrss also counts the parent's before exec)
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak, "outcome": outcome,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def forged_dimension_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Nachname", "E-Mail"])
    workbook.active.append(["Muster", "m@example.org"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', content)
            target.writestr(info.filename, content)
    return out.getvalue()


def million_columns_csv() -> bytes:
    return b"Nachname," + b"abcdefghi," * 1_000_000 + b"\nMuster\n"


def zip_bomb_xlsx() -> bytes:
    """A real XLSX with one more member: 120 MB of zeros, about 120 KB packed."""
    data = io.BytesIO(forged_dimension_xlsx().replace(b"A1:XFD1048576", b"A1:B2"))
    with (
        zipfile.ZipFile(data, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/image1.bin", "w") as member,
    ):
        for _ in range(120):
            member.write(b"\0" * 1_048_576)
    return data.getvalue()


def baseline_csv() -> bytes:
    """A harmless small file, for the interpreter's own footprint."""
    return b"Nachname;E-Mail\nMuster;m@example.org\n"


def run(name: str, data: bytes) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".bin") as handle:
        handle.write(data)
        handle.flush()
        env = {"PYTHONPATH": str(TOP / "src"), "PATH": "/usr/bin:/bin"}
        result = subprocess.run(
            [sys.executable, "-c", CHILD, handle.name], capture_output=True, text=True, env=env, check=True
        )
    measured = json.loads(result.stdout)
    measured.update(name=name, size=len(data))
    return measured


def main() -> None:
    cases = [
        ("harmless 2-row CSV (the interpreter's own footprint)", baseline_csv()),
        ("XLSX with a forged <dimension ref='A1:XFD1048576'/>", forged_dimension_xlsx()),
        ("CSV with 1,000,000 columns", million_columns_csv()),
        ("XLSX with a ZIP-bomb member (120 MB of zeros)", zip_bomb_xlsx()),
    ]
    print(f"target: refused in under {TARGET_SECONDS:g} s with under {TARGET_MB} MB peak RSS\n")
    columns = ("file", 7), ("time", 8), ("peak RSS", 8), ("ru_maxrss", 9), ("time/target", 11), ("RSS/target", 10)
    print(f"{'case':52} " + " ".join(f"{title:>{width}}" for title, width in columns) + "  outcome")
    for name, data in cases:
        m = run(name, data)
        size = f"{m['size'] / 1024:.0f} KB" if m["size"] < 1_048_576 else f"{m['size'] / 1_048_576:.1f} MB"
        print(
            f"{name:52} {size:>7} {m['seconds'] * 1000:>5.0f} ms {m['peak_mb']:>5.0f} MB {m['maxrss_mb']:>6.0f} MB "
            f"{m['seconds'] / TARGET_SECONDS:>10.3f}× {m['peak_mb'] / TARGET_MB:>9.2f}×  {m['outcome'][:70]}"
        )


if __name__ == "__main__":
    main()
