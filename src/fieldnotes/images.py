"""Pictures of attachments with Pillow: what they are, upright thumbnails, report-sized copies.

Phones store photos sideways with an EXIF orientation tag; viewers rotate them, Qt and
ReportLab do not. Everything shown or printed goes through :func:`upright` first. No Qt
here: services, the report and the window all use these functions.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

THUMBNAIL_SIZE = 160
REPORT_MAX_PIXELS = 1600  # longest side in the PDF: sharp on A4 at 200 dpi, small files
# A photo of a slide has some 12 million pixels; far beyond this is a decompression bomb.
MAX_IMAGE_PIXELS = 80_000_000

_MEDIA_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "TIFF": "image/tiff",
    "BMP": "image/bmp",
    "HEIF": "image/heif",
    "MPO": "image/jpeg",  # two-lens phone cameras: a JPEG with a second picture inside
}


@dataclass(frozen=True)
class ImageInfo:
    media_type: str
    width: int  # upright: after the EXIF orientation is applied
    height: int


def _open(data: bytes, draft: int | None = None) -> Image:
    """The picture in ``data``, decoded (at reduced scale when ``draft`` allows, for JPEGs)."""
    from PIL import Image as PILImage

    with warnings.catch_warnings():
        # Pillow only warns about huge images; here they are refused.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        image = PILImage.open(io.BytesIO(data))
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValueError("image too large")
        if draft is not None:
            # JPEG decoders can scale by 1/2, 1/4, 1/8 while decoding: a thumbnail of a
            # 12-megapixel photo then costs a fraction of a full decode.
            image.draft("RGB", (draft, draft))
        image.load()
    return image


_TURNED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


def image_info(data: bytes) -> ImageInfo | None:
    """What picture ``data`` is, or None if Pillow cannot read it (a PDF, a document).

    Reads the header only: no pixel is decoded.
    """
    from PIL import Image as PILImage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data))
            width, height = image.size
            turned = image.getexif().get(0x0112) in _TURNED
    except Exception:  # Pillow raises many kinds for unreadable input; all mean "no picture"
        return None
    if width * height > MAX_IMAGE_PIXELS:
        return None
    media_type = _MEDIA_TYPES.get(image.format or "", f"image/{(image.format or 'x').lower()}")
    return ImageInfo(media_type, height if turned else width, width if turned else height)


def upright(data: bytes, draft: int | None = None) -> Image:
    """The picture in ``data`` turned as its EXIF orientation says (ValueError etc. if none)."""
    from PIL import ImageOps

    image = _open(data, draft)
    turned = ImageOps.exif_transpose(image)
    return turned if turned is not None else image


def thumbnail_png(data: bytes, size: int = THUMBNAIL_SIZE) -> bytes | None:
    """A PNG at most ``size`` pixels on its longer side, upright; None for non-pictures."""
    try:
        image = upright(data, draft=size)
    except Exception:  # not a picture Pillow can read
        return None
    image.thumbnail((size, size))
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def report_jpeg(data: bytes, max_pixels: int = REPORT_MAX_PIXELS) -> tuple[bytes, int, int]:
    """An upright JPEG copy for the report, at most ``max_pixels`` on its longer side.

    Three-megabyte photos embedded as they are would make a 600 MB report; at 1600 pixels
    and quality 85 each is a few hundred kilobytes and still sharp on paper.
    """
    image = upright(data, draft=max_pixels)
    image.thumbnail((max_pixels, max_pixels))
    if image.mode != "RGB":
        from PIL import Image as PILImage

        background = PILImage.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=False)
    return out.getvalue(), image.width, image.height
