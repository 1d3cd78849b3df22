"""The comparison window shows and filters by the share of answers with evidence: organizations imported with
generated evidence marks, the column reads each one's share as the report does, the filter «Подтверждено» keeps
exactly those reaching it (counted here by hand), the export of the filtered table carries only them; the share
follows the stored marks when a file without them replaces the answers."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from maturity.engine.answer_notes import counted_question_ids, evidence_share
from maturity.method.profile import load_profile
from maturity.storage.comparison import comparison_columns
from maturity.storage.store import open_store
from maturity.usecases.importing import import_documents
from maturity.views.notes_text import evidence_share_text

PROFILE = load_profile("fnpr-base")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
COLUMNS = comparison_columns([k.id for k in PROFILE.kpis])


def organizations(folder: Path, seed: int, count: int = 6) -> dict[str, float | None]:
    """``count`` organizations' files with a random part of their answers marked; name → share by hand."""
    rng = random.Random(seed)
    base = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    counted = counted_question_ids(PROFILE, base["answers"])
    shares: dict[str, float | None] = {}
    for number in range(count):
        data = json.loads(json.dumps(base))
        name = f"ППО № {number + 1}"
        data["answers"]["profile.name"] = name
        data["meta"] = {"organization_id": f"org-{seed}-{number}"}
        marked = rng.sample(counted, rng.randint(0, len(counted)))
        data["evidence"] = {qid: rng.choice(["", "протокол № 3"]) for qid in marked}
        shares[name] = len(marked) / len(counted)
        (folder / f"{number}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return shares


@pytest.fixture
def window(qtbot, sqlite_url, tmp_path):
    from maturity.storage.database import open_database
    from ui.background import SyncRunner
    from ui.compare.window import CompareWindow

    with open_store(sqlite_url) as store:
        shares = organizations(tmp_path, seed=7)
        assert import_documents(store, [tmp_path]).ok
    engine = open_database(sqlite_url)
    window = CompareWindow(engine, PROFILE, SyncRunner())
    qtbot.addWidget(window)
    window.resize(1340, 720)
    window.show()
    yield window, shares
    engine.dispose()


def shown(model, key: str) -> dict[str, str]:
    name, column = COLUMNS.index("name"), COLUMNS.index(key)
    return {model.data(model.index(r, name)): model.data(model.index(r, column)) for r in range(model.rowCount())}


def test_the_column_reads_each_organizations_share(window):
    window, shares = window
    assert shown(window.model, "evidence_share") == {name: evidence_share_text(s) for name, s in shares.items()}
    title = window.model.headerData(COLUMNS.index("evidence_share"), Qt.Orientation.Horizontal)
    assert "подтвер" in title.replace("-\n", "").lower()


@pytest.mark.parametrize("choice", [1, 2, 3, 4, 5])
def test_the_filter_keeps_exactly_those_reaching_the_share(window, choice):
    window, shares = window
    window.evidence.setCurrentIndex(choice)
    least = window.evidence.currentData()
    expected = {name for name, s in shares.items() if (s or 0.0) >= least - 1e-9}
    assert set(shown(window.model, "name")) == expected


def test_the_filtered_export_carries_only_the_organizations_shown(window, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from maturity.exchange.report_export import SUMMARY_SHEET

    window, shares = window
    window.evidence.setCurrentIndex(window.evidence.findData(0.5))
    path = tmp_path / "отчёт.xlsx"
    window.export_table(str(path))
    rows = list(load_workbook(path, read_only=True)[SUMMARY_SHEET].iter_rows(min_row=3, values_only=True))
    assert {r[0] for r in rows if r[0]} == {n for n, s in shares.items() if (s or 0.0) >= 0.5}


def test_a_file_without_marks_replacing_the_answers_keeps_the_stored_marks_share(sqlite_url, tmp_path):
    from maturity.storage.answer_notes import EVIDENCE

    base = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    base["evidence"] = {"k1.structure": "протокол № 5"}
    (tmp_path / "a.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    with open_store(sqlite_url) as store:
        import_documents(store, [tmp_path / "a.json"])
        del base["evidence"]
        base["answers"]["k3.info_meetings"] = 0
        (tmp_path / "b.json").write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
        import_documents(store, [tmp_path / "b.json"], on_conflict="replace")
        (share,) = store.session.execute(EVIDENCE.select().with_only_columns(EVIDENCE.c.share)).scalars().all()
    assert share == pytest.approx(evidence_share(PROFILE, base["answers"], {"k1.structure": "протокол № 5"}))
