"""The report's typeface: DejaVu Sans, shipped in resources/fonts and loaded by full path.

DejaVu Sans covers Latin with every diacritic, Cyrillic, Georgian and Armenian in all four
faces. Faces are registered by the full path from :func:`fieldnotes.paths.resource`: given a
bare file name ReportLab searches its own font path (``/usr/share/fonts`` ...) and would
silently use whatever the build machine has.

:func:`register_fonts` also mends one ReportLab function for the whole process (see
:func:`_to_unicode_cmap`): its output changes only for characters beyond U+FFFF, which
ReportLab itself writes unreadably, so other users of ReportLab in the process lose nothing.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from fieldnotes.paths import resource
from fieldnotes.report.markup import StyledCoverage

FAMILY = "FieldnotesSans"
REGULAR = "FieldnotesSans"
BOLD = "FieldnotesSans-Bold"
ITALIC = "FieldnotesSans-Italic"
BOLD_ITALIC = "FieldnotesSans-BoldItalic"
# A family whose four styles are all the regular face: draws the few characters a styled
# face lacks (markup.StyledCoverage), since ReportLab has no fallback of its own.
UPRIGHT = "FieldnotesSansUpright"

FACE_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    UPRIGHT: "DejaVuSans.ttf",
}


@cache
def register_fonts() -> None:
    """Register the faces and families with ReportLab (once per process).

    Also replaces ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap`` (see the module docstring).
    """
    _fix_to_unicode_beyond_bmp()
    for name, file_name in FACE_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file_name))))
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    pdfmetrics.registerFontFamily(
        UPRIGHT, normal=UPRIGHT, bold=UPRIGHT, italic=UPRIGHT, boldItalic=UPRIGHT
    )


def _codepoints(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    assert isinstance(font, TTFont)
    return frozenset(font.face.charToGlyph)


@cache
def regular_coverage() -> frozenset[int]:
    """Every character the regular face can draw (the others draw a subset of these)."""
    register_fonts()
    return _codepoints(REGULAR)


@cache
def styled_coverage() -> StyledCoverage:
    register_fonts()
    return StyledCoverage(
        bold=_codepoints(BOLD),
        italic=_codepoints(ITALIC),
        bold_italic=_codepoints(BOLD_ITALIC),
        fallback_font=UPRIGHT,
    )


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16.

    ReportLab 5.1 writes such a character as five hex digits (``<10300>``), which PDF readers
    reject, so the text of e.g. Old Italic or mathematical letters cannot be extracted,
    searched or copied. The PDF format wants the UTF-16BE surrogate pair.
    """
    entries = [f"<{code:02X}> <{_utf16_hex(value)}>" for code, value in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _utf16_hex(value: int) -> str:
    if value > 0xFFFF:
        return chr(value).encode("utf-16-be").hex().upper()
    return f"{value:04X}"


def _fix_to_unicode_beyond_bmp() -> None:
    # ReportLab looks the function up by name in its module while embedding a subset, so the
    # replacement must live there. The CMap text is ReportLab 5.1's, save the UTF-16: check
    # it again (and drop this if ReportLab writes surrogate pairs itself) on each upgrade.
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
