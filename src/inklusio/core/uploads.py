"""Uploaded files are written outside the web root, chunk by chunk."""

from pathlib import Path


def save_upload(upload, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return path
