"""Screenshots of several voices and evidence in one assessment (run by scripts/screenshots under Xvfb).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tools.screenshots.voices docs/screenshots

- ``respondents-agenda.png``: «Организация → Объединить ответы…» after three respondents' copies were merged —
  the agenda «Обсудить на заседании», respondents by number;
- ``notes-wizard.png``: the wizard's «Информационная структура» with a comment, an evidence mark and an
  attached file under a question;
- ``passport-appendix.png``: the passport's appendix page (the agenda, the comments and evidence), rendered
  from the PDF by ``pdftoppm``;
- ``compare-evidence.png``: the comparison of the demo federation with the column «С подтверждением» and the
  filter «Подтверждено: не меньше 25 %» (evidence marks given to a part of the demo's answers).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tools.screenshots.shots import EXAMPLES, ROOT, save, scratch_window, settle

COPIES = ((85, True, "Иванова Е. В."), (95, False, "Петров П. П."), (300, False, "Сидорова А. А."))


def write_copies(folder: Path, uid: str) -> list[str]:
    paths = []
    for number, (meetings, designated, name) in enumerate(COPIES, 1):
        data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
        data["meta"] = {"organization_id": uid}
        data["answers"].update({"k3.info_meetings": meetings, "k1.responsible_designated": designated})
        data["answers"]["profile.respondent"] = name
        data["answers"]["k4.social_pages"] = [2, 2, 5][number - 1]
        data["answers"]["k1.structure"] = ["chair", "activist", "chair"][number - 1]
        if number == 2:
            data["comments"] = {"k1.structure": "по уставу ответственный — секретарь, на деле ведёт активист"}
        if number == 1:
            data["evidence"] = {"k1.structure": "протокол заседания профкома № 5 от 12.03.2025"}
        path = folder / f"анкета {number}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    return paths


def main(out: str) -> int:
    folder = Path(out).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        window = scratch_window(app, Path(tmp))
        try:
            shoot(app, window, Path(tmp), folder)
        finally:
            window.close()
            if window.is_open:
                window.view.store.close()
    compare(app, folder)
    return 0


def shoot(app: QApplication, window, tmp: Path, folder: Path) -> None:
    from maturity.usecases.importing import import_documents
    from ui.actions.organization_menu import MergeRespondents

    answers = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    import_documents(window.view.store, [EXAMPLES / "primary-small.json"])
    organization = window.view.store.organization_by_uid(answers["meta"]["organization_id"])
    window.view.refresh(organization.id)
    settle(app)

    action = MergeRespondents(window.view.context, organization)
    dialog = action.dialog()
    dialog.resize(1180, 560)
    dialog.show()
    dialog.add_files(write_copies(tmp, organization.uid))
    dialog.merge()
    save(dialog, folder, "respondents-agenda", app)
    action.keep(dialog, replace=True)
    settle(app)

    from ui.actions.open_assessment import OpenAssessment

    wizard = OpenAssessment(window.view.context, organization, 2025, position="k1").do()
    if wizard.read_only is not None:  # a file loaded into the database opens for reading: «Изменить ответы…», «Да»
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox

        def press_yes() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(50, press_yes)
                return
            box.button(QMessageBox.StandardButton.Yes).click()

        QTimer.singleShot(0, press_yes)
        wizard.read_only.ask_to_edit()
        while getattr(getattr(wizard.currentPage(), "section", None), "id", None) != "k1":
            wizard.back()  # from the result page back to the section, as with «< Назад»
        settle(app)
    page = wizard.currentPage()
    row = page.rows["k1.structure"]
    row.notes.toggle.setChecked(True)
    protocol = tmp / "протокол № 5.pdf"
    protocol.write_bytes(b"%PDF-1.4 " + b"x" * 20000)
    page.attach_file("k1.structure", str(protocol))
    settle(app)
    page.scroll_area.ensureWidgetVisible(row.notes, 0, 40)
    save(wizard, folder, "notes-wizard", app)
    wizard.close()
    settle(app)

    from maturity.usecases.passport import passport_from_store
    from ui.passport.pdf import write_passport_pdf

    window.view.context.reread()
    pdf = tmp / "паспорт.pdf"
    write_passport_pdf(passport_from_store(window.view.store, organization, 2025), str(pdf))
    pages = int(next(line.split()[1] for line in _run("pdfinfo", str(pdf)).splitlines() if line.startswith("Pages:")))
    _run("pdftoppm", "-png", "-r", "80", "-f", str(pages), "-l", str(pages), "-singlefile", str(pdf),
         str(folder / "passport-appendix"))  # fmt: skip
    appendix = folder / "passport-appendix.png"
    print(appendix.relative_to(ROOT) if appendix.is_relative_to(ROOT) else appendix)


def compare(app: QApplication, folder: Path) -> None:
    """The demo federation, a seeded part of its answers marked as confirmed, the comparison filtered by it."""
    import random

    from maturity.engine.answer_notes import AnswerNotes, counted_question_ids
    from maturity.storage.answer_notes import keep_evidence_shares, write_notes
    from maturity.usecases.demo import fill_demo

    with tempfile.TemporaryDirectory() as tmp:
        window = scratch_window(app, Path(tmp))
        try:
            store = window.view.store
            fill_demo(store)
            rng = random.Random(27)
            rows = []
            for org in store.list_organizations():
                assessment = store.get_assessment(org, 2025)
                if assessment is None:
                    continue
                profile = store.profile_of(assessment)
                counted = counted_question_ids(profile, assessment.answers)
                marked = rng.sample(counted, int(len(counted) * rng.random()))
                aid = store.stored_id_of(assessment)
                notes = AnswerNotes({}, dict.fromkeys(marked, ""))
                write_notes(store.session, {aid: notes})
                rows.append((aid, profile, assessment.answers, notes))
            keep_evidence_shares(store.session, rows)
            store.session.commit()
            window.view.refresh()
            compare_window = window.view.open_comparison()
            settle(app)
            compare_window.evidence.setCurrentIndex(compare_window.evidence.findData(0.25))
            settle(app)
            save(compare_window, folder, "compare-evidence", app)
            compare_window.close()
        finally:
            window.close()
            if window.is_open:
                window.view.store.close()


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "screenshots")))
