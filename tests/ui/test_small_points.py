"""The smaller points of issue 21 (item 7), each as the chair meets it."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from ui.file_dialogs import documents_folder


def test_the_first_file_dialog_opens_in_the_users_documents_not_the_programs_folder(main_window, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the program's own folder, as a shortcut on Windows starts it
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda parent, title, start, flt: (asked.append(start), ([], ""))[1]))  # fmt: skip
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda parent, title, start="": (asked.append(start), "")[1]))  # fmt: skip
    dialog = main_window.open_import()
    dialog.ask_files()
    dialog.ask_folder()
    expected = documents_folder()
    assert asked == [expected, expected]
    assert Path(expected).is_dir() and Path(expected).resolve() != Path(os.getcwd()).resolve()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert expected in (documents, QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation))


def test_the_breakdown_names_what_a_component_measures_and_its_target(main_window, organization, example_answers):
    from maturity.engine.explain import explain
    from wizard_driver import fill_wizard

    answers = example_answers("primary-small.json")
    wizard = main_window.start_assessment(2025)
    fill_wizard(wizard, answers)
    page = wizard.result_page
    profile = main_window.default_profile
    kpis = [k.id for k in profile.kpis]
    row = kpis.index("k1")
    dialog = page.open_breakdown(row)
    titles = [c.title for c in dialog.model.columns]
    assert "Цель (полное значение)" in titles
    cells = {c.id: r.cells for c, r in zip(explain(profile, answers)[row].components, dialog.model.rows, strict=True)}
    responsible = next(c for c in profile.kpis[row].components if c.id == "responsible_designated")
    assert answers["k1.responsible_designated"] is True  # the component is full: 100 %
    assert cells["responsible_designated"][0] == profile.question("k1.responsible_designated").text
    assert cells["responsible_designated"][0] != responsible.advice  # no advice for what is done already
    assert cells["responsible_designated"][titles.index("Цель (полное значение)")] == "да"
    dialog.close()
    # a ratio's target is a figure for this organization: K3 «meetings» — 4 a year
    dialog = page.open_breakdown(kpis.index("k3"))
    target = dict(
        zip(
            [c.id for c in profile.kpis[kpis.index("k3")].components],
            [r.cells[4] for r in dialog.model.rows],
            strict=True,
        )
    )
    assert target["meetings"] == "не меньше 4"
    dialog.close()
