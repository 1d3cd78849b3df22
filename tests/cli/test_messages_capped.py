"""What a command prints when it refuses (docs/trust.md, «Сообщения об ошибках укорачиваются»): Russian words
only — no PyYAML, SQLite, JSON decoder or system English —, every echoed value capped, an empty output name
refused by every command that writes, and an installed profile taken by every command with --profile."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.cli.parser import main
from maturity.errors import MAX_QUOTED, MAX_RUN
from maturity.exchange.assessment_json import AssessmentFileError, decode_json

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "primary-small.json"
CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
ENGLISH = re.compile(r"\b(Expecting|Errno|File name|No such|Permission|malformed|database|found|Unterminated|Extra)\b")


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("db") / "maturity.sqlite"
    url = f"sqlite:///{path}"
    assert main(["--db", url, "demo", "--seed", "2"]) == 0
    return url


# {V}: the hostile value; {D}: a folder for outputs
ECHOING = [
    "history --org {V}", "export-json --year 2025 --org {V} -o {D}/x.json", "export-xlsx --year 2025 --org {V} -o {D}/x.xlsx",
    "plan --year 2025 --org {V}", "rescore --year 2025 --version 1 --org {V}",
    "export --year 2025 --parent {V} -o {D}/e.xlsx", "status --year 2025 --parent {V}", "orgs --parent {V}",
    "benchmark --year 2025 --parent {V} -o {D}/b.json", "template --profile {V} -o {D}/t.xlsx",
    "score {E} --profile {V}", "profiles show {V}", "import {V}", "score {V}", "export --year 2025 -o {V}",
    "export-json --year 2025 --org x -o {V}", "orgs import {V}", "profiles install {V}", "score {E} --benchmark {V}",
    "import {E} --on-conflict {V}", "export --year {V} -o {D}/e.xlsx", "benchmark --year 2025 --profile {V} -o {D}/b.json",
]  # fmt: skip
hostile_values = st.one_of(
    st.integers(MAX_RUN + 1, 100_000).map(lambda n: "x" * n),
    st.integers(MAX_QUOTED + 1, 3_000).map(lambda n: "я" * n),
    st.text(min_size=MAX_RUN + 1, max_size=400).filter(lambda t: "\x00" not in t and not t.startswith("-")),
    st.sampled_from(["\x1b[31mКРАСНЫЙ\x1b[0m" * 50, "a\u200bb" * 300, "../" * 2000 + "x.json"]),
)


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(ECHOING), value=hostile_values)
def test_every_value_a_refusal_echoes_is_capped_and_no_library_english_is_printed(
    database, tmp_path, capsys, command, value
):
    args = [
        part.replace("{D}", str(tmp_path)).replace("{E}", str(EXAMPLE)) if part != "{V}" else value
        for part in command.split()
    ]
    capsys.readouterr()
    try:
        code = main(["--db", database, *args])
    except SystemExit as exit:  # argparse's own refusal
        code = exit.code
    err = capsys.readouterr().err
    assert code == 2, (command, err[-500:])
    assert CYRILLIC & set(err.lower())
    assert not ENGLISH.search(err), err[-500:]
    assert "\x1b" not in err and "\x07" not in err
    assert max((len(run) for run in err.split()), default=0) <= MAX_RUN + 2, err[-500:]
    assert len(err) < 1500


OUTPUTS = [
    "export --year 2025", "export-json --year 2025 --org x", "export-xlsx --year 2025 --org x", "template",
    "status --year 2025", "orgs template", "benchmark --year 2025",
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("command", OUTPUTS)
def test_an_empty_output_name_is_refused_by_every_command_that_writes(database, tmp_path, capsys, command):
    code = main(["--db", database, *command.split(), "-o", ""])
    assert code == 2
    assert "не указан файл, в который записать" in capsys.readouterr().err


@pytest.mark.slow
def test_an_installed_profile_is_taken_by_every_command_with_profile(tmp_path, capsys):
    import yaml

    from maturity.method.profile import _shipped_text

    data = yaml.safe_load(_shipped_text("fnpr-base")[0])
    data.update(id="fed", version="2026.1", title="Методика федерации")
    (tmp_path / "fed.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["--db", url, "profiles", "install", str(tmp_path / "fed.yaml")]) == 0
    assert main(["--db", url, "orgs", "template", "--profile", "fed", "-o", str(tmp_path / "orgs.xlsx")]) == 0
    assert main(["--db", url, "orgs", "import", str(tmp_path / "orgs.xlsx"), "--profile", "fed"]) == 2  # empty list
    assert "нет ни одной строки" in capsys.readouterr().err
    for command in (
        ["status", "--year", "2025", "--profile", "fed", "-o", str(tmp_path / "s.xlsx")],
        ["benchmark", "--year", "2025", "--profile", "fed", "-o", str(tmp_path / "b.json")],
        ["template", "--profile", "fed", "-o", str(tmp_path / "t.xlsx")],
        ["score", str(EXAMPLE), "--profile", "fed"],
    ):
        code = main(["--db", url, *command])
        err = capsys.readouterr().err
        assert code in (0, 2) and "неизвестный профиль" not in err, (command, err)
        if command[0] != "score":  # score: the example names fnpr-base's questions; fed has them too
            assert code == 0, (command, err)


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data())
def test_a_broken_json_file_is_refused_in_russian_words_only(data):
    text = json.dumps(json.loads(EXAMPLE.read_text(encoding="utf-8")), ensure_ascii=False)
    cut = data.draw(st.integers(0, len(text) - 1))
    noise = data.draw(st.text(alphabet='{}[]":,\\ \x01abc01', max_size=5))
    broken = text[:cut] + noise + text[cut + data.draw(st.integers(0, 3)) :]
    try:
        decode_json(broken, "оценка.json")
    except AssessmentFileError as refused:
        message = str(refused)
        assert not ENGLISH.search(message), message
        assert "это не JSON" in message or "в JSON" in message or "повтор" in message or "дважды" in message


@settings(max_examples=examples(30), deadline=None)
@given(depth=st.one_of(st.integers(2, 50), st.sampled_from([1_000, 5_000, 100_000])), shape=st.sampled_from("[{"))
def test_a_multi_answer_cell_nested_thousands_deep_is_refused_with_a_reason(depth, shape):
    from maturity.exchange.answer_cells import CellValueError, read_machine_value
    from maturity.method.profile import load_profile

    question = next(q for s in load_profile().sections for q in s.questions if q.type == "multi")
    close = "]" if shape == "[" else "}"
    cell = shape * depth + ('"a": 1' if shape == "{" else "1") + close * depth
    with pytest.raises(CellValueError) as refused:  # the reader names the cell (test_workbook_cells)
        read_machine_value(question, cell)
    assert "список вариантов" in str(refused.value)
