"""A full copy saved by the profile editor keeps the base file's comments: every comment of
questionnaires/fnpr-base-2026.1.yaml is still in the saved text, the edited values are in it, and the text loads as
the very profile that was edited — for generated edits of numbers and texts. An extension as the base: the plain
dump (it has no full text of its own)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.method import editing
from maturity.method.profile import load_profile, load_profile_file
from maturity.method.schema import ProfileFile

BASE = load_profile("fnpr-base")
START = editing.profile_tree(BASE)
FIELDS = editing.all_fields(editing.editable_groups(START))
NUMBER_FIELDS = [f for f in FIELDS if f.kind == "number"]
TEXT_FIELDS = [f for f in FIELDS if f.kind in ("line", "text") and f.path[-1] not in ("help", "advice_missing")]


def comments(text: str) -> list[str]:
    """Every comment of a YAML text (a whole-line one or one after a value), without its indentation."""
    found = []
    for line in text.splitlines():
        if "#" in line and (line.lstrip().startswith("#") or " #" in line):
            found.append(line[line.index("#") if line.lstrip().startswith("#") else line.index(" #") + 1 :].strip())
    return found


def saved_full_copy(edited: dict, tmp_path) -> tuple[str, object]:
    tree = editing.saved_tree(START, edited, "mine", "2026.1", extends=None)
    text = editing.saved_text(tree, START, BASE.text, edited)
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return text, load_profile_file(path)


@pytest.mark.parametrize("label", ["ĄªĶŀĽĂĕo?Ê", "a: b", "- x", "#тег", "{скобки}", "'кавычки'", '"двойные"', "?"])
def test_a_typed_text_that_plain_yaml_would_misread_keeps_the_comments(tmp_path, label):
    """A found case: an option's label typed as «ĄªĶŀĽĂĕo?Ê» sits in a flow mapping ({id: …, label: …}) where the
    program's YAML reader refuses a plain «?»: the edited text is written quoted, so the commented copy reads back."""
    path = next(f.path for f in TEXT_FIELDS if "options" in f.path and f.path[-1] == "label")
    edited = editing.with_value(START, path, label)
    text, profile = saved_full_copy(edited, tmp_path)
    assert set(comments(BASE.text)) <= set(comments(text))
    assert profile.data == ProfileFile.model_validate({**edited, "id": "mine", "version": "2026.1"})


def test_the_base_file_has_comments_to_keep():
    assert len(comments(BASE.text)) > 30


def test_an_edited_weight_and_target_keep_every_comment_of_the_base_file(tmp_path):
    edited = editing.with_value(START, ("parameters", "meetings_target"), 8)
    edited = editing.with_value(edited, ("kpis", 1, "weight"), 2)  # a weight the base leaves at its default
    text, profile = saved_full_copy(edited, tmp_path)

    assert comments(BASE.text) == [c for c in comments(text) if c in comments(BASE.text)]
    assert set(comments(BASE.text)) <= set(comments(text))
    assert text.startswith("# Методика «Базовая методика ФНПР», версия 2026.1: сделана в редакторе")
    assert profile.data == ProfileFile.model_validate({**edited, "id": "mine", "version": "2026.1"})
    assert profile.parameters["meetings_target"] == 8 and profile.kpis[1].weight == 2


@pytest.mark.slow
@settings(max_examples=examples(15), deadline=None)
@given(
    numbers=st.lists(
        st.tuples(st.sampled_from(NUMBER_FIELDS), st.integers(1, 90)), max_size=4, unique_by=lambda e: e[0].key
    ),
    texts=st.lists(
        st.tuples(
            st.sampled_from(TEXT_FIELDS),
            st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=40).filter(
                str.strip
            ),
        ),
        max_size=3,
        unique_by=lambda e: e[0].key,
    ),
)
def test_generated_edits_keep_the_comments_and_load_as_the_edited_profile(tmp_path_factory, numbers, texts):
    edited = START
    for item, value in numbers:
        edited = editing.with_value(edited, item.path, value / 100 if item.path[-1] == "value" else value)
    for item, text in texts:
        edited = editing.with_value(edited, item.path, text)
    if editing.problems(edited):
        return  # the editor would not save it
    text, profile = saved_full_copy(edited, tmp_path_factory.mktemp("saved"))
    assert set(comments(BASE.text)) <= set(comments(text))
    assert profile.data == ProfileFile.model_validate({**edited, "id": "mine", "version": "2026.1"})


def test_an_extension_as_the_base_is_saved_as_the_plain_full_copy(tmp_path):
    sudprof = load_profile("sudprof")
    start = editing.profile_tree(sudprof)
    edited = editing.with_value(start, ("parameters", "meetings_target"), 7)
    tree = editing.saved_tree(start, edited, "mine", "1", extends=None)
    text = editing.saved_text(tree, start, sudprof.text, edited)
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_profile_file(path).parameters["meetings_target"] == 7
    assert "extends" not in text
