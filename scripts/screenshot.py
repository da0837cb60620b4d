"""Save a screenshot of the main window on the demo mission: ``docs/main-window.png``.

Runs offscreen (no display needed)::

    python scripts/screenshot.py [--output docs/main-window.png] [--size 1400x860]

The clock is set to 10:40 host time on the mission's first day, during the meeting at the
Department for Citizenship and Migration, so the picture shows a meeting with notes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from fieldnotes.app import create_application  # noqa: E402
from fieldnotes.services.demo import demo_dates, write_demo  # noqa: E402
from fieldnotes.services.demo_content import TIMEZONE  # noqa: E402
from fieldnotes.store import Database  # noqa: E402
from fieldnotes.ui.main_window import MainWindow  # noqa: E402
from fieldnotes.ui.workers import SyncRunner  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "main-window.png")
    parser.add_argument("--size", default="1400x860")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="fieldnotes-shot-") as folder:
        database = Database.open(Path(folder))
        with database.session() as session:
            write_demo(session, set_profile=True)
        first_day, _ = demo_dates()
        moment = dt.datetime.combine(first_day, dt.time(10, 40), ZoneInfo(TIMEZONE))
        window = MainWindow(database, clock=lambda: moment.astimezone(dt.UTC), runner=SyncRunner())
        window.resize(width, height)
        window.show()
        for _ in range(5):
            app.processEvents()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(args.output)):
            print(f"could not write {args.output}", file=sys.stderr)
            return 1
        window.close()
        database.close()
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
