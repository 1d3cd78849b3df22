"""A folder import names what it did not read, each file once, and treats a file already stored as the app does.

Generated folders of files in every format a territory receives (.xls, .ods, .csv, .docx, .pdf, no suffix,
hidden files) beside or without readable ones: the command lists each unread file once with «не прочитан:
формат … — пересохраните как .xlsx» (or what it reads instead), exits 2 when nothing could be read, and
prints every path once. SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from workbook_helpers import EXAMPLES

from maturity.cli.history_commands import DEFAULT_ON_CONFLICT
from maturity.cli.parser import build_parser, main
from maturity.usecases.importing import import_documents, unread_reason
from ui.importing.dialog import DEFAULT_CONFLICT

PROPERTY = settings(
    max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
SPREADSHEETS = (".xls", ".ods", ".csv", ".xlsb")
OTHERS = (".docx", ".doc", ".pdf", ".txt", ".png", "")


@st.composite
def folders(draw):
    """(unread file names, readable examples, hidden names) — names distinct, Cyrillic included."""
    stems = draw(st.lists(st.sampled_from(("отчёт", "анкета школы", "list", "Обком 2025", "scan")), unique=True))
    suffixes = st.sampled_from(SPREADSHEETS + OTHERS)
    unread = sorted({f"{stem}{draw(suffixes)}" for stem in stems})
    good = draw(st.lists(st.sampled_from(sorted(p.name for p in EXAMPLES.glob("*.json"))), unique=True, max_size=2))
    hidden = draw(st.sets(st.sampled_from((".DS_Store", ".~lock.отчёт.xlsx#")), max_size=2))
    return unread, good, sorted(hidden)


@pytest.mark.slow
@PROPERTY
@given(folder=folders())
def test_a_folder_names_each_file_it_did_not_read_once_and_exits_2_when_nothing_was_readable(
    db_url, tmp_path_factory, capsys, folder
):
    unread, good, hidden = folder
    where = tmp_path_factory.mktemp("получено")
    for name in [*unread, *hidden]:
        (where / name).write_bytes(b"PK\x03\x04 not really")
    for name in good:
        shutil.copy(EXAMPLES / name, where / name)
    db = f"sqlite:///{tmp_path_factory.mktemp('db') / 'm.db'}" if db_url.startswith("sqlite") else db_url

    code = main(["import", str(where), "--db", db])
    out, err = capsys.readouterr()
    printed = out + err

    assert code == (2 if not good else 0)
    assert "Traceback" not in printed
    for name in unread:
        line = f"  {where / name}: {unread_reason(where / name)}"
        assert printed.count(str(where / name)) == 1 and line in printed.splitlines()
        suffix = (where / name).suffix.lower()
        if suffix in SPREADSHEETS:
            assert f"не прочитан: формат {suffix} — пересохраните как .xlsx" in line
        else:
            assert "не прочитан:" in line and "программа читает" in line
    for name in hidden:
        assert name not in printed
    assert f"не прочитано: {len(unread)}" in printed if unread else "не прочитано" not in printed
    if not good:
        assert "загружать нечего" in printed


def test_a_file_already_stored_is_skipped_by_default_in_the_command_as_in_the_app(db_url, capsys):
    assert DEFAULT_ON_CONFLICT == DEFAULT_CONFLICT == "skip"
    assert main(["import", str(EXAMPLES / "primary-small.json"), "--db", db_url]) == 0
    capsys.readouterr()

    assert main(["import", str(EXAMPLES / "primary-small.json"), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Импортировано: 0, пропущено: 1, отклонено: 0")
    assert out.count(str(EXAMPLES / "primary-small.json")) == 1  # the path once, not twice
    action = next(a for a in build_parser()._actions if a.dest == "command")
    help_text = " ".join(action.choices["import"].format_help().split())
    assert "skip — оставить её и пропустить файл (по умолчанию, как и в окне программы)" in help_text


def test_a_refused_file_is_named_with_the_organization_and_year_it_gave(store, tmp_path):
    data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    data["questionnaire"]["id"] = "неизвестная-методика"
    (tmp_path / "чужая методика.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    report = import_documents(store, [tmp_path])

    [refused] = report.rejected
    assert refused.organization == data["answers"]["profile.name"] and refused.year == data["year"]
    line = next(line for line in report.summary().splitlines() if "отклонён" in line)
    assert f"[«{refused.organization}», {refused.year} год]" in line
    assert line.count(str(tmp_path / "чужая методика.json")) == 1
