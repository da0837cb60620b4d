"""Use case: export a mission's consolidated report as a PDF.

ReportLab is imported inside the functions: this module is imported by the window at
start-up, and loading ReportLab there would slow every start for a feature used at the end
of a mission.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session

from fieldnotes.errors import Cancelled, ReportError
from fieldnotes.report.options import ReportOptions

if TYPE_CHECKING:
    from fieldnotes.report.data import BlobReader, ReportData
    from fieldnotes.report.glyphs import GlyphWarning

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class SessionSource(Protocol):
    """Anything that opens a unit of work, like :class:`fieldnotes.store.Database`."""

    def session(self) -> AbstractContextManager[Session]: ...


def profile_blobs(source: Session | SessionSource) -> BlobReader | None:
    """How the report reads attachment bytes: from the profile of ``source`` when it is a
    database (a bare session does not say which profile it belongs to)."""
    data_dir = getattr(source, "data_dir", None)
    if not isinstance(data_dir, Path):
        return None
    from fieldnotes.store.blobs import BlobStore

    return BlobStore.for_profile(data_dir).read


@dataclass(frozen=True)
class ReportResult:
    path: Path
    page_count: int
    glyph_warnings: tuple[GlyphWarning, ...]


@contextlib.contextmanager
def _session_from(source: Session | SessionSource) -> Iterator[Session]:
    if isinstance(source, Session):
        yield source
    else:
        with source.session() as session:
            yield session


def gather_report(
    source: Session | SessionSource,
    mission_id: str,
    options: ReportOptions,
    blobs: BlobReader | None = None,
) -> ReportData:
    """Read what the report shows, in one short session (the PDF is laid out after it)."""
    from fieldnotes.report.content import gather_report_data

    with _session_from(source) as session:
        return gather_report_data(session, mission_id, options, blobs)


def export_report(
    source: Session | SessionSource,
    mission_id: str,
    path: Path,
    options: ReportOptions | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    blobs: BlobReader | None = None,
) -> ReportResult:
    """Write the report of ``mission_id`` to ``path``; the file appears complete or not at all.

    ``progress(done, total)`` is called as the layout advances; when ``cancelled()`` turns
    true the export stops with :class:`~fieldnotes.errors.Cancelled` and ``path`` is left as
    it was. May run on a worker thread: it opens its own session when given a database.
    Photos are read through ``blobs``, by default from the database's profile folder.
    """
    options = options or ReportOptions()
    path = Path(path)
    _check_options(options)
    if cancelled is not None and cancelled():
        raise Cancelled("The report export was cancelled.")
    blobs = blobs or profile_blobs(source)
    data = gather_report(source, mission_id, options, blobs)
    return write_report(data, options, path, progress=progress, cancelled=cancelled, blobs=blobs)


def write_report(
    data: ReportData,
    options: ReportOptions,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    blobs: BlobReader | None = None,
) -> ReportResult:
    """Lay out ``data`` and write it to ``path`` atomically (a temporary file, then a rename).

    ``blobs`` reads the pictures of ``data.photos`` (those gathered with the same reader).
    """
    from fieldnotes.report.builder import build_pdf

    folder = path.parent
    if not folder.is_dir():
        raise ReportError(f"The folder {folder} does not exist.")
    # Beside the target, so that the rename stays on one file system; not mkstemp, whose
    # private permissions would stick to a document meant to be shared.
    temporary = folder / f".{path.name}.{uuid.uuid4().hex}.part"
    try:
        built = build_pdf(
            data, options, temporary, progress=progress, cancelled=cancelled, blobs=blobs
        )
        temporary.replace(path)
    except OSError as exc:
        raise ReportError(f"Cannot write the report to {path}: {exc.strerror}.") from exc
    finally:
        temporary.unlink(missing_ok=True)
    log.info("report written: %s (%d pages)", path, built.page_count)
    return ReportResult(path, built.page_count, built.glyph_warnings)


def _check_options(options: ReportOptions) -> None:
    logo = options.logo
    if logo is None:
        return
    if not logo.is_file():
        raise ReportError(f"The logo {logo} does not exist.")
    from reportlab.lib.utils import ImageReader

    try:
        ImageReader(str(logo)).getSize()
    except Exception as exc:  # ReportLab and Pillow raise many kinds for a bad image
        raise ReportError(f"The logo {logo} is not an image fieldnotes can read.") from exc
