"""The first-start dialog asks who the user is and saves it through the profile service."""

from __future__ import annotations

from fieldnotes.services.profile import get_profile
from fieldnotes.ui.dialogs.profile_dialog import ProfileDialog


def test_a_name_is_required_and_the_profile_is_saved(qtbot, db):
    dialog = ProfileDialog(db)
    qtbot.addWidget(dialog)
    dialog.accept()  # empty name: the service's message, dialog stays open
    assert dialog.result() == 0
    assert "enter your name" in dialog.error_label.text()
    qtbot.keyClicks(dialog.name_edit, "Zoltan Kovacs")
    dialog.country_edit.insert("Magyarország")  # non-ASCII: not through keyClicks
    qtbot.keyClicks(dialog.institution_edit, "Immigration and Asylum Office")
    qtbot.keyClicks(dialog.email_edit, "zoltan@example.org")
    dialog.accept()
    assert dialog.result() == ProfileDialog.DialogCode.Accepted
    with db.session() as s:
        profile = get_profile(s)
    assert (profile.name, profile.country, profile.complete) == (
        "Zoltan Kovacs",
        "Magyarország",
        True,
    )


def test_fields_have_accessible_names(qtbot, user_db):
    dialog = ProfileDialog(user_db)
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == "Anna Virtanen"
    names = [
        e.accessibleName()
        for e in (dialog.name_edit, dialog.country_edit, dialog.institution_edit, dialog.email_edit)
    ]
    assert all(names)
