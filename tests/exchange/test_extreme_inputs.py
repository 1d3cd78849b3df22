"""Extreme values are refused with a Russian reason, never a traceback; a message never repeats a huge value.

Generated: arbitrary JSON documents and near-valid ones (the examples with a field replaced by a
hostile value), arbitrary cell values in every workbook reader (assessment workbook, blank form,
consolidated report), values past each question's bound, years far out of range on every command
that takes --year. The only outcomes allowed are a result or BadInput.
"""

from __future__ import annotations

import datetime
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from received_files import example_json, json_with, question_cells, workbook_with

from maturity.cli import main
from maturity.engine.validation import MAX_ANY_NUMBER, check_value, clean_answers
from maturity.errors import MAX_QUOTED, BadInput, shorten
from maturity.exchange.assessment_json import parse_assessment, read_assessment_json
from maturity.exchange.files import read_assessment_files
from maturity.method.profile import ProfileError, find_profile, load_profile_file

MESSAGE_LIMIT = 1500  # five listed problems, each quoting at most MAX_QUOTED characters of input
NUMBER_QUESTIONS = [
    q for p in ("fnpr-base", "sudprof") for q in find_profile(p).questions.values() if q.type in ("int", "number")
]

hostile_text = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x1F), min_size=1, max_size=5),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.integers(1000, 200_000).map(lambda n: "я" * n),
)
hostile_numbers = st.one_of(
    st.integers(),
    st.integers(10**15, 10**4000),
    st.integers(-(10**4000), -1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
json_scalars = st.one_of(st.none(), hostile_numbers, hostile_text)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(hostile_text, inner, max_size=4)),
    max_leaves=20,
)


def outcome(read) -> object:
    """A reader's result, or its refusal (only BadInput is allowed); a refusal message stays short."""
    try:
        return read()
    except BadInput as refusal:
        message = str(refusal)
        assert len(message) < MESSAGE_LIMIT, message[:300]
        return refusal


def raw_json_file(text: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="extreme-"))
    path = folder / "оценка.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


# ---------------------------------------------------------------- the JSON reader


@settings(max_examples=examples(300), deadline=None)
@given(document=json_values)
def test_arbitrary_json_is_read_or_refused(document):
    text = json.dumps(document, ensure_ascii=True, allow_nan=True)
    result = outcome(lambda: read_assessment_json(raw_json_file(text)))
    assert isinstance(result, BadInput)  # arbitrary JSON is never an assessment


FIELDS = ("format_version", "year", "questionnaire", "answers", "meta")


@settings(max_examples=examples(300), deadline=None)
@given(data=st.data())
def test_an_example_with_one_value_replaced_is_read_validated_or_refused(data):
    document = example_json(data.draw(st.sampled_from(["primary-small.json", "primary-shipyard.json"])))
    where = data.draw(st.sampled_from(("answer", "answer key", "meta", "meta key") + FIELDS))
    value = data.draw(json_values)
    if where == "answer":
        document["answers"][data.draw(st.sampled_from(sorted(document["answers"])))] = value
    elif where == "answer key":
        document["answers"][data.draw(hostile_text)] = value
    elif where == "meta":
        document["meta"][data.draw(st.sampled_from(["organization_id", "parent_organization_id", "created"]))] = value
    elif where == "meta key":
        document["meta"][data.draw(hostile_text)] = value
    else:
        document[where] = value
    text = json.dumps(document, ensure_ascii=True, allow_nan=True)
    result = outcome(lambda: read_assessment_json(raw_json_file(text)))
    if not isinstance(result, BadInput):
        assert clean_answers(result.profile, result.answers) == result.answers
        ids = [v for k, v in result.meta.items() if k.endswith("organization_id") and v is not None]
        assert all(isinstance(v, str) and len(v.strip()) <= 64 for v in ids)


@pytest.mark.parametrize("depth", [1000, 5000, 100_000])
@pytest.mark.parametrize("shape", ["[", '{"a":'])
def test_json_nested_thousands_deep_is_refused(depth, shape):
    close = "]" if shape == "[" else "}"
    text = json.dumps(example_json())[:-1] + ', "x": ' + shape * depth + "1" + close * depth + "}"
    refusal = outcome(lambda: read_assessment_json(raw_json_file(text)))
    assert isinstance(refusal, BadInput)
    assert "вложенность" in str(refusal) or "meta" not in str(refusal)


