"""The pictures of the photo annex: read, turned upright and re-encoded only when drawn.

A photo is laid out from the size :mod:`fieldnotes.report.content` read from its header;
its bytes are read, decoded and re-encoded at report size when the page that shows it is
drawn, so that a mission with hundreds of large photos never holds more than one of them
decoded. The copy is a fresh JPEG (:func:`fieldnotes.images.report_jpeg`): upright whatever
the camera's EXIF orientation, at most 1600 pixels, and without the original's metadata
(an external report must not carry where a phone was when it took the picture). Pillow's
encoder writes no date, so the same photo gives the same bytes on every build.
"""

from __future__ import annotations

import hashlib
import io
import logging

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from fieldnotes.errors import StorageError
from fieldnotes.images import report_jpeg
from fieldnotes.report import fonts
from fieldnotes.report.data import AttachmentEntry, BlobReader
from fieldnotes.report.styles import FINDING_TINT, MUTED, RULE

log = logging.getLogger(__name__)

BORDER = 0.4


def photo_size(entry: AttachmentEntry, max_width: float, max_height: float) -> tuple[float, float]:
    """Points for ``entry``'s picture: as large as fits, aspect kept, never above 1 pt a
    pixel (a small picture stays small rather than blurred)."""
    scale = min(max_width / entry.width, max_height / entry.height, 1.0)
    return entry.width * scale, entry.height * scale


class Photo(Flowable):  # type: ignore[misc]
    """One picture of the annex, with a hairline border; a link target named ``key``."""

    def __init__(
        self,
        entry: AttachmentEntry,
        blobs: BlobReader | None,
        size: tuple[float, float],
        key: str,
    ) -> None:
        super().__init__()
        self.entry = entry
        self.blobs = blobs
        self.drawWidth, self.drawHeight = size
        self.key = key
        self.hAlign = "LEFT"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, self.drawHeight)
        jpeg = self._jpeg()
        if jpeg is None:
            self._draw_placeholder()
        else:
            draw_jpeg(canvas, jpeg, self.drawWidth, self.drawHeight)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(BORDER)
        canvas.rect(0, 0, self.drawWidth, self.drawHeight, stroke=1, fill=0)
        canvas.restoreState()

    def _jpeg(self) -> bytes | None:
        if self.blobs is None:
            return None
        try:
            jpeg, _width, _height = report_jpeg(self.blobs(self.entry.sha256))
        except (StorageError, OSError, ValueError) as exc:
            # Read at gathering, gone or damaged since: the report still comes out.
            log.warning("photo %s left out of the report: %s", self.entry.sha256[:12], exc)
            return None
        return jpeg

    def _draw_placeholder(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(FINDING_TINT)
        canvas.rect(0, 0, self.drawWidth, self.drawHeight, stroke=0, fill=1)
        canvas.setFillColor(MUTED)
        canvas.setFont(fonts.REGULAR, 9)
        canvas.drawCentredString(
            self.drawWidth / 2, self.drawHeight / 2 - 3, "Picture not available"
        )
        canvas.restoreState()


def draw_jpeg(canvas: Canvas, jpeg: bytes, width: float, height: float) -> None:
    """Draw JPEG bytes at the origin, ``width`` × ``height`` points, embedded as they are.

    ``Canvas.drawImage`` given an in-memory image decodes every pixel only to name the
    image (a digest of the raw pixels), then embeds the JPEG bytes anyway; a photo annex
    would pay a full decode per photo. Here the image is named by a digest of its bytes and
    added the way ``drawImage`` adds it (ReportLab 4 and 5); the same picture twice is
    embedded once.
    """
    name = hashlib.md5(jpeg, usedforsecurity=False).hexdigest()
    document = canvas._doc
    registered = document.getXObjectName(name)
    if registered not in document.idToObject:
        image = pdfdoc.PDFImageXObject(name)
        if not image.loadImageFromJPEG(io.BytesIO(jpeg)):
            raise ValueError("not a JPEG")
        canvas._setXObjects(image)
        document.Reference(image, registered)
        document.addForm(name, image)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.scale(width, height)
    canvas._code.append(f"/{registered} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)  # puts the image in the page's resources
