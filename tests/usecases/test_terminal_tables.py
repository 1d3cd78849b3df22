"""``maturity status`` and ``maturity orgs`` print long names whole: a name wider than its column wraps onto the
next lines of its row, never cut (generated names of Cyrillic words, quotes and numbers)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.method.profile import load_profile
from maturity.storage.submissions import RegisterRow, Submission
from maturity.usecases.submission_status import COLUMN_WIDTH, register_text, status_text

PROFILE = load_profile()
WORDS = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюяАБВГДЕЁ«»№0123456789-", min_size=1, max_size=30)
NAMES = st.lists(st.lists(WORDS, min_size=1, max_size=14).map(" ".join), min_size=1, max_size=8)


def first_column(lines: list[str], header: str, names: list[str]) -> list[str]:
    """The text of the first column on each line of the table (a column as wide as its widest cell, at most 48)."""
    width = min(COLUMN_WIDTH, max(len(header), *map(len, names)))
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    body = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        body.append(line[:width].strip())
    return body


@settings(max_examples=examples(60))
@given(names=NAMES)
def test_status_wraps_long_names_and_keeps_every_character(names):
    rows = [Submission(i, f"код-{i}", name, "primary", "Территориальная организация", None, "missing", None)
            for i, name in enumerate(names)]  # fmt: skip

    text = status_text(2025, None, rows, PROFILE)

    assert "…" not in text
    column = first_column(text.splitlines(), "Наименование", names)
    assert " ".join(part for part in column if part) == " ".join(" ".join(names).split())
    assert all(len(line) <= 5 * COLUMN_WIDTH for line in text.splitlines())


@settings(max_examples=examples(60))
@given(names=NAMES)
def test_orgs_wraps_long_names_and_keeps_every_character(names):
    rows = [
        RegisterRow(f"код-{i}", name, "primary", None, None, None, None, None, False) for i, name in enumerate(names)
    ]

    text = register_text(rows, PROFILE)

    assert "…" not in text
    lines = text.splitlines()
    width = min(COLUMN_WIDTH, max(len("Код"), *(len(r.organization_id) for r in rows)))
    name_width = min(COLUMN_WIDTH, max(len("Наименование"), *map(len, names)))
    column = [line[width + 2 : width + 2 + name_width].strip() for line in lines[1:] if line.strip()][:-1]
    assert " ".join(part for part in column if part) == " ".join(" ".join(names).split())


def test_a_name_of_200_characters_is_printed_whole_on_five_lines():
    name = "Первичная профсоюзная организация " + " ".join(["Государственного бюджетного учреждения"] * 4)
    rows = [Submission(1, "к", name, "primary", None, None, "missing", None)]

    lines = status_text(2025, None, rows, PROFILE).splitlines()

    column = first_column(lines, "Наименование", [name])
    assert " ".join(column) == name
    assert len(column) > 1 and all(len(part) <= COLUMN_WIDTH for part in column)
