"""Profiles installed into a database (issue 14, items 1–3): a federation's own method installed by its text,
every version kept, files that carry the profile's id, version and the sha256 of its text.

The federation profile of these tests is a full copy of fnpr-base with an 11th KPI (the section and KPI of
tests/profiles/eleven-kpis.yaml, built at test time by tests/kpi_profiles.py) and a changed target
(``meetings_target`` 4 → 6). It is installed through the store — nothing is patched — then used to score,
export (JSON, workbook, blank form, consolidated report) and import into another database of the same kind,
on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kpi_profiles import profile_text
from lanes import examples

from maturity.engine.scoring import score
from maturity.errors import BadInput
from maturity.exchange.assessment_json import AssessmentFileError, parse_assessment, write_assessment_json
from maturity.exchange.blank_form import write_blank_form
from maturity.exchange.workbook_export import write_assessment_workbook
from maturity.method.catalog import INSTALLED, SHIPPED, ProfileCatalog, ProfileConflict
from maturity.method.profile import ProfileError, load_profile, shipped_profile_ids, text_sha256
from maturity.storage.journal import journal_rows
from maturity.storage.store import Store, open_store
from maturity.usecases.documents import assessment_document
from maturity.usecases.importing import import_documents
from maturity.usecases.profiles import install_profile, rescore_assessment
from maturity.usecases.report_source import export_report
from maturity.views.history_text import history_lines

ROOT = Path(__file__).resolve().parents[2]
FEDERATION = "fed-eleven"
YEAR = 2025
INSTALL_COMMAND = "maturity profiles install"


def federation_text(
    version: str = "2026.1", meetings_target: int = 6, title: str = "Методика федерации, 11 КПЭ"
) -> str:
    """fnpr-base whole, with the 11th KPI of tests/profiles/eleven-kpis.yaml and ``meetings_target`` changed."""
    from maturity.method import profile as module

    data = yaml.safe_load(profile_text("eleven-kpis", module._shipped_text))
    data.update(id=FEDERATION, version=version, title=title)
    data["parameters"]["meetings_target"] = meetings_target
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def federation_answers(profile, example_answers) -> dict:
    """primary-small.json, with the 11th KPI's questions answered (their ids read from the profile)."""
    answers = example_answers("primary-small.json")
    shipped = {k.id for k in load_profile("fnpr-base").kpis}
    [added] = [k for k in profile.kpis if k.id not in shipped]
    section = next(s for s in profile.sections if s.id == added.id)
    for question in section.questions:
        answers[question.id] = True if question.type == "bool" else 1
    return answers


