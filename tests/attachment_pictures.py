"""Pictures made in the tests: a sideways phone photo (EXIF orientation 6) and friends."""

from __future__ import annotations

import io

from PIL import Image


def sideways_jpeg(width: int = 80, height: int = 40) -> bytes:
    """A landscape JPEG whose EXIF says "rotate 90° clockwise to show": upright it is portrait."""
    image = Image.new("RGB", (width, height), (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, width // 4, height))  # a blue band on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 CW
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(width: int = 30, height: int = 20, colour: tuple[int, int, int] = (0, 128, 0)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()
