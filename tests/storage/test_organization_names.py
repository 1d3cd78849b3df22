"""What the main window's search field reads: (id, name) of every real organization, and the first one by name —
placeholders (organizations known only as someone's parent, or from an unread file) left out. Both backends."""

from __future__ import annotations

from maturity.engine.record import build_record
from maturity.method.profile import load_profile
from maturity.storage.queries import latest_answers, organization_names
from maturity.views.name_search import NameIndex


def test_the_names_to_search_are_every_real_organization_in_natural_order(store):
    made = [store.create_organization(name, "primary") for name in ("ППО № 10", "ППО № 2", "Ёлочка")]
    store.create_organization("Заготовка", "territorial", placeholder=True)

    names = organization_names(store.session)

    assert sorted(names) == sorted((o.id, o.name) for o in made)
    assert [o.name for o in NameIndex(names).organizations] == ["Ёлочка", "ППО № 2", "ППО № 10"]  # «ё» read as «е»
    assert organization_names(store.session.get_bind()) == names


def test_the_first_organization_skips_placeholders(store):
    assert store.first_organization() is None
    store.create_organization("А-заготовка", "territorial", placeholder=True)
    assert store.first_organization() is None
    store.create_organization("Б", "primary")
    store.create_organization("В", "primary")

    assert store.first_organization().name == "Б"


def test_the_latest_answers_to_the_contact_questions_of_each_organization(store, example_answers):
    base = load_profile()
    answers = example_answers("primary-small.json")
    org = store.create_organization(answers["profile.name"], "primary")
    other = store.create_organization("Без оценок", "primary")
    keys = ["profile.respondent", "profile.respondent_role"]
    store.save_record(
        org,
        build_record(
            base, 2023, {**answers, "profile.respondent": "Петрова", "profile.respondent_role": "председатель"}
        ),
    )
    store.save_record(
        org,
        build_record(base, 2024, {**answers, "profile.respondent": "Сидорова «Ёлка»", "profile.respondent_role": ""}),
    )

    found = latest_answers(store.session, [org.id, other.id], keys)

    assert found == {org.id: {"profile.respondent": "Сидорова «Ёлка»", "profile.respondent_role": "председатель"}}