@pytest.fixture
def receiver_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second empty database of the same kind as ``db_url`` (the federation's other organization)."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'receiver.db'}"
        return
    server = request.getfixturevalue("postgres_server")
    name = server.create_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


def stored_figures(store: Store, org, year: int) -> tuple[float | None, dict[str, float | None]]:
    assessment = store.get_assessment(org, year)
    return store.get_score(assessment).index, store.get_kpis(assessment)


# ---------------------------------------------------------------- the whole path, both databases


@pytest.mark.slow
def test_an_installed_federation_profile_with_an_11th_kpi_scores_exports_and_imports_where_it_is_installed(
    store, receiver_url, example_answers, tmp_path
):
    check = install_profile(store, federation_text(), "федерация.yaml")
    assert not check.already and check.entry.source == INSTALLED
    profile = store.catalog().find(FEDERATION)
    assert (len(profile.kpis), profile.parameters["meetings_target"], profile.version) == (11, 6, "2026.1")

    answers = federation_answers(profile, example_answers)
    org = store.create_organization("ППО федерации", "primary")
    store.save_assessment(org, YEAR, profile, answers)
    expected = score(profile, answers)
    index, kpis = stored_figures(store, org, YEAR)
    assert (index, kpis) == (expected.index, dict(expected.kpis)) and len(kpis) == 11
    # the changed target counts: 3 meetings of 6 is not 3 of 4
    base = load_profile("fnpr-base")
    meetings_kpi = next(k.id for k in base.kpis if any(getattr(c, "target", None) for c in k.components))
    assert expected.kpis != score(base, example_answers("primary-small.json")).kpis
    assert meetings_kpi in expected.kpis

    document = assessment_document(store, org, YEAR)
    assert document.profile.sha256 == profile.sha256
    files = {
        "json": tmp_path / "оценка.json",
        "workbook": tmp_path / "оценка.xlsx",
        "form": tmp_path / "анкета.xlsx",
        "report": tmp_path / "отчёт.xlsx",
    }
    write_assessment_json(document, files["json"])
    write_assessment_workbook(document, files["workbook"])
    write_blank_form(profile, files["form"], year=YEAR, answers=answers, meta=document.meta)
    assert export_report(store, YEAR, files["report"]) == 1
    sent = json.loads(files["json"].read_text(encoding="utf-8"))["questionnaire"]
    assert sent == {"id": FEDERATION, "version": "2026.1", "sha256": profile.sha256}

    with open_store(receiver_url) as receiver:
        for kind, path in files.items():  # not installed there: refused, naming the profile and the command
            report = import_documents(receiver, [path])
            [refused] = report.rejected
            assert FEDERATION in refused.reason and INSTALL_COMMAND in refused.reason, kind
        assert receiver.count_organizations() == 0

        install_profile(receiver, federation_text(), "федерация.yaml")
        for kind, path in files.items():
            report = import_documents(receiver, [path], on_conflict="replace")
            assert report.ok and len(report.imported) == 1, (kind, report.summary())
            [received] = [o for o in receiver.list_organizations() if not o.placeholder]  # not its parent
            assessment = receiver.get_assessment(received, YEAR)
            assert (assessment.profile_id, assessment.profile_version, assessment.profile_sha256) == (
                FEDERATION,
                "2026.1",
                profile.sha256,
            )
            assert stored_figures(receiver, received, YEAR) == (index, kpis), kind


@pytest.mark.slow
def test_a_blank_form_of_an_installed_profile_is_refused_where_another_text_has_its_version(
    store, receiver_url, example_answers, tmp_path
):
    install_profile(store, federation_text())
    profile = store.catalog().find(FEDERATION)
    form = tmp_path / "анкета.xlsx"
    write_blank_form(profile, form, year=YEAR, answers=federation_answers(profile, example_answers))
    with open_store(receiver_url) as receiver:
        install_profile(receiver, federation_text(meetings_target=5))  # the same version, another text
        [refused] = import_documents(receiver, [form]).rejected
    assert FEDERATION in refused.reason and "другому тексту этой версии" in refused.reason
    assert profile.short_hash in refused.reason and INSTALL_COMMAND in refused.reason


# ---------------------------------------------------------------- every version kept


@pytest.mark.slow
def test_an_old_assessment_keeps_its_figures_and_its_text_after_a_new_version_is_installed(
    store, example_answers, tmp_path
):
    install_profile(store, federation_text(version="2026.1", meetings_target=6))
    first = store.catalog().find(FEDERATION, "2026.1")
    answers = federation_answers(first, example_answers)
    org = store.create_organization("ППО федерации", "primary")
    store.save_assessment(org, YEAR, first, answers)
    before = stored_figures(store, org, YEAR)

    install_profile(store, federation_text(version="2026.2", meetings_target=12))
    second = store.catalog().find(FEDERATION)  # no version named: the newest installed
    assert second.version == "2026.2" and second.sha256 != first.sha256
    store.save_assessment(org, YEAR + 1, second, answers)

    assert stored_figures(store, org, YEAR) == before
    old = store.get_assessment(org, YEAR)
    assert store.profile_of(old).sha256 == first.sha256
    assert assessment_document(store, org, YEAR).profile.parameters["meetings_target"] == 6
    export_report(store, YEAR, tmp_path / "отчёт.xlsx")  # the report of last year still reads its own version
    assert stored_figures(store, org, YEAR + 1) != before  # 3 meetings of 12


@pytest.mark.subprocess
def test_an_assessment_of_a_shipped_profile_keeps_that_text_when_a_new_version_of_it_is_installed(
    store, base_profile, example_answers
):
    org = store.create_organization("ППО", "primary")
    store.save_assessment(org, YEAR, base_profile, example_answers("primary-small.json"))
    before = stored_figures(store, org, YEAR)
    data = yaml.safe_load(base_profile.text)
    data.update(version="2025.2")  # a new version of 2025.1 (2026.1 is shipped)
    data["parameters"]["meetings_target"] = 9
    install_profile(store, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    kept = {(e.id, e.version, e.source) for e in store.catalog().entries()}
    assert ("fnpr-base", base_profile.version, SHIPPED) in kept and ("fnpr-base", "2025.2", INSTALLED) in kept
    shipped = load_profile(base_profile.id, base_profile.version)  # the shipped text as loaded now
    assert store.profile_of(store.get_assessment(org, YEAR)) is shipped and shipped.text == base_profile.text
    assert stored_figures(store, org, YEAR) == before


@pytest.mark.slow
def test_rescoring_with_a_newer_version_is_explicit_and_recorded_in_the_history(store, example_answers):
    install_profile(store, federation_text(version="2026.1", meetings_target=6))
    first = store.catalog().find(FEDERATION, "2026.1")
    answers = federation_answers(first, example_answers)
    org = store.create_organization("ППО федерации", "primary")
    store.save_assessment(org, YEAR, first, answers)
    install_profile(store, federation_text(version="2026.2", meetings_target=12))
    second = store.catalog().find(FEDERATION, "2026.2")

    done = rescore_assessment(store, store.stored_id(org), YEAR, "2026.2", by="Иванова")

    assert (done.before_version, done.after_version) == ("2026.1", "2026.2")
    assert stored_figures(store, org, YEAR) == (score(second, answers).index, dict(score(second, answers).kpis))
    assessment = store.get_assessment(org, YEAR)
    assert (assessment.profile_version, assessment.profile_sha256) == ("2026.2", second.sha256)
    [rescore] = store.rescores(assessment)
    assert (rescore.from_version, rescore.from_sha256, rescore.to_version, rescore.to_sha256, rescore.rescored_by) == (
        "2026.1",
        first.sha256,
        "2026.2",
        second.sha256,
        "Иванова",
    )
    lines = history_lines(org.name, [(assessment, done.after_index, [rescore])])
    assert any("пересчитана" in line and "2026.2" in line and "была 2026.1" in line for line in lines)
    with pytest.raises(BadInput, match="уже рассчитана по версии 2026.2"):
        rescore_assessment(store, store.stored_id(org), YEAR, "2026.2")
    journal = journal_rows(store.session)  # the save, both installs and the rescore, index before → after
    assert [(e.action, e.year) for e in journal] == [("profile", None), ("save", YEAR), ("profile", None),
                                                     ("rescore", YEAR)]  # fmt: skip
    assert journal[2].detail == {"profile": FEDERATION, "version": "2026.2", "sha256": second.sha256}
    assert (journal[3].index_before, journal[3].index_after) == (score(first, answers).index, done.after_index)


# ---------------------------------------------------------------- refusals

plain_ids = st.text(string.ascii_lowercase + string.digits + "-_", min_size=1, max_size=30).filter(
    lambda s: s[0].isalnum() and s not in shipped_profile_ids()
)
hashes = st.text("0123456789abcdef", min_size=64, max_size=64)


@settings(max_examples=examples(60), deadline=None)
@given(profile_id=plain_ids)
def test_a_file_naming_an_unknown_profile_is_refused_naming_it_and_how_to_install_it(profile_id):
    data = json.loads((ROOT / "examples" / "primary-small.json").read_text(encoding="utf-8"))
    data["questionnaire"] = {"id": profile_id, "version": "2026.1"}
    with pytest.raises(AssessmentFileError) as refused:
        parse_assessment(data, "оценка.json", ProfileCatalog())
    assert f"«{profile_id}»" in str(refused.value) and INSTALL_COMMAND in str(refused.value)


@settings(max_examples=examples(60), deadline=None)
@given(sha256=hashes)
def test_a_file_whose_hash_differs_from_the_installed_text_is_refused(sha256):
    base = load_profile("fnpr-base", "2025.1")  # pinned: the message below names 2025.1
    data = json.loads((ROOT / "examples" / "primary-small.json").read_text(encoding="utf-8"))
    data["questionnaire"] = {"id": base.id, "version": base.version, "sha256": sha256}
    if sha256 == base.sha256:
        assert parse_assessment(data, "оценка.json", ProfileCatalog()).profile is base
        return
    with pytest.raises(AssessmentFileError) as refused:
        parse_assessment(data, "оценка.json", ProfileCatalog())
    message = str(refused.value)
    assert "«fnpr-base» версии 2025.1" in message and sha256[:12] in message and INSTALL_COMMAND in message


def test_a_file_without_a_hash_is_read_with_the_text_of_its_id_and_version():
    data = json.loads((ROOT / "examples" / "primary-small.json").read_text(encoding="utf-8"))
    assert "sha256" not in data["questionnaire"]
    assert parse_assessment(data, "оценка.json", ProfileCatalog()).profile is load_profile("fnpr-base", "2025.1")


@pytest.mark.slow
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=st.text(string.ascii_letters + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя ", min_size=1, max_size=40).filter(
        str.strip
    )
)  # a title shows something (issue 26)
def test_another_text_under_an_installed_version_is_refused_and_nothing_changes(title):
    catalog = ProfileCatalog()
    installed = catalog.check_install(federation_text())
    catalog = catalog.with_texts([installed.entry])
    changed = federation_text(title=title)
    if text_sha256(changed) == installed.entry.sha256:
        assert catalog.check_install(changed).already
        return
    with pytest.raises(ProfileConflict, match="методика изменилась — дайте ей новую версию"):
        catalog.check_install(changed)


@pytest.mark.slow
def test_installing_the_same_text_again_changes_nothing_and_another_text_is_refused_in_the_database(store):
    first = install_profile(store, federation_text())
    again = install_profile(store, federation_text())
    assert again.already and "ничего не изменено" in again.message
    with pytest.raises(ProfileConflict, match="методика изменилась — дайте ей новую версию"):
        install_profile(store, federation_text(meetings_target=7))
    kept = [e for e in store.catalog().entries() if e.id == FEDERATION]
    assert [e.sha256 for e in kept] == [first.entry.sha256]


def test_a_changed_shipped_profile_under_its_shipped_version_is_refused(store, base_profile):
    changed = base_profile.text.replace("meetings_target: 4", "meetings_target: 5", 1)
    assert changed != base_profile.text
    with pytest.raises(ProfileConflict, match="встроенная в программу.*дайте ей новую версию"):
        install_profile(store, changed)


@pytest.mark.slow
def test_a_profile_text_with_errors_gets_each_problem_with_its_place_in_russian():
    data = yaml.safe_load(federation_text())
    data["parameters"]["meetings_target"] = -1
    data["roadmap"]["steps_per_quarter"] = "много"
    text = yaml.safe_dump(data, allow_unicode=True)
    [schema] = ProfileCatalog().problems(text)  # the schema's errors first, each with its place, in Russian
    assert (schema.where, schema.problem) == ("roadmap.steps_per_quarter", "ожидалось целое число")
    data["roadmap"]["steps_per_quarter"] = 3
    [reference] = ProfileCatalog().problems(yaml.safe_dump(data, allow_unicode=True))
    assert reference.where == "parameters.meetings_target" and "положительным" in reference.problem
    with pytest.raises(ProfileError, match="roadmap.steps_per_quarter"):
        ProfileCatalog().validate(text)
    assert ProfileCatalog().problems(federation_text()) == []


@pytest.mark.slow
@settings(max_examples=examples(15), deadline=None)
@given(version=st.one_of(st.text(max_size=60), st.sampled_from(["../2026", "2026 1", "x" * 51, "", "2026.1\n"])))
def test_a_version_that_is_not_a_plain_number_is_refused_in_russian(version):
    text = federation_text(version=version)
    try:
        profile = ProfileCatalog().validate(text)
    except ProfileError as refused:
        assert refused.where in ("version", "") and "Traceback" not in str(refused)
    else:
        assert (
            profile.version == version
            and len(version) <= 50
            and version.replace(".", "").replace("-", "").replace("_", "").isalnum()
            and version.isascii()
        )


# ---------------------------------------------------------------- the command line


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity", *args], capture_output=True, text=True, timeout=180, cwd=ROOT
    )


