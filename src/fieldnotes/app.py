"""Start the window: Qt application, shipped fonts, crash handler, profile, main window.

Start-up stays fast by importing only what the window needs: ReportLab, jsonschema and the
merge code are imported when the user first asks for them.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from fieldnotes import APP_NAME, __version__
from fieldnotes.errors import FieldnotesError
from fieldnotes.log import configure_logging
from fieldnotes.paths import resources_dir
from fieldnotes.store import Database

log = logging.getLogger(__name__)

FONT_FAMILY = "DejaVu Sans"
EXIT_ERROR = 1

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def register_fonts() -> list[str]:
    """Make the shipped fonts available and return the families registered.

    Qt draws every letter as a box, without a warning, when fontconfig finds no font (a
    minimal machine, a frozen bundle), so the app always brings its own.
    """
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font not loaded: %s", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))


def use_shipped_font(app: QApplication) -> None:
    families = register_fonts()
    if FONT_FAMILY in families:
        font = QFont(FONT_FAMILY)
        size = app.font().pointSizeF()
        font.setPointSizeF(size if size > 0 else 10.0)
        app.setFont(font)


def install_crash_handler(log_path: Path) -> ExceptHook:
    """Log any uncaught exception with its traceback and tell the user where the log is.

    Returns the previous hook. Exceptions raised in Qt slots arrive here too (PySide calls
    ``sys.excepthook``); the app keeps running after the message, since autosave has already
    kept what was typed.
    """
    previous = sys.excepthook
    showing: list[bool] = []

    def handle(
        kind: type[BaseException], value: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, value, trace)
            return
        text = "".join(traceback.format_exception(kind, value, trace))
        log.error("uncaught exception:\n%s", text)
        if isinstance(value, FieldnotesError):
            message = value.message
        else:
            message = (
                "Something went wrong inside fieldnotes. Your notes were saved as you typed.\n\n"
                f"The details are in the log file:\n{log_path}\n\n"
                "Please send that file to whoever supports fieldnotes for you."
            )
        if QApplication.instance() is None or showing:
            print(text, file=sys.stderr)
            return
        showing.append(True)  # an error inside the message box must not open another one
        try:
            QMessageBox.critical(None, "fieldnotes: unexpected error", message)
        finally:
            showing.clear()

    sys.excepthook = handle
    return previous


def create_application() -> QApplication:
    """The Qt application with the name, style and fonts of fieldnotes (created once)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("fieldnotes")
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    # Fusion follows the system palette, dark mode included, and looks the same everywhere.
    app.setStyle("Fusion")
    use_shipped_font(app)
    from fieldnotes.ui.icons import icon

    app.setWindowIcon(icon("app"))
    return app


def missing_display() -> str | None:
    """Why no window can open here (Linux without a display), or None.

    Without this check Qt aborts with a message about the "xcb" plugin that means nothing to
    a user.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "fieldnotes needs a graphical desktop, and none was found (DISPLAY is not set).\n"
        "Run it from a desktop session, or use the command line: fieldnotes --help"
    )


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window; return the exit status when it is closed."""
    from fieldnotes.cli.context import data_dir_from

    problem = missing_display()
    if problem:
        print(f"fieldnotes: error: {problem}", file=sys.stderr)
        return EXIT_ERROR

    demo = bool(getattr(args, "demo", False))
    data_dir = Path(tempfile.mkdtemp(prefix="fieldnotes-demo-")) if demo else data_dir_from(args)
    try:
        return _run(args, data_dir, demo)
    finally:
        if demo:
            shutil.rmtree(data_dir, ignore_errors=True)


def _run(args: argparse.Namespace, data_dir: Path, demo: bool) -> int:
    try:
        log_path = configure_logging(data_dir)
    except OSError:
        log_path = configure_logging(Path(tempfile.gettempdir()) / APP_NAME)
    app = create_application()
    previous_hook = install_crash_handler(log_path)
    try:
        return _open_window(app, args, data_dir, demo)
    finally:
        sys.excepthook = previous_hook


def _open_window(app: QApplication, args: argparse.Namespace, data_dir: Path, demo: bool) -> int:
    quit_after: int | None = getattr(args, "quit_after", None)
    # A brand-new demo profile cannot be damaged: its check is skipped.
    if not demo and not _database_sound(data_dir, quit_after):
        return EXIT_ERROR
    try:
        database = Database.open(data_dir)
    except FieldnotesError as exc:
        log.error("cannot open the profile: %s", exc.message)
        _cannot_start(exc.message, quit_after)
        return EXIT_ERROR
    try:
        if demo:
            from fieldnotes.services.demo import write_demo

            with database.session() as session:
                write_demo(session, set_profile=True)
        if not _profile_ready(database, quit_after):
            return 0  # the user closed the first-start dialog: nothing to open
        from fieldnotes.ui.main_window import MainWindow

        window = MainWindow(database)
        # After a restore from a backup the window hands over to a new one on the restored
        # database; every window stays referenced until the end, each database is closed.
        windows = [window]

        def adopt(replacement: MainWindow) -> None:
            windows.append(replacement)
            replacement.window_replaced.connect(adopt)

        window.window_replaced.connect(adopt)
        window.show()
        if not demo:
            window.start_daily_backups()
        if quit_after is not None:
            QTimer.singleShot(max(quit_after, 0), lambda: windows[-1].close())
        log.info("window shown (profile %s%s)", data_dir, ", demo" if demo else "")
        status = app.exec()
        restored = [shown.database for shown in windows[1:]]
        windows.clear()
        del window
        for opened in restored:
            opened.close()
        return status
    finally:
        database.close()


def _database_sound(data_dir: Path, quit_after: int | None) -> bool:
    """Check the database before opening it; if damaged, offer the newest good backup.

    True when the database can be opened (sound, missing, or restored just now).
    """
    from fieldnotes.services.backups import check_at_start

    check = check_at_start(data_dir)
    if check.ok:
        return True
    log.error("start-up check failed for %s: %s", check.database, check.problem)
    if check.newest_good is None:
        _cannot_start(check.message, quit_after)
        return False
    from fieldnotes.ui.dialogs.restore_backup_dialog import RestoreBackupDialog

    dialog = RestoreBackupDialog(data_dir, startup_check=check)
    return _exec_until(dialog, quit_after) == QDialog.DialogCode.Accepted


def _profile_ready(database: Database, quit_after: int | None) -> bool:
    from fieldnotes.services.profile import get_profile

    with database.session() as session:
        if get_profile(session).complete:
            return True
    from fieldnotes.ui.dialogs.profile_dialog import ProfileDialog  # first start only

    dialog = ProfileDialog(database)
    return _exec_until(dialog, quit_after) == QDialog.DialogCode.Accepted


def _cannot_start(message: str, quit_after: int | None) -> None:
    """Say why the window cannot open, on stderr and in a message box."""
    print(f"fieldnotes: error: {message}", file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, "fieldnotes cannot start", message)
    _exec_until(box, quit_after)


def _exec_until(dialog: QDialog, quit_after: int | None) -> int:
    """Run a modal dialog; with ``--quit-after``, it is rejected then (smoke tests)."""
    if quit_after is not None:
        QTimer.singleShot(max(quit_after, 0), dialog.reject)
    return dialog.exec()
