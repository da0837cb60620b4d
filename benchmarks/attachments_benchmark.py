"""Attachments benchmark: a mission with many large photos, against reading and hashing them.

    python benchmarks/attachments_benchmark.py [--photos 200] [--megabytes 3]

Floor: read every photo file and compute its SHA-256 (what any content-addressed store must
do at least once). Measured, each as a ratio to the floor:

(a) attach: ``services.attachments.add_attachment_file`` for every photo into a real profile
    (hash while copying into the blob store, fsync, rename, one record per photo);
(b) thumbnails: upright 160-pixel thumbnails of every photo (what the meeting strip shows);
(c) annex images: the upright, 1600-pixel JPEG copies the report's photo annex embeds;
(d) package export and import of the mission with every photo, once packages carry
    ``attachments/<sha256>`` (skipped, and said so, until then);
(e) the internal report of the mission, whose photo annex holds every photo.

Photos are JPEGs of noise (they do not compress, as real photos do not); each one is made
unique by bytes after its end-of-image marker, which decoders ignore.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def make_photos(folder: Path, count: int, megabytes: float) -> list[Path]:
    """``count`` distinct JPEG files of about ``megabytes`` each."""
    import os

    from PIL import Image

    side = int((megabytes * 1_000_000 / 1.1) ** 0.5)  # noise at q95: ~1.1 bytes a pixel
    bases = []
    for _ in range(4):
        image = Image.frombytes("RGB", (side * 4 // 3, side * 3 // 4), os.urandom(side * side * 3))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=95)
        bases.append(out.getvalue())
    paths = []
    for n in range(count):
        path = folder / f"IMG_{n:04d}.jpg"
        path.write_bytes(bases[n % len(bases)] + f"fieldnotes benchmark photo {n}".encode())
        paths.append(path)
    return paths


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--megabytes", type=float, default=3.0)
    args = parser.parse_args()

    from fieldnotes.images import report_jpeg
    from fieldnotes.services import attachments, itinerary, missions
    from fieldnotes.services.profile import save_profile
    from fieldnotes.store import Database
    from fieldnotes.store.blobs import BlobStore

    with tempfile.TemporaryDirectory(prefix="fieldnotes-bench-") as temporary:
        root = Path(temporary)
        photos_dir = root / "photos"
        photos_dir.mkdir()
        photos = make_photos(photos_dir, args.photos, args.megabytes)
        total = sum(p.stat().st_size for p in photos)
        print(f"{len(photos)} photos, {total / 1_048_576:.0f} MB in all")

        def floor() -> None:
            for path in photos:
                hashlib.sha256(path.read_bytes()).hexdigest()

        floor_time = min(timed(floor) for _ in range(2))

        database = Database.open(root / "profile")
        with database.session() as session:
            save_profile(session, name="Anna Virtanen")
            mission = missions.create_mission(session, title="Belarus", timezone="Europe/Minsk")
            meeting = itinerary.add_meeting(
                session, mission.id, title="Meeting at the DCM", date=dt.date(2026, 5, 12)
            )
        blobs = BlobStore.for_profile(database.path.parent)
        shas: list[str] = []

        def attach() -> None:
            for path in photos:
                with database.session() as session:
                    shas.append(
                        attachments.add_attachment_file(
                            session, blobs, mission.id, path, meeting_id=meeting.id
                        ).sha256
                    )

        rows = [("read + SHA-256 (floor)", floor_time)]
        rows.append(("attach every photo", timed(attach)))
        rows.append(
            (
                "thumbnails",
                timed(lambda: [attachments.thumbnail(database.path.parent, s) for s in shas]),
            )
        )
        rows.append(("annex images", timed(lambda: [report_jpeg(blobs.read(s)) for s in shas])))
        rows.extend(package_rows(database, mission.id, root))
        rows.append(("report with photo annex", report_time(database, mission.id, root)))
        database.close()

    print(f"{'step':<28}{'seconds':>10}{'× floor':>10}")
    for name, seconds in rows:
        print(f"{name:<28}{seconds:>10.2f}{seconds / floor_time:>10.1f}")


def report_time(database: object, mission_id: str, root: Path) -> float:
    """Seconds to export the internal report, every photo in its annex."""
    from fieldnotes.report.options import Edition, ReportOptions
    from fieldnotes.services.report import export_report

    options = ReportOptions(edition=Edition.INTERNAL)
    path = root / "report.pdf"
    seconds = timed(lambda: export_report(database, mission_id, path, options))  # type: ignore[arg-type]
    print(f"report: {path.stat().st_size / 1_048_576:.0f} MB PDF")
    return seconds


def package_rows(database: object, mission_id: str, root: Path) -> list[tuple[str, float]]:
    """Package export and import timings, when packages carry attachments."""
    from fieldnotes.exchange import package

    if "attachments" not in (package.build_package.__code__.co_varnames or ()):
        print("package export/import: skipped (packages do not carry attachments yet)")
        return []
    from fieldnotes.exchange.package_validation import Limits
    from fieldnotes.services.packages import export_package, import_package
    from fieldnotes.store import Database

    path = root / "mission.fieldnotes"
    export_time = timed(lambda: export_package(database, mission_id, path))  # type: ignore[arg-type]
    other = Database.open(root / "other")
    big = Limits(package_bytes=4 << 30, total_bytes=4 << 30)
    import_time = timed(lambda: import_package(other, path, limits=big))
    other.close()
    return [("package export", export_time), ("package import", import_time)]


if __name__ == "__main__":
    main()