@settings(max_examples=examples(30), deadline=None)
@given(digits=st.integers(4301, 50_000), where=st.sampled_from(["year", "answer", "format_version"]))
def test_numbers_of_thousands_of_digits_are_refused(digits, where):
    number = "9" * digits
    text = json.dumps(example_json())
    text = {
        "year": text.replace('"year": 2025', f'"year": {number}'),
        "answer": text.replace('"profile.members": ', f'"profile.members": {number}, "x": '),
        "format_version": text.replace('"format_version": 1', f'"format_version": {number}'),
    }[where]
    refusal = outcome(lambda: read_assessment_json(raw_json_file(text)))
    assert "число из тысяч цифр" in str(refusal)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("where", ['"year": 2025', '"profile.members": 85', '"format_version": 1'])
def test_nan_and_infinity_are_not_numbers(constant, where):
    key = where.split(":")[0]
    text = json.dumps(example_json()).replace(where, f"{key}: {constant}")
    refusal = outcome(lambda: read_assessment_json(raw_json_file(text)))
    assert f"значение {constant}" in str(refusal)


@pytest.mark.parametrize("field", ["format_version", "year"])
@pytest.mark.parametrize("value", [True, False, 1.0, "1", "2025", [1], None])
def test_a_boolean_or_another_type_is_not_a_number_field(field, value):
    document = dict(example_json(), **{field: value})
    with pytest.raises(BadInput):
        parse_assessment(document)


@settings(max_examples=examples(100), deadline=None)
@given(data=st.data())
def test_names_of_control_characters_or_lone_surrogates_are_refused(data):
    visible = data.draw(st.sampled_from(["", "ППО ", "Школа"]))
    broken = st.one_of(
        st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F, exclude_characters="\t\n\r "), min_size=1),
        st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    )
    invisible_only = st.text(alphabet="\u200b\u200c\u200d\u200e\u2060\ufeff \t", min_size=1)
    name = data.draw(st.builds(lambda b: visible + b, broken) | (invisible_only if not visible else broken))
    document = example_json()
    document["answers"]["profile.name"] = name
    refusal = outcome(lambda: parse_assessment(document))
    assert isinstance(refusal, BadInput) and "profile.name" in str(refusal)
    str(refusal).encode("utf-8")  # printable: no lone surrogate comes back in the message


# ---------------------------------------------------------------- bounds of the method


@settings(max_examples=examples(200), deadline=None)
@given(data=st.data())
def test_a_number_past_its_questions_bound_is_refused_and_the_bound_itself_accepted(data):
    question = data.draw(st.sampled_from(NUMBER_QUESTIONS))
    assert question.max is not None, question.id  # every number of the shipped profiles is bounded
    beyond = data.draw(st.one_of(st.integers(int(question.max) + 1, 10**30), st.floats(question.max + 1, 1e300)))
    if question.type == "int" and isinstance(beyond, float):
        beyond = float(math.floor(beyond))
    message = check_value(question, beyond)
    assert message and "не больше" in message and "e+" not in message
    assert check_value(question, int(question.max)) is None


def test_members_fit_the_database_and_every_bound_stays_within_exact_numbers():
    for question in NUMBER_QUESTIONS:
        assert question.max <= MAX_ANY_NUMBER
    assert find_profile("fnpr-base").question("profile.members").max < 2**31


@pytest.mark.parametrize("change", [lambda q: q.pop("max"), lambda q: q.update(max=2**31)])
def test_a_profile_whose_members_question_has_no_bound_that_fits_the_database_is_refused(tmp_path, change):
    from importlib import resources

    data = yaml.safe_load((resources.files("questionnaires") / "fnpr-base-2025.1.yaml").read_text(encoding="utf-8"))
    members = next(q for s in data["sections"] for q in s["questions"] if q["id"] == "profile.members")
    change(members)
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProfileError, match="хранится в базе целым числом"):
        load_profile_file(path)


# ---------------------------------------------------------------- every workbook reader

cell_values = st.one_of(
    hostile_text,
    st.text(min_size=1, max_size=20).map(lambda t: "=" + t),  # a formula
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1), max_value=datetime.datetime(9999, 1, 1)),
    st.dates(min_value=datetime.date(1900, 3, 1)),
    st.none(),
)
WORKBOOK_PLACES = ["questionnaire_id", "questionnaire_version", "format_version", "year", "organization_id"]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["workbook", "form", "report"])
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_cell_value_in_any_workbook_is_read_or_refused(kind, data, tmp_path):
    where = data.draw(st.sampled_from(WORKBOOK_PLACES + question_cells()))
    in_code_column = data.draw(st.booleans()) if where in question_cells() else False
    value = data.draw(cell_values)
    path = workbook_with(kind, tmp_path / f"{kind}.xlsx", where, value, in_code_column=in_code_column)
    result = outcome(lambda: read_assessment_files(path))
    if not isinstance(result, BadInput):
        for document in result:
            assert clean_answers(document.profile, document.answers) == document.answers


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["workbook", "form", "report"])
@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_long_bad_cell_comes_back_shortened(kind, data, tmp_path):
    where = data.draw(st.sampled_from(["k1.structure", "profile.members", "year", "questionnaire_version"]))
    long_value = data.draw(st.text(alphabet="абв xyz", min_size=1000, max_size=32_000).filter(str.strip))
    path = workbook_with(kind, tmp_path / f"{kind}.xlsx", where, long_value)
    refusal = outcome(lambda: read_assessment_files(path))
    assert isinstance(refusal, BadInput)
    assert long_value.strip()[: MAX_QUOTED + 1] not in str(refusal)


