"""«Методика изменилась» for every figure: random edits of a profile made through the editor's fields (the text a
person types, read the Russian way) mark a figure exactly when its own definition changed — a KPI when a
component's weight, a target or threshold it reads or an option's score it reads changed; the index when a
KPI's weight changed; the level when a boundary moved; a norm when a threshold it reads changed. Wording marks
nothing."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from lanes import examples

from maturity.method.editing import ProfileDraft, value_at
from maturity.method.fingerprint import figures_defined_differently
from maturity.method.profile import load_profile, profile_from_mapping
from maturity.views.profile_changes_text import value_text

BASE = load_profile("fnpr-base")
FIELDS = ProfileDraft(BASE).fields


def value_or_none(tree: object, path: tuple) -> object:
    """The value at ``path`` (None where the profile leaves it out: a KPI's weight at its default)."""
    try:
        return value_at(tree, path)
    except (KeyError, IndexError, TypeError):
        return None


def _uses(definition: object, name: str) -> bool:
    return f"'{name}'" in repr(definition)


def figures_an_edit_redefines(path: tuple) -> set[str]:
    """What the method says a field defines (written from the profile's structure, not from the fingerprints)."""
    head = path[0]
    if head == "kpis" and path[-1] == "weight" and len(path) == 3:
        return {"index"}
    if head == "kpis" and path[-1] == "weight":
        return {BASE.kpis[path[1]].id}
    if head == "maturity_levels" and path[-1] == "from":
        return {"level"}
    if head == "parameters":
        name = path[1]
        kpis = {k.id for k in BASE.kpis if _uses(k.components, name)}
        norms = {n.id for n in BASE.norms if _uses(n.rule, name) or n.members_above == name}
        return kpis | norms
    if head == "sections" and path[-1] == "value":
        question = BASE.data.sections[path[1]].questions[path[3]].id
        return {k.id for k in BASE.kpis if _uses(k.components, question)}
    return set()  # titles, texts, advice, labels: wording


NUMBER_FIELDS = [f for f in FIELDS if f.kind == "number"]
WORDING_FIELDS = [f for f in FIELDS if f.kind != "number"]


@st.composite
def edit(draw):
    """(field, the text typed into it): a number scaled or moved as a federation would, or new wording."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(WORDING_FIELDS)), draw(st.sampled_from(["Новая формулировка", "Ёмкий текст"]))
    field = draw(st.sampled_from(NUMBER_FIELDS))
    old = value_or_none(_START, field.path)
    if field.path[-1] == "value":  # an option's score, 0–1
        new = draw(st.sampled_from([0, 0.25, 0.5, 0.75, 1]))
    elif field.path[0] == "maturity_levels":
        new = draw(st.integers(0, 100))
    else:
        new = (old if old is not None else 1) * draw(st.sampled_from([0.5, 1, 2, 3]))
    return field, value_text(new)


_START = ProfileDraft(BASE).start


def _number(value: object, path: tuple = ()) -> object:
    """A weight left out is 1 (the schema's default): typing «1» there changes nothing."""
    return 1.0 if value is None and path[-1:] == ("weight",) else value


@settings(max_examples=examples(60), deadline=None)
@given(edits=st.lists(edit(), min_size=1, max_size=4))
def test_a_figure_is_marked_exactly_when_its_definition_changed(edits):
    draft = ProfileDraft(BASE)
    for field, text in edits:
        draft.set_text(field, text)
    assume(draft.valid)
    edited = profile_from_mapping({**draft.tree, "version": "2099.1"}, "правка")

    changed_paths = {
        f.path
        for f in FIELDS
        if _number(value_or_none(draft.tree, f.path), f.path) != _number(value_or_none(_START, f.path), f.path)
    }
    expected = set().union(*(figures_an_edit_redefines(p) for p in changed_paths))

    assert figures_defined_differently(BASE, edited) == expected
    assert figures_defined_differently(edited, BASE) == expected


def test_doubling_a_kpis_weight_marks_the_index_and_a_target_marks_its_kpi():
    draft = ProfileDraft(BASE)
    weight = next(f for f in FIELDS if f.path == ("kpis", 1, "weight"))
    target = next(f for f in FIELDS if f.path == ("parameters", "meetings_target"))
    draft.set_text(weight, value_text((value_or_none(_START, weight.path) or 1) * 2))
    draft.set_text(target, "8")
    edited = profile_from_mapping({**draft.tree, "version": "2099.1"}, "правка")

    meetings = next(k.id for k in BASE.kpis if _uses(k.components, "meetings_target"))
    assert figures_defined_differently(BASE, edited) == {"index", meetings}


def test_a_norms_threshold_marks_that_norm():
    name = BASE.norms[0].rule.param
    assert name is not None
    draft = ProfileDraft(BASE)
    field = next(f for f in FIELDS if f.path == ("parameters", name))
    draft.set_text(field, value_text(value_at(_START, field.path) * 2))
    edited = profile_from_mapping({**draft.tree, "version": "2099.1"}, "правка")

    assert BASE.norms[0].id in figures_defined_differently(BASE, edited)


def test_a_weight_left_at_its_default_shows_it_in_the_editor():
    draft = ProfileDraft(BASE)
    weights = [f for f in FIELDS if f.path[0] == "kpis" and len(f.path) == 3 and f.path[-1] == "weight"]
    left_out = [f for f in weights if value_or_none(_START, f.path) is None]

    assert left_out  # fnpr-base leaves some KPIs at the default weight
    assert all(draft.text_of(f) == 1.0 for f in left_out)
    assert all(draft.text_of(f) == value_at(_START, f.path) for f in weights if f not in left_out)


def test_typing_the_default_weight_into_a_weight_left_out_is_no_change():
    draft = ProfileDraft(BASE)
    left_out = next(f for f in FIELDS if f.path[-1] == "weight" and value_or_none(_START, f.path) is None)

    draft.set_text(left_out, "1")

    assert draft.changes() == []
    draft.set_text(left_out, "2")
    assert [(c.before, c.after) for c in draft.changes()] == [(1.0, 2)]