ENGLISH = ("Traceback", "usage:", "error:", "Error")


@pytest.mark.subprocess
def test_the_profiles_commands_install_list_show_and_refuse_with_exit_2_in_russian(tmp_path):
    db = ["--db", f"sqlite:///{tmp_path / 'база.db'}"]
    good = tmp_path / "федерация.yaml"
    good.write_text(federation_text(), encoding="utf-8")
    changed = tmp_path / "изменённая.yaml"
    changed.write_text(federation_text(meetings_target=7), encoding="utf-8")
    broken = tmp_path / "ошибка.yaml"
    data = yaml.safe_load(federation_text(version="2026.3"))
    data["parameters"]["meetings_target"] = -2
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    installed = maturity("profiles", "install", str(good), *db)
    assert installed.returncode == 0, installed.stderr
    sha = text_sha256(ProfileCatalog().validate(federation_text()).text)
    listed = maturity("profiles", *db)
    assert f"{FEDERATION}\t2026.1\tМетодика федерации, 11 КПЭ\tустановлена\t{sha[:12]}" in listed.stdout.splitlines()
    shown = maturity("profiles", "show", FEDERATION, *db)
    assert shown.returncode == 0 and text_sha256(shown.stdout) == sha

    refusals = {
        "conflict": (maturity("profiles", "install", str(changed), *db), "методика изменилась — дайте ей новую версию"),
        "schema": (maturity("profiles", "install", str(broken), *db), "parameters.meetings_target"),
        "missing": (maturity("profiles", "install", str(tmp_path / "нет.yaml"), *db), "не найден"),
        "unknown": (maturity("profiles", "show", "fed-nope", *db), INSTALL_COMMAND),
        "version": (maturity("profiles", "show", FEDERATION, "--version", "1999.1", *db), "версия «1999.1»"),
        "rescore": (
            maturity("rescore", "--org", "Нет такой", "--year", "2025", "--version", "2026.1", *db),
            "не найдена",
        ),
    }
    for name, (run, words) in refusals.items():
        assert run.returncode == 2, (name, run.stderr)
        assert words in run.stderr, (name, run.stderr)
        assert not any(word in run.stderr for word in ENGLISH), (name, run.stderr)
    assert maturity("profiles", *db).stdout == listed.stdout  # the refusals changed nothing


@pytest.mark.subprocess
def test_template_and_score_use_the_profiles_of_the_database_named_by_db(tmp_path):
    db = ["--db", f"sqlite:///{tmp_path / 'база.db'}"]
    good = tmp_path / "федерация.yaml"
    good.write_text(federation_text(), encoding="utf-8")
    assert maturity("profiles", "install", str(good), *db).returncode == 0
    form = tmp_path / "анкета.xlsx"
    made = maturity("template", "--profile", FEDERATION, "--year", "2025", "-o", str(form), *db)
    assert made.returncode == 0, made.stderr
    other = tmp_path / "другая.db"  # a database without the profile (not created by a command that only reads)
    elsewhere = maturity(
        "template", "--profile", FEDERATION, "-o", str(tmp_path / "другая.xlsx"), "--db", f"sqlite:///{other}"
    )
    assert elsewhere.returncode == 2 and INSTALL_COMMAND in elsewhere.stderr and not other.exists()
    scored = maturity("score", str(form), *db)  # an empty form: refused for its answers, not for its method
    assert scored.returncode == 2 and "методика" not in scored.stderr, scored.stderr
