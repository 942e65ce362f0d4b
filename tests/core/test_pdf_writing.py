"""Every PDF is written through ``core.pdf.write_pdf``: WeasyPrint with Python's cycle collector paused."""

import gc
from pathlib import Path

import pytest

from inklusio.core.cycles import without_gc
from inklusio.core.pdf import write_pdf


def _seen_during_layout():
    seen = []
    pdf = write_pdf(
        "<html lang='de'><title>T</title><p>Hallo</p></html>",
        finisher=lambda document, pdf: seen.append(gc.isenabled()),
    )
    return pdf, seen


def test_the_collector_is_paused_while_a_pdf_is_made_and_running_again_after():
    assert gc.isenabled()
    pdf, seen = _seen_during_layout()
    assert pdf.startswith(b"%PDF-") and seen == [False]
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        _pdf, seen = _seen_during_layout()
        assert seen == [False] and not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_runs_again_when_the_work_fails():
    with pytest.raises(RuntimeError), without_gc():
        assert not gc.isenabled()
        raise RuntimeError("bad document")
    assert gc.isenabled()


def test_no_pdf_maker_calls_weasyprint_past_write_pdf():
    source = Path(__file__).resolve().parents[2] / "src" / "inklusio"
    callers = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "HTML(string=" in path.read_text(encoding="utf-8")
    ]
    assert callers == ["core/pdf.py"]
