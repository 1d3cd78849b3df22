"""Screenshots of a federation's foresight (issue 28): «Что изменится…» and «У кого поучиться».

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots.foresight OUT

On a throwaway database with the demo federation (every other organization agreed to be named): the profile
editor with a target raised and a new version typed, «Что изменится…» pressed (``impact-levels.png``,
``impact-movers.png``); the comparison window with a primary organization chosen and «У кого поучиться…» pressed
(``learn-from.png``); that organization's passport as a territory prints it (``learn-from-passport.pdf``, its
pages as PNG with pdftoppm: ``learn-from-passport-N.png``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QLineEdit

from tools.screenshots.shots import DEFAULT_FOLDER, main_window_on_a_throwaway_database, save, settle

TARGET = "parameters.meetings_target"


def _with_peers(store, profile, year: int) -> tuple[int, str]:
    """A primary organization with three peers on its weakest KPI, named and not."""
    from maturity.errors import BadInput
    from maturity.usecases.learn_from import who_to_learn_from

    for org in store.list_organizations():
        if org.level != "primary" or org.id is None:
            continue
        try:
            found = who_to_learn_from(store.session, profile, org.id, year)
        except BadInput:
            continue
        if len(found.peers) == 3 and any(p.named for p in found.peers) and not all(p.named for p in found.peers):
            return org.id, org.name
    raise SystemExit("в демонстрационных данных нет организации с тремя примерами")


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    from maturity.usecases.demo import fill_demo

    with main_window_on_a_throwaway_database(app) as main_window:
        store = main_window.view.store
        fill_demo(store)
        for org in store.list_organizations():
            if org.id is not None and org.id % 2 == 0:
                store.update_organization(org.id, name_consent=True)
        main_window.view.refresh()

        editor = main_window.view.open_profile_editor()
        editor.move(0, 0)
        editor.show_group(editor.group_titled("Целевые значения"))
        editor.findChild(QLineEdit, f"field:{TARGET}").setText("8")
        editor.new_version.setText("2027.1")  # 2026.1 ships: a new version is the next one
        settle(app)
        dialog = editor.open_impact()
        assert dialog is not None
        dialog.resize(1000, 620)
        save(dialog, folder, "impact-levels", app)
        dialog.tabs.setCurrentIndex(3)
        save(dialog, folder, "impact-movers", app)
        dialog.close()
        editor.close()

        profile = main_window.view.context.default_profile
        org_id, _name = _with_peers(store, profile, 2025)
        window = main_window.view.open_comparison()
        settle(app)
        model = window.model
        row = next(n for n in range(model.rowCount()) if model.row(n).organization_id == org_id)
        window.table.selectionModel().select(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        window.table.scrollTo(model.index(row, 0))
        learn = window.open_learn_from()
        learn.resize(820, 400)
        save(learn, folder, "learn-from", app)
        learn.close()
        window.close()

        from maturity.usecases.passport import passport_from_store
        from ui.passport.pdf import write_passport_pdf

        pdf = folder / "learn-from-passport.pdf"
        write_passport_pdf(passport_from_store(store, org_id, 2025), str(pdf))
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(folder / "learn-from-passport")], check=True)
        print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_FOLDER)))