@settings(max_examples=examples(20), deadline=None)
@given(size=st.integers(10_000, 1_000_000), where=st.sampled_from(["key", "choice", "version", "uid", "id"]))
def test_a_megabyte_value_in_a_json_file_comes_back_shortened(size, where):
    huge = "ж" * size

    def change(document):
        if where == "key":
            document["answers"][huge] = 1
        elif where == "choice":
            document["answers"]["k1.structure"] = huge
        elif where == "version":
            document["questionnaire"]["version"] = huge
        elif where == "uid":
            document["meta"]["organization_id"] = huge
        else:
            document["questionnaire"]["id"] = huge

    path = json_with(Path(tempfile.mkdtemp(prefix="extreme-")) / "оценка.json", change)
    refusal = outcome(lambda: read_assessment_json(path))
    assert isinstance(refusal, BadInput) and "ж" * (MAX_QUOTED + 1) not in str(refusal)


@settings(max_examples=examples(300))
@given(value=st.one_of(json_values, st.integers(10**5000, 10**5001)))
def test_shorten_gives_at_most_its_limit_of_printable_text(value):
    text = shorten(value)
    assert len(text) <= MAX_QUOTED + 1
    text.encode("utf-8")
    assert not any(ord(c) < 0x20 for c in text)


# ---------------------------------------------------------------- the command line


WORST = {
    "deep.json": lambda: "[" * 100_000 + "]" * 100_000,
    "digits.json": lambda: json.dumps(example_json()).replace('"year": 2025', '"year": ' + "9" * 5000),
    "nan.json": lambda: json.dumps(example_json()).replace('"year": 2025', '"year": NaN'),
    "bool-version.json": lambda: json.dumps(dict(example_json(), format_version=True)),
    "members.json": lambda: json.dumps(example_json()).replace(
        '"profile.members": 85', '"profile.members": ' + "9" * 40
    ),
    "surrogate.json": lambda: json.dumps(example_json()).replace('"profile.name": "', '"profile.name": "\\udc80'),
    "megakey.json": lambda: json.dumps(dict(example_json(), answers={"ы" * 1_000_000: 1})),
}


@pytest.mark.subprocess
@pytest.mark.parametrize("name", sorted(WORST))
@pytest.mark.parametrize("command", ["score", "import"])
def test_the_worst_files_exit_2_with_a_russian_reason_and_no_traceback(tmp_path, name, command):
    path = tmp_path / name
    path.write_text(WORST[name](), encoding="utf-8")
    args = [str(path)] if command == "score" else [str(path), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}"]
    run = subprocess.run(
        [sys.executable, "-m", "maturity", command, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
    )
    assert run.returncode == 2, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "Exception" not in run.stderr
    assert any("а" <= c <= "я" for c in run.stderr.lower())
    assert len(run.stderr) < 3000


YEAR_COMMANDS = {
    "export-xlsx": ["export-xlsx", "--org", "x", "-o", "out.xlsx"],
    "export": ["export", "-o", "out.xlsx"],
    "template": ["template", "-o", "out.xlsx"],
    "export-json": ["export-json", "--org", "x", "-o", "out.json"],
}


@pytest.mark.parametrize("command", sorted(YEAR_COMMANDS))
@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    year=st.one_of(
        st.integers(2101, 10**40).map(str),
        st.integers(-(10**40), 1999).map(str),
        st.just("9" * 5000),
        st.sampled_from(["2025.5", "1e3", "двадцать", "", " ", "٢٠٢٥", "0x7e9", "true"]),
    )
)
def test_a_year_out_of_range_is_refused_on_every_command(command, year, capsys, tmp_path):
    code = main(["--db", f"sqlite:///{tmp_path / 'db.sqlite'}", *YEAR_COMMANDS[command], "--year", year])
    assert code == 2
    err = capsys.readouterr().err
    assert "отчётный год должен быть целым числом от 2000 до 2100" in err and len(err) < 1000
