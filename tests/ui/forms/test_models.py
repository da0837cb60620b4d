"""The item models, in memory: qtmodeltester, roles, and the check-box signals."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from fieldnotes.ui.models.actions_table_model import ID_ROLE as ACTION_ID
from fieldnotes.ui.models.actions_table_model import ActionRow, ActionsTableModel
from fieldnotes.ui.models.choice_list_model import ChoiceListModel, ChoiceRow
from fieldnotes.ui.models.counterparts_tree_model import (
    CONTACT,
    ID_ROLE,
    INTERNAL_ROLE,
    KIND_ROLE,
    ORGANISATION,
    ContactRow,
    CounterpartsTreeModel,
    OrganisationRow,
)
from fieldnotes.ui.models.team_table_model import MemberRow, TeamTableModel

ORGS = [
    OrganisationRow(
        "o1",
        "Department for Citizenship and Migration",
        "DCM",
        "Ministry",
        (
            ContactRow("c1", "Алексей Бегун", "Head of Department"),
            ContactRow("c2", "Interpreter", "", internal=True),
        ),
    ),
    OrganisationRow("o2", "IOM", "", "International organisation"),
    OrganisationRow(None, "No organisation", contacts=(ContactRow("c3", "Driver"),)),
]


def test_team_model(qtmodeltester):
    model = TeamTableModel()
    model.set_rows(
        [
            MemberRow("m1", "Anna Virtanen", "Finland", "Migri", "Team lead", "anna@migri.fi"),
            MemberRow("m2", "Zoltán Kovács", "Hungary", "NDGAP", "Expert", ""),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, TeamTableModel.NAME)) == "Zoltán Kovács"
    assert model.headerData(TeamTableModel.EMAIL, Qt.Orientation.Horizontal) == "E-mail"
    assert model.row_of("m2") == 1
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)


def test_actions_model_toggle_emits(qtmodeltester, qtbot):
    model = ActionsTableModel()
    model.set_rows(
        [
            ActionRow("a1", "Send the draft MoU", "IOM", dt.date(2026, 6, 1), False),
            ActionRow("a2", "Share statistics", "Anna", None, True, internal=True),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    index = model.index(0, ActionsTableModel.DONE)
    assert index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert model.data(model.index(0, ActionsTableModel.DUE)) == "01 Jun 2026"
    assert model.data(index, ACTION_ID) == "a1"
    with qtbot.waitSignal(model.done_toggled) as blocker:
        model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == ["a1", True]
    assert model.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.data(model.index(1, 1), Qt.ItemDataRole.BackgroundRole) is not None


def test_counterparts_tree(qtmodeltester):
    model = CounterpartsTreeModel()
    model.set_rows(ORGS)
    qtmodeltester.check(model, force_py=True)
    dcm = model.index(0, 0)
    assert model.data(dcm) == "Department for Citizenship and Migration (DCM)"
    assert model.data(dcm, KIND_ROLE) == ORGANISATION
    assert model.rowCount(dcm) == 2
    person = model.index(1, 0, dcm)
    assert model.parent(person) == dcm
    assert model.data(person, KIND_ROLE) == CONTACT
    assert model.data(person, INTERNAL_ROLE) is True
    assert model.data(person, Qt.ItemDataRole.DecorationRole) is not None
    assert model.index_of("c3").parent().row() == 2
    assert model.index_of("c3").data(ID_ROLE) == "c3"
    assert not model.index_of("nobody").isValid()
    assert model.rowCount(model.index(0, 1)) == 0
    assert model.parent(QModelIndex()) == QModelIndex()


def test_choice_list(qtmodeltester, qtbot):
    model = ChoiceListModel()
    model.set_rows([ChoiceRow("o1", "DCM", True), ChoiceRow("o2", "IOM", detail="Geneva")])
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(1, 0)) == "IOM — Geneva"
    with qtbot.waitSignal(model.choice_toggled) as blocker:
        model.setData(model.index(1, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == ["o2", True]
    assert model.checked_ids() == ["o1", "o2"]
