"""``maturity impact`` as a user runs it (a real process): the JSON is the use case's, the text says the same
figures, refusals are Russian with exit code 2 and nothing is written."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from impact_data import Change, federation_copy, version_text
from lanes import examples

from maturity.storage.store import open_store
from maturity.usecases.profiles import install_profile
from maturity.usecases.version_impact import version_impact
from maturity.views.numbers import format_count


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


@pytest.mark.subprocess
@pytest.mark.slow
def test_impact_prints_the_use_cases_figures_and_refuses_in_russian_with_exit_2(tmp_path: Path) -> None:
    url = federation_copy(tmp_path)
    with open_store(url) as store:
        install_profile(
            store, version_text("2027.1", Change(factors={"meetings_target": 2.0}, level_starts=(30, 45, 60, 80)))
        )
        expected = version_impact(store.session, store.catalog().find("fnpr-base", "2027.1"), 2025)
    assert expected is not None
    digest = hashlib.sha256(Path(url.removeprefix("sqlite:///")).read_bytes()).hexdigest()
    common = ("--profile", "fnpr-base", "--version", "2027.1", "--db", url)

    done = maturity("impact", *common, "--year", "2025", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected.to_json()
    assert json.loads(done.stdout)["changed_level"] == expected.changed_level > 0

    text = maturity("impact", *common, "--year", "2025")
    assert text.returncode == 0, text.stderr
    assert f"уровень меняется у {format_count(expected.changed_level)}" in text.stdout
    assert "В базе ничего не изменено" in text.stdout

    for args, reason in (
        (("impact", "--profile", "fnpr-base", "--version", "2099.9", "--year", "2025", "--db", url), "не установлена"),
        (("impact", *common, "--year", "2025", "--parent", "Нет такой организации"), "Нет такой организации"),
        (("impact", *common, "--year", "двадцать"), "отчётный год"),
    ):
        refused = maturity(*args)
        assert refused.returncode == 2 and reason in refused.stderr and "Traceback" not in refused.stderr
    assert hashlib.sha256(Path(url.removeprefix("sqlite:///")).read_bytes()).hexdigest() == digest


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    profile_id=st.one_of(st.just("fnpr-base"), st.text(min_size=1, max_size=40)),
    version=st.text(min_size=1, max_size=30).filter(lambda v: v.strip() != "2025.1"),
)
def test_any_unknown_method_or_version_is_refused_with_exit_2_in_russian(tmp_path_factory, capsys, profile_id, version):
    from maturity.cli.parser import main

    url = _empty_database(tmp_path_factory)
    capsys.readouterr()
    assert main(["impact", "--profile", profile_id, "--version", version, "--year", "2025", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("maturity impact: ") and "Traceback" not in err
    assert any("а" <= ch <= "я" for ch in err.lower())  # a Russian reason


_EMPTY: dict[str, str] = {}


def _empty_database(tmp_path_factory) -> str:
    """One empty database for every generated case (nothing is ever written to it)."""
    if "url" not in _EMPTY:
        url = f"sqlite:///{tmp_path_factory.mktemp('impact-empty') / 'm.db'}"
        with open_store(url):
            pass
        _EMPTY["url"] = url
    return _EMPTY["url"]
