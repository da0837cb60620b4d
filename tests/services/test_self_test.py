"""``fieldnotes self-test`` runs end to end, and its PDF check does catch a foreign font."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from fieldnotes.services.self_test import pdf_text_and_fonts, run_self_test


def test_self_test_passes_on_a_working_installation(tmp_path: Path):
    lines: list[str] = []
    report = run_self_test(tmp_path, say=lines.append)
    assert len(report.steps) == 6
    assert lines[-1].startswith("ok: external report")
    assert (tmp_path / "report-internal.pdf").stat().st_size > 10_000


def test_a_pdf_drawn_with_a_standard_font_is_reported_as_not_embedding_it(tmp_path: Path):
    path = tmp_path / "helvetica.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "Drawn with a font nobody embedded")
    canvas.save()
    text, embedded, missing = pdf_text_and_fonts(path)
    assert "Drawn with a font nobody embedded" in text
    assert embedded == set()
    assert missing == {"Helvetica"}
