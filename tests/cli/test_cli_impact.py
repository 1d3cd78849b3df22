"""``maturity impact`` as a user runs it (a real process): the JSON is the use case's, the text says the same
figures, refusals are Russian with exit code 2 and nothing is written."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from impact_data import Change, federation_copy, version_text

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
            store, version_text("2026.1", Change(factors={"meetings_target": 2.0}, level_starts=(30, 45, 60, 80)))
        )
        expected = version_impact(store.session, store.catalog().find("fnpr-base", "2026.1"), 2025)
    assert expected is not None
    digest = hashlib.sha256(Path(url.removeprefix("sqlite:///")).read_bytes()).hexdigest()
    common = ("--profile", "fnpr-base", "--version", "2026.1", "--db", url)

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
