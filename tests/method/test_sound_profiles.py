"""A profile is accepted only when it is sound (docs/trust.md, «Файл методики принимается, только если он исправен»).

Generated profiles: fnpr-base with numbers, texts, keys, tags, nesting and question limits replaced by hostile
ones. Each is either refused with a Russian reason and its place, or it scores every valid answer set to finite
figures within 0–100 and is listed by ``maturity profiles``.
"""

from __future__ import annotations

import math
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from answer_strategies import answer_sets
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.engine.scoring import score
from maturity.engine.validation import errors_only, validate_answers
from maturity.method.catalog import ProfileCatalog
from maturity.method.profile import ProfileError, _shipped_text, profile_from_text

CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
ENGLISH_WORDS = ("found", "expected", "character", "error", "while", "Value", "could not", "allowed")


@cache
def base_mapping() -> dict[str, Any]:
    return yaml.safe_load(_shipped_text("fnpr-base")[0])


def fresh() -> dict[str, Any]:
    data = yaml.safe_load(_shipped_text("fnpr-base")[0])
    data.update(id="fed", version="1", title="Методика федерации")
    return data


def as_text(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=1_000_000)


def leaves(data: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in leaves(value, (*path, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in leaves(value, (*path, i))]
    return [path]


def number_places() -> list[tuple]:
    base = base_mapping()
    return [p for p in leaves(base) if type(get(base, p)) in (int, float)]


def get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def put(data: Any, path: tuple, value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


def assert_russian_refusal(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as refused:
        profile_from_text(text, "fed.yaml")
    message = str(refused.value)
    assert CYRILLIC & set(message.lower()), message
    assert not any(word in message for word in ENGLISH_WORDS), message
    assert len(message) < 400
    return refused.value


hostile_numbers = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 1e300, -1e300, 1e-300, 5e-324, 10**16, -(10**30)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20),
)


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_a_number_that_is_not_finite_or_out_of_range_anywhere_is_refused_with_its_place(data):
    place = data.draw(st.sampled_from(number_places()))
    value = data.draw(st.sampled_from([math.nan, math.inf, -math.inf, 1e300, 1e-300, 5e-324, 10**16, -(10**30)]))
    profile = fresh()
    put(profile, place, value)
    refusal = assert_russian_refusal(as_text(profile))
    assert refusal.where.startswith(".".join(str(p) for p in place[:1]))


any_numbers = st.one_of(
    hostile_numbers,
    st.floats(1e-9, 1e15),
    st.floats(0.5, 100),
    st.floats(0, 1),
    st.integers(0, 10**6),
    st.sampled_from([0, 1, 1e-9, 10**15]),
)

LABEL_FIELDS = [
    ("title",),
    ("sections", 0, "title"),
    ("sections", 1, "questions", 0, "text"),
    ("sections", 2, "questions", 1, "help"),
    ("kpis", 0, "title"),
    ("kpis", 1, "components", 0, "advice"),
    ("norms", 0, "title"),
    ("norms", 0, "advice"),
    ("organization_levels", 0, "label"),
    ("maturity_levels", 1, "label"),
    ("description",),
]
hostile_texts = st.one_of(
    st.sampled_from(["", " ", "\u200b", "\u200b\u200d\ufeff", "\u00a0\u2060", "\x1b[31mКРАСНЫЙ", "a\x07b", "a\x00b"]),
    st.sampled_from(["я" * 2001, "я" * 1_000_000, "Фед\ud800", "\udfff"]),
    st.text(alphabet=st.characters(categories=("Cc", "Cs")), min_size=1, max_size=5).filter(
        lambda t: set(t) - set("\t\n\r")
    ),
    st.text(alphabet=st.characters(categories=("Cf", "Zs", "Zl", "Zp")), min_size=1, max_size=10),
)


@pytest.mark.slow
@settings(max_examples=examples(80), deadline=None)
@given(place=st.sampled_from(LABEL_FIELDS), text=hostile_texts)
def test_a_title_or_text_with_control_characters_nothing_visible_or_a_megabyte_is_refused(place, text):
    profile = fresh()
    assume(place != ("description",) or text != "")  # a profile may have no description
    if place == ("sections", 2, "questions", 1, "help"):
        assume(text != "")
    put(profile, place, text)
    refusal = assert_russian_refusal(as_text(profile))
    assert refusal.where.split(".")[0] == str(place[0])


@pytest.mark.slow
@settings(max_examples=examples(40), deadline=None)
@given(depth=st.one_of(st.integers(33, 200), st.sampled_from([5_000, 50_000])), shape=st.sampled_from(["[", "{a: "]))
def test_yaml_nested_deeper_than_the_cap_is_refused_without_a_recursion_error(depth, shape):
    close = "]" if shape == "[" else "}"
    text = as_text(fresh()) + "decisions: " + shape * depth + "1" + close * depth + "\n"
    assert "вложенность" in assert_russian_refusal(text).problem


class Pairs(list):
    """A mapping written with its pairs as they are, repeats included."""


yaml.SafeDumper.add_representer(Pairs, lambda dumper, pairs: dumper.represent_mapping("tag:yaml.org,2002:map", pairs))


def mapping_places(data: Any, path: tuple = ()) -> list[tuple]:
    found = [path] if isinstance(data, dict) and data else []
    if isinstance(data, dict):
        found += [p for key, value in data.items() for p in mapping_places(value, (*path, key))]
    elif isinstance(data, list):
        found += [p for i, value in enumerate(data) for p in mapping_places(value, (*path, i))]
    return found


@pytest.mark.slow
@settings(max_examples=examples(50), deadline=None)
@given(data=st.data())
def test_a_key_written_twice_in_any_mapping_is_refused(data):
    profile = fresh()
    place = data.draw(st.sampled_from(mapping_places(profile)))
    mapping = get(profile, place)
    key = data.draw(st.sampled_from(sorted(mapping, key=str)))
    pairs = Pairs(mapping.items())
    pairs.insert(data.draw(st.integers(0, len(pairs))), (key, mapping[key]))
    if place:
        put(profile, place, pairs)
    else:
        profile = pairs
    assert "записан дважды" in assert_russian_refusal(as_text(profile)).problem


@pytest.mark.slow
@settings(max_examples=examples(30), deadline=None)
@given(
    tag=st.sampled_from(
        [
            "!!binary aGVsbG8=",
            "!!python/object:os.system {}",
            "!!python/name:os.system",
            "!!set {a: null}",
            "!!omap [{a: 1}]",
            "!!timestamp 2024-01-01",
            "!mine x",
            "!!python/tuple [1]",
            "!<tag:evil,2000:x> 1",
        ]
    ),  # fmt: skip
    key=st.sampled_from(["description", "decisions"]),
)
def test_a_value_of_any_yaml_type_but_the_plain_ones_is_refused(tag, key):
    text = as_text(fresh()) + f"{key}: {tag}\n"
    assert "не допускается" in assert_russian_refusal(text).problem


def question_of(profile: dict, section: int, index: int) -> dict:
    return profile["sections"][section]["questions"][index]


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None)
@given(
    low=st.integers(-1000, 1000),
    gap=st.integers(1, 1000),
    kind=st.sampled_from(["min>max", "int-gap", "length", "self", "cycle"]),
    cycle=st.integers(2, 5),
)
def test_a_question_no_answer_can_satisfy_or_that_depends_on_itself_is_refused(low, gap, kind, cycle):
    profile = fresh()
    questions = [{"id": f"x.q{i}", "type": "int", "text": f"Вопрос {i}", "optional": True} for i in range(cycle)]
    profile["sections"].append({"id": "x", "title": "Раздел", "questions": questions})
    first = questions[0]
    if kind == "min>max":
        first.update(type="number", min=low + gap / 7, max=low)
    elif kind == "int-gap":
        first.update(type="int", min=low + 0.25, max=low + 0.75)
    elif kind == "length":
        first.update(type="text", min_length=gap + 1, max_length=gap)
    elif kind == "self":
        first["relevant_if"] = {"question": first["id"], "greater_than": low}
    else:
        for i, question in enumerate(questions):
            question["relevant_if"] = {"question": questions[(i + 1) % cycle]["id"], "greater_than": low}
    refusal = assert_russian_refusal(as_text(profile))
    assert refusal.where.startswith(f"sections.{len(profile['sections']) - 1}.questions.")


def assert_sound_figures(profile, answers) -> None:
    result = score(profile, answers)
    figures = [*result.kpis.values(), result.index, result.digital_index]
    for value in figures:
        assert value is None or (math.isfinite(value) and 0 <= value <= 100), (figures, answers)
    assert 0 <= result.completeness <= 1


@pytest.mark.slow
@settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_profile_that_installs_scores_every_valid_answer_set_to_finite_figures_within_0_100_and_is_listed(data):
    """Numbers of fnpr-base (parameters, weights, factors, option values, level bounds, limits) replaced by
    any float or integer: the profile is refused, or each valid answer set gets figures within 0–100."""
    profile_data = fresh()
    places = data.draw(st.lists(st.sampled_from(number_places()), min_size=1, max_size=3, unique=True))
    for place in places:
        put(profile_data, place, data.draw(any_numbers))
    text = as_text(profile_data)
    catalog = ProfileCatalog()
    try:
        check = catalog.check_install(text, "fed.yaml")
    except ProfileError as refused:
        message = str(refused)
        assert CYRILLIC & set(message.lower()) and not any(word in message for word in ENGLISH_WORDS), message
        event("refused")
        return
    event("installed")
    profile = catalog.with_texts([check.entry]).find("fed", "1")
    [listed] = [e for e in catalog.with_texts([check.entry]).listed() if e.id == "fed"]
    assert listed.shown_title == "Методика федерации"
    for _ in range(5):
        answers = data.draw(answer_sets(profile))
        if errors_only(validate_answers(profile, answers)):
            continue
        assert_sound_figures(profile, answers)


def run_maturity(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        cwd=cwd,
    )


WORST_PROFILES = {
    "nan.yaml": lambda t: t + "parameters: {posts_per_year: .nan}\n",
    "surrogate.yaml": lambda t: t.replace("title: Методика федерации", 'title: "Фед\\ud800"'),
    "esc.yaml": lambda t: t.replace("title: Методика федерации", 'title: "\\e[31mКРАСНЫЙ\\a"'),
    "nul.yaml": lambda t: t + "description: a\x00b\n",
    "deep.yaml": lambda t: t + "decisions: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "dup.yaml": lambda t: t + "title: Другая\n",
    "binary.yaml": lambda t: t + "description: !!binary aGVsbG8=\n",
    "minmax.yaml": lambda t: t.replace("max: 30000000", "max: 30000000\n    min: 40000000", 1),
}


@pytest.mark.subprocess
@pytest.mark.parametrize("name", sorted(WORST_PROFILES))
def test_the_worst_profiles_exit_2_in_russian_on_install_and_score_and_nothing_is_installed(tmp_path, name):
    base = "id: fed\nversion: '1'\nextends: fnpr-base\ntitle: Методика федерации\n"
    if name == "minmax.yaml":
        base = as_text(fresh())
    (tmp_path / name).write_text(WORST_PROFILES[name](base), encoding="utf-8", errors="surrogatepass")
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    example = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
    for args in (["profiles", "install", name, "--db", db], ["score", str(example), "--profile", name]):
        run = run_maturity(*args, cwd=tmp_path)
        assert run.returncode == 2, run.stderr[-2000:]
        assert "Traceback" not in run.stderr and "Error" not in run.stderr
        assert CYRILLIC & set(run.stderr.lower()) and not any(w in run.stderr for w in ENGLISH_WORDS), run.stderr
        assert "\x1b" not in run.stderr and len(run.stderr) < 1000
    listing = run_maturity("profiles", "--db", db, cwd=tmp_path)
    assert listing.returncode == 0 and "fed\t" not in listing.stdout


@pytest.mark.subprocess
@pytest.mark.parametrize(
    "title", ['"Фед\\ud800"', '"\\e[31mКРАСНЫЙ"', ".nan", '"\\u200b"'], ids=["surrogate", "esc", "nan", "invisible"]
)
def test_an_unsound_profile_an_old_version_installed_is_listed_without_a_traceback(tmp_path, title):
    """A database an earlier version let an unsound text into: ``maturity profiles`` still lists every profile
    (that one with «—» for its title), and using it is refused in Russian."""
    import sqlite3
    from datetime import UTC, datetime

    from maturity.method.profile import text_sha256

    db = tmp_path / "db.sqlite"
    assert run_maturity("--db", f"sqlite:///{db}", "orgs", cwd=tmp_path).returncode == 0  # a new database
    text = f"id: old\nversion: '1'\nextends: fnpr-base\ntitle: {title}\n"
    with sqlite3.connect(db) as connection:
        connection.execute(
            "INSERT INTO profile_text (id, version, sha256, text, source, installed_at) VALUES (?, ?, ?, ?, ?, ?)",
            ("old", "1", text_sha256(text), text, "установлена", datetime.now(UTC).isoformat(" ")),
        )
    listing = run_maturity("--db", f"sqlite:///{db}", "profiles", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "old\t1\t—\t" in listing.stdout and "\x1b" not in listing.stdout
    example = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
    used = run_maturity("--db", f"sqlite:///{db}", "template", "--profile", "old", "-o", "t.xlsx", cwd=tmp_path)
    assert used.returncode == 2 and "Traceback" not in used.stderr and CYRILLIC & set(used.stderr.lower())
    assert run_maturity("score", str(example), cwd=tmp_path).returncode == 0
