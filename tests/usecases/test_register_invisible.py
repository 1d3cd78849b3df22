"""The register refuses a name of invisible characters only and a code with an invisible character inside
(docs/trust.md, «Список организаций»): generated over every such character Unicode has."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from test_organization_register import KEYS, empty, register, snapshot

from maturity.errors import BadInput
from maturity.exchange.assessment_json import uid_problem
from maturity.method.profile import load_profile
from maturity.usecases.organization_register import import_register

PROFILE = load_profile()
PROPERTY = settings(
    max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
INVISIBLE = "".join(  # format characters and spaces that str.strip() keeps (U+200B, U+2060, U+FEFF…)
    char
    for char in map(chr, range(sys.maxunicode + 1))
    if unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp") and not char.isspace()
)
invisible_names = st.text(alphabet=st.sampled_from(sorted(INVISIBLE)), min_size=1, max_size=12)
codes_with_an_invisible = st.tuples(
    st.text(alphabet="abcdef0123456789-", min_size=1, max_size=20),
    st.sampled_from(sorted(INVISIBLE + "\u00a0\u2007\u202f\u3000 ")),
    st.text(alphabet="abcdef0123456789-", min_size=1, max_size=20),
).map("".join)


@pytest.mark.slow
@PROPERTY
@given(name=invisible_names, spaces=st.sampled_from(["", " ", "  "]))
def test_a_name_of_invisible_characters_only_is_refused_naming_its_cell(store, tmp_path_factory, name, spaces):
    empty(store)
    before = snapshot(store)
    path = tmp_path_factory.mktemp("reg") / "список.xlsx"
    register(path, [{"name": "ППО Завод", "level": "primary"}, {"name": spaces + name + spaces, "level": "primary"}])
    with pytest.raises(BadInput) as refused:
        import_register(store, PROFILE, path)
    assert f"ячейка {'ABCDEFGH'[KEYS.index('name')]}3" in str(refused.value)
    assert "невидимые" in str(refused.value)
    assert snapshot(store) == before


@PROPERTY
@given(code=codes_with_an_invisible, column=st.sampled_from(["organization_id", "parent_organization_id"]))
def test_a_code_with_an_invisible_or_space_character_inside_is_refused(store, tmp_path_factory, code, column):
    empty(store)
    before = snapshot(store)
    path = tmp_path_factory.mktemp("reg") / "список.xlsx"
    register(path, [{"name": "ППО Завод", "level": "primary", column: code}])
    with pytest.raises(BadInput) as refused:
        import_register(store, PROFILE, path)
    assert f"ячейка {'ABCDEFGH'[KEYS.index(column)]}2" in str(refused.value)
    assert "невидимый" in str(refused.value)
    assert snapshot(store) == before
    assert uid_problem(code) is not None  # the same rule for a code in a received file
