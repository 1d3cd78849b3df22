"""A received file never chooses how it is scored: it names an installed profile by id, nothing else.

A YAML that calls itself ``fnpr-base`` (with targets of its own) is planted in the current folder
and beside the received files under every name a reader might try; files then name the profile
with generated ids — path-like, the planted names, arbitrary text. Every read either uses the
shipped profile or is refused with BadInput, and no planted file is ever opened (an audit hook
sees every ``open`` of the process).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from received_files import json_with, report_column, workbook_with

from maturity.engine.scoring import score
from maturity.errors import BadInput
from maturity.exchange.files import read_assessment_files
from maturity.method.profile import (
    ProfileError,
    find_profile,
    load_profile,
    load_profile_argument,
    load_profile_file,
    shipped_profile_versions,
)

PLANTED_NAMES = ("fnpr-base.yaml", "fnpr-base.yml", "fnpr-base", "sudprof.yaml", "sudprof", "fnpr-base-2026.1.yaml")
SHIPPED = {key: find_profile(*key) for key in shipped_profile_versions()}  # every shipped (id, version)
BASE_2025 = SHIPPED[("fnpr-base", "2025.1")]  # what the received test files name

_opened: list[str] = []
_watching: list[bool] = []


def _audit(event: str, args: tuple) -> None:
    if _watching and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.path.abspath(os.fsdecode(args[0])))


sys.addaudithook(_audit)  # audit hooks cannot be removed: it records only while a test watches


@contextlib.contextmanager
def watching_opens():
    _opened.clear()
    _watching.append(True)
    try:
        yield _opened
    finally:
        _watching.pop()


def hostile_yaml() -> str:
    """The shipped base with the same id and version but targets that would change every score."""
    data = yaml.safe_load((resources.files("questionnaires") / "fnpr-base-2025.1.yaml").read_text(encoding="utf-8"))
    data["parameters"].update(meetings_target=1, campaigns_target=1, posts_per_week_target=0.01)
    data["sections"][0]["questions"][0]["text"] = "ПОДМЕНЁННАЯ МЕТОДИКА"
    return yaml.safe_dump(data, allow_unicode=True)


HOSTILE_YAML = hostile_yaml()


@contextlib.contextmanager
def planted_folders():
    """(cwd, received folder): both hold the hostile YAML under every planted name; cwd is changed."""
    with tempfile.TemporaryDirectory(prefix="trust-") as tmp:
        cwd, received = Path(tmp, "cwd"), Path(tmp, "received")
        for folder in (cwd, received):
            folder.mkdir()
            for name in PLANTED_NAMES:
                (folder / name).write_text(HOSTILE_YAML, encoding="utf-8")
        with contextlib.chdir(cwd):
            yield cwd, received


def planted_files(*folders: Path) -> set[str]:
    return {os.path.abspath(p) for folder in folders for p in folder.iterdir() if p.suffix not in (".json", ".xlsx")}


def path_like_ids(cwd: Path, received: Path) -> list[str]:
    """Ids a hostile file might use to reach the planted YAML."""
    out = []
    for folder in (cwd, received):
        for name in PLANTED_NAMES:
            out += [str(folder / name), f"./{name}", f"../{folder.name}/{name}", name]
    out += [
        "fnpr-base",
        "../cwd/fnpr-base",
        "fnpr-base/../fnpr-base",
        "C:\\fnpr-base.yaml",
        "C:fnpr-base",
        "file:fnpr-base.yaml",
        "~/fnpr-base.yaml",
        "fnpr-base\x00",
        "fnpr-base.",
        "..",
        "/",
        "",
    ]
    return out


def generated_ids() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=80),
        st.from_regex(r"[A-Za-z0-9._/\\:~-]{1,30}", fullmatch=True),
        st.sampled_from(PLANTED_NAMES),
        st.builds(
            lambda a, b: f"{a}/{b}", st.sampled_from(("..", ".", "cwd", "received", "")), st.sampled_from(PLANTED_NAMES)
        ),
    )


def assert_shipped_or_refused(read, opened: list[str], planted: set[str]):
    try:
        documents = read()
    except BadInput as refusal:
        documents, reason = [], str(refusal)
        assert "Traceback" not in reason and len(reason) < 2000
    for document in documents:
        shipped = SHIPPED[(document.profile.id, document.profile.version)]
        assert document.profile is shipped
        assert score(document.profile, document.answers).to_json() == score(shipped, document.answers).to_json()
    assert not planted & set(opened), f"a planted file was opened: {planted & set(opened)}"
    return documents


# ---------------------------------------------------------------- looking a profile up


@settings(max_examples=examples(200), deadline=None)
@given(profile_id=generated_ids(), version=st.one_of(st.none(), st.just("2025.1"), st.text(max_size=20)))
def test_find_profile_returns_a_shipped_profile_or_refuses_and_opens_no_planted_file(profile_id, version):
    with planted_folders() as (cwd, received):
        with contextlib.suppress(OSError, ValueError):  # a file named like the id, where the name allows it
            (cwd / profile_id).write_text(HOSTILE_YAML, encoding="utf-8")
        planted = planted_files(cwd, received)
        with watching_opens() as opened:
            try:
                profile = find_profile(profile_id, version)
            except ProfileError as refusal:
                assert len(str(refusal)) < 500
            else:
                assert profile is SHIPPED[(profile_id, version or profile.version)]
                assert profile is load_profile(profile_id, version)  # no version: the newest shipped
                assert profile.parameters["meetings_target"] == 4
        assert not planted & set(opened)


@pytest.mark.parametrize("shape", ["../x", "a/b", "a\\b", "C:x", "x.yaml", "x.yml", "..", ".", "fnpr-base.yaml"])
def test_an_id_that_looks_like_a_path_is_refused_with_a_russian_reason(shape):
    with pytest.raises(ProfileError, match="это не идентификатор методики.*путь к файлу методики здесь не принимается"):
        find_profile(shape)


def test_every_shipped_profile_id_is_a_plain_identifier():
    for (profile_id, version), profile in SHIPPED.items():
        assert load_profile(profile_id, version) is profile
        assert profile.source == f"questionnaires/{profile_id}-{version}.yaml"


# ---------------------------------------------------------------- received files


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_a_json_file_names_only_an_installed_profile(data):
    with planted_folders() as (cwd, received):
        profile_id = data.draw(st.one_of(generated_ids(), st.sampled_from(path_like_ids(cwd, received))))
        version = data.draw(st.sampled_from([None, "2025.1"]))
        questionnaire = {"id": profile_id} if version is None else {"id": profile_id, "version": version}
        path = json_with(received / "оценка.json", lambda d: d.update(questionnaire=questionnaire))
        planted = planted_files(cwd, received)
        with watching_opens() as opened:
            documents = assert_shipped_or_refused(lambda: read_assessment_files(path), opened, planted)
        assert all(d.profile.id == profile_id for d in documents)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["workbook", "form", "report"])
@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_workbook_names_only_an_installed_profile(kind, data):
    with planted_folders() as (cwd, received):
        profile_id = data.draw(st.one_of(generated_ids(), st.sampled_from(path_like_ids(cwd, received))))
        path = workbook_with(kind, received / f"{kind}.xlsx", "questionnaire_id", profile_id)
        planted = planted_files(cwd, received)
        with watching_opens() as opened:
            documents = assert_shipped_or_refused(lambda: read_assessment_files(path), opened, planted)
        assert all(d.profile.id == profile_id.strip() for d in documents)


@pytest.mark.parametrize("kind", ["json", "workbook", "form", "report"])
def test_a_file_naming_fnpr_base_beside_a_planted_fnpr_base_yaml_is_scored_with_the_shipped_one(kind):
    """The case that broke: a folder of received files holding a YAML that calls itself fnpr-base."""
    with planted_folders() as (cwd, received):
        if kind == "json":
            path = json_with(received / "оценка.json", lambda d: None)
        else:
            path = workbook_with(kind, received / f"{kind}.xlsx", "questionnaire_id", "fnpr-base")
            if kind == "report":  # its sudprof row now names fnpr-base: with fnpr-base's text too
                report_column(path, "questionnaire_sha256", BASE_2025.sha256)
        with watching_opens() as opened:
            documents = assert_shipped_or_refused(
                lambda: read_assessment_files(path), opened, planted_files(cwd, received)
            )
        assert documents and all(d.profile is BASE_2025 for d in documents)


# ---------------------------------------------------------------- the user's own choice


def test_score_profile_path_reads_the_users_yaml_and_an_id_the_shipped_one(tmp_path):
    mine = tmp_path / "моя.yaml"
    mine.write_text(HOSTILE_YAML, encoding="utf-8")
    assert load_profile_argument(str(mine)).parameters["meetings_target"] == 1
    assert load_profile_argument("fnpr-base") is SHIPPED[("fnpr-base", "2026.1")]
    with contextlib.chdir(tmp_path):
        (tmp_path / "fnpr-base").write_text(HOSTILE_YAML, encoding="utf-8")
        assert load_profile_argument("fnpr-base") is SHIPPED[("fnpr-base", "2026.1")]  # an installed id wins
    with pytest.raises(ProfileError, match="неизвестный профиль"):
        load_profile_argument("no-such-profile")
    with pytest.raises(ProfileError, match="файл профиля не найден"):
        load_profile_argument(str(tmp_path / "нет.yaml"))


@pytest.mark.parametrize("extends", ["../fnpr-base.yaml", "fnpr-base.yaml", "/etc/passwd", "base/fnpr-base"])
def test_extends_names_an_installed_profile_by_id_never_a_path(tmp_path, extends):
    (tmp_path / "fnpr-base.yaml").write_text(HOSTILE_YAML, encoding="utf-8")
    mine = tmp_path / "sub" / "mine.yaml"
    mine.parent.mkdir()
    mine.write_text(yaml.safe_dump({"id": "mine", "version": "1", "extends": extends}), encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile_file(mine)
    assert error.value.where == "extends"
    assert "путь к файлу здесь не принимается" in error.value.problem
