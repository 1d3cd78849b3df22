"""Importing assessment files into the database, and exporting them back (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from maturity.cli.parser import main
from maturity.engine.scoring import score
from maturity.exchange.assessment_json import read_assessment_json
from maturity.storage.models import Assessment, AssessmentScore, Organization
from maturity.storage.store import open_store
from maturity.usecases.importing import import_documents

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"  # meta.organization_id of primary-small.json


def count(store, model) -> int:
    return store.session.execute(sa.select(sa.func.count()).select_from(model)).scalar()


def write(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def small() -> dict:
    """primary-small.json as a dict, to change and write elsewhere."""
    return json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))


def test_a_folder_of_assessments_is_imported_with_organizations_and_parents(store):
    report = import_documents(store, [EXAMPLES])

    assert len(report.imported) == 3 and not report.skipped and not report.rejected
    school = store.organization_by_uid(SMALL_UID)
    assert school.name == "Первичная профсоюзная организация МБОУ «Средняя школа № 7»"
    small = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    assert (school.level, school.members) == ("primary", small["answers"]["profile.members"])
    parent = store.get_organization(school.parent_id)
    assert parent.name == "Липецкая областная организация Профсоюза работников народного образования и науки РФ"
    assert count(store, Assessment) == 3 and count(store, AssessmentScore) == 3


def test_imported_scores_are_those_of_the_method(store):
    import_documents(store, [EXAMPLES / "primary-small.json"])

    document = read_assessment_json(EXAMPLES / "primary-small.json")
    expected = score(document.profile, document.answers)
    assessment = store.get_assessment(store.organization_by_uid(SMALL_UID), document.year)
    stored = store.get_score(assessment)
    assert stored.index == pytest.approx(expected.index)
    assert store.get_kpis(assessment) == pytest.approx(expected.kpis)


def test_a_clash_is_refused_by_default_naming_the_organization_and_the_year(store):
    import_documents(store, [EXAMPLES / "primary-small.json"])

    report = import_documents(store, [EXAMPLES / "primary-small.json"])

    [rejected] = report.rejected
    assert "Средняя школа № 7" in rejected.reason and "2025" in rejected.reason
    assert not report.imported and count(store, Assessment) == 1


def test_skip_leaves_the_stored_assessment_and_replace_overwrites_it(store, small, tmp_path):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    small["answers"]["k1.structure"] = "none"
    changed = write(tmp_path, "changed.json", small)

    skipped = import_documents(store, [changed], on_conflict="skip")
    org = store.organization_by_uid(SMALL_UID)
    assert len(skipped.skipped) == 1 and store.get_assessment(org, 2025).answers["k1.structure"] != "none"

    replaced = import_documents(store, [changed], on_conflict="replace")
    assert len(replaced.imported) == 1
    assert store.get_assessment(org, 2025).answers["k1.structure"] == "none"
    assert count(store, Assessment) == 1 and count(store, AssessmentScore) == 1


def test_a_bad_file_is_rejected_with_its_reason_and_the_others_are_imported(store, small, tmp_path):
    small["answers"]["k6.members_reached"] = 10**9
    folder = tmp_path / "files"
    folder.mkdir()
    write(folder, "a-bad.json", small)
    (folder / "b-broken.json").write_text("{not json", encoding="utf-8")
    shutil.copy(EXAMPLES / "territorial-health.json", folder / "c-good.json")

    report = import_documents(store, [folder])

    assert [Path(i.source).name for i in report.rejected] == ["a-bad.json", "b-broken.json"]
    assert "k6.members_reached" in report.rejected[0].reason
    assert "не JSON" in report.rejected[1].reason
    assert [Path(i.source).name for i in report.imported] == ["c-good.json"]
    assert count(store, Assessment) == 1


def test_a_file_the_database_refuses_half_way_leaves_no_organization_behind(store, monkeypatch, small, tmp_path):
    from maturity.storage.store import Store

    write_records = Store.write_records
    small["answers"]["profile.name"] = "ППО, которую база не примет"
    small["answers"]["profile.parent"] = "Вышестоящая организация только этого файла"
    small["meta"] = {"organization_id": "22222222-2222-4222-8222-222222222222"}

    def refuse_one(self, writes, action="save"):
        if any(w.record.name == "ППО, которую база не примет" for w in writes):
            raise sa.exc.OperationalError("INSERT", {}, Exception("диск переполнен"))
        return write_records(self, writes, action)

    monkeypatch.setattr(Store, "write_records", refuse_one)
    files = [
        EXAMPLES / "primary-small.json",
        write(tmp_path, "refused.json", small),
        EXAMPLES / "territorial-health.json",
    ]

    report = import_documents(store, files)

    assert [Path(i.source).name for i in report.imported] == ["primary-small.json", "territorial-health.json"]
    assert "диск переполнен" in report.rejected[0].reason
    assert store.organizations_named("ППО, которую база не примет") == []
    assert store.organizations_named("Вышестоящая организация только этого файла") == []  # nor its parent
    assert count(store, Assessment) == 2 and count(store, AssessmentScore) == 2


def test_an_organization_is_matched_by_its_uid_even_after_a_rename(store, small, tmp_path):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    small["year"] = 2026
    small["answers"]["profile.name"] = "ППО МБОУ «Лицей № 7»"

    import_documents(store, [write(tmp_path, "renamed.json", small)])

    org = store.organization_by_uid(SMALL_UID)
    assert org.name == "ППО МБОУ «Лицей № 7»"
    assert [a.year for a in store.list_assessments(org)] == [2025, 2026]
    assert count(store, Organization) == 2  # the school and its parent, nothing new


def test_without_a_uid_an_organization_is_matched_by_exact_name_and_level(store, small, tmp_path):
    del small["meta"]["organization_id"]
    small["meta"].pop("parent_organization_id", None)
    first = write(tmp_path, "2025.json", small)
    small["year"] = 2024
    second = write(tmp_path, "2024.json", small)
    small["year"] = 2023
    small["answers"]["profile.level"] = "territorial"
    other = write(tmp_path, "other-level.json", small)

    import_documents(store, [first, second, other])

    named = store.organizations_named(small["answers"]["profile.name"])
    assert sorted((o.level, len(store.list_assessments(o))) for o in named) == [("primary", 2), ("territorial", 1)]


PARENT_UID = "11111111-2222-4333-8444-555555555555"


def parent_file(small: dict, meta: dict) -> dict:
    """The school's parent's own assessment (territorial, 15 000 members)."""
    answers = dict(
        small["answers"],
        **{
            "profile.name": small["answers"]["profile.parent"],
            "profile.level": "territorial",
            "profile.members": 15000,
        },
    )
    del answers["profile.parent"]
    return dict(small, answers=answers, meta=meta)


def test_a_placeholder_parent_is_taken_over_by_the_file_with_its_uid(store, small, tmp_path):
    small["meta"]["parent_organization_id"] = PARENT_UID
    import_documents(store, [write(tmp_path, "school.json", small)])
    placeholder = store.get_organization(store.organization_by_uid(SMALL_UID).parent_id)
    assert placeholder.placeholder and placeholder.uid == PARENT_UID and placeholder.level is None

    import_documents(store, [write(tmp_path, "parent.json", parent_file(small, {"organization_id": PARENT_UID}))])

    store.session.expire_all()
    parent = store.get_organization(placeholder.id)
    assert not parent.placeholder and parent.level == "territorial" and parent.members == 15000
    assert count(store, Organization) == 2


def test_a_placeholder_named_by_name_is_taken_over_by_a_file_without_a_uid(store, small, tmp_path):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    placeholder = store.get_organization(store.organization_by_uid(SMALL_UID).parent_id)
    assert placeholder.placeholder and placeholder.name == small["answers"]["profile.parent"]

    import_documents(store, [write(tmp_path, "parent-form.json", parent_file(small, {}))])

    store.session.expire_all()
    parent = store.get_organization(placeholder.id)
    assert not parent.placeholder and parent.level == "territorial" and parent.members == 15000
    assert count(store, Organization) == 2


def test_a_placeholder_of_its_name_is_taken_over_by_the_parents_own_file_with_another_code(store, small, tmp_path):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    placeholder = store.get_organization(store.organization_by_uid(SMALL_UID).parent_id)

    report = import_documents(
        store, [write(tmp_path, "parent.json", parent_file(small, {"organization_id": PARENT_UID}))]
    )

    store.session.expire_all()
    taken = store.get_organization(placeholder.id)
    assert not taken.placeholder and taken.members == 15000  # the parent's own file took the placeholder over
    assert store.organization_by_uid(PARENT_UID).id == placeholder.id  # its code is now that organization's too
    assert store.codes_of(taken) == [PARENT_UID]
    assert "присоединён к заготовке по наименованию" in report.imported[0].note
    assert count(store, Organization) == 2


def test_the_parent_is_found_by_its_uid_before_its_name(store, small, tmp_path):
    union = store.create_organization("Общероссийский профсоюз образования", "union")
    small["meta"]["parent_organization_id"] = union.uid  # profile.parent still names someone else

    import_documents(store, [write(tmp_path, "school.json", small)])

    assert store.organization_by_uid(SMALL_UID).parent_id == union.id


def test_documents_already_read_can_be_imported_and_progress_is_reported(store):
    documents = [read_assessment_json(p) for p in sorted(EXAMPLES.glob("*.json"))]
    calls = []

    report = import_documents(store, documents, progress_callback=lambda done, total: calls.append((done, total)))

    assert len(report.imported) == 3
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_the_summary_says_what_happened_in_russian(store):
    import_documents(store, [EXAMPLES / "primary-small.json"])

    report = import_documents(store, [EXAMPLES / "primary-small.json", EXAMPLES / "territorial-health.json"])

    assert report.summary().splitlines()[0] == "Импортировано: 1, пропущено: 0, отклонено: 1"
    assert "primary-small.json" in report.summary()


# ------------------------------------------------------------------ the command line


@pytest.fixture
def second_url(tmp_path) -> str:
    """Another empty database (a SQLite file) to carry an exported file into."""
    return f"sqlite:///{tmp_path / 'second.db'}"


def test_export_json_then_import_into_an_empty_database_gives_the_same_answers_and_scores(db_url, second_url, tmp_path):
    assert main(["import", str(EXAMPLES), "--db", db_url]) == 0
    exported = tmp_path / "exported.json"
    assert main(["export-json", "--org", SMALL_UID, "--year", "2025", "-o", str(exported), "--db", db_url]) == 0
    assert main(["import", str(exported), "--db", second_url]) == 0

    with open_store(db_url) as first, open_store(second_url) as second:
        a, b = (s.get_assessment(s.organization_by_uid(SMALL_UID), 2025) for s in (first, second))
        assert a.answers == b.answers
        assert (a.status, a.profile_id, a.profile_version) == (b.status, b.profile_id, b.profile_version)
        scores_a, scores_b = (
            s.get_score(x).model_dump(exclude={"assessment_id"}) for s, x in ((first, a), (second, b))
        )
        assert scores_a == scores_b
        assert first.get_kpis(a) == second.get_kpis(b)
        parent_a = first.get_organization(first.organization_by_uid(SMALL_UID).parent_id)
        parent_b = second.get_organization(second.organization_by_uid(SMALL_UID).parent_id)
        assert parent_a.uid == parent_b.uid


def test_export_json_by_exact_name(db_url, tmp_path):
    main(["import", str(EXAMPLES / "territorial-health.json"), "--db", db_url])
    name = json.loads((EXAMPLES / "territorial-health.json").read_text(encoding="utf-8"))["answers"]["profile.name"]

    assert main(["export-json", "--org", name, "--year", "2025", "-o", str(tmp_path / "t.json"), "--db", db_url]) == 0
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["answers"]["profile.name"] == name


def test_export_json_of_an_unknown_organization_is_bad_input_and_writes_nothing(db_url, tmp_path, capsys):
    code = main(["export-json", "--org", "Нет такой", "--year", "2025", "-o", str(tmp_path / "x.json"), "--db", db_url])

    assert code == 2
    assert "не найдена" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_the_import_command_exits_2_on_a_clash_and_names_it(db_url, capsys):
    assert main(["import", str(EXAMPLES / "primary-small.json"), "--db", db_url]) == 0
    capsys.readouterr()

    code = main(["import", str(EXAMPLES / "primary-small.json"), "--on-conflict", "fail", "--db", db_url])

    err = capsys.readouterr().err
    assert code == 2
    assert "Средняя школа № 7" in err and "2025" in err and "--on-conflict" in err


def test_the_database_can_be_given_before_the_sub_command(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    assert main(["--db", url, "import", str(EXAMPLES)]) == 0
    assert "Импортировано: 3" in capsys.readouterr().out
    with open_store(url) as store:
        assert count(store, Assessment) == 3


def test_the_import_command_uses_maturity_db(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.setenv("MATURITY_DB", url)

    assert main(["import", str(EXAMPLES / "primary-small.json")]) == 0
    with open_store(url) as store:
        assert count(store, Assessment) == 1


def test_without_a_terminal_the_import_prints_no_progress_bar_only_the_summary(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'm.db'}"

    assert main(["import", str(EXAMPLES), "--db", url]) == 0

    captured = capsys.readouterr()
    assert captured.err == ""  # stderr is not a TTY here: no bar, no counter
    assert captured.out.strip() == "Импортировано: 3, пропущено: 0, отклонено: 0"


def test_with_a_terminal_the_import_shows_a_progress_bar_on_stderr(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    url = f"sqlite:///{tmp_path / 'm.db'}"

    assert main(["import", str(EXAMPLES), "--db", url]) == 0

    err = capsys.readouterr().err
    assert "Загрузка" in err and "/3" in err


def test_two_files_for_the_same_organization_and_year_in_one_import_never_settle_it_by_file_order(
    store, small, tmp_path
):
    first = write(tmp_path, "a.json", small)
    small["answers"]["k1.structure"] = "none"
    second = write(tmp_path, "b.json", small)

    report = import_documents(store, [first, second])
    assert [Path(i.source).name for i in report.rejected] == ["b.json"]
    assert "2025" in report.rejected[0].reason

    replaced = import_documents(store, [second, first], on_conflict="replace")
    assert [Path(i.source).name for i in replaced.imported] == ["b.json"]  # replaces the stored one
    assert [Path(i.source).name for i in replaced.rejected] == ["a.json"]  # not b.json's result, silently
    assert "в этом же импорте" in replaced.rejected[0].reason and "b.json" in replaced.rejected[0].reason
    org = store.organization_by_uid(SMALL_UID)
    assert store.get_assessment(org, 2025).answers["k1.structure"] == "none"
    assert count(store, Assessment) == 1 and count(store, AssessmentScore) == 1


def test_a_large_import_in_several_batches_keeps_file_order_in_the_report(store, small, tmp_path):
    paths = []
    for number in range(7):
        small["answers"]["profile.name"] = f"ППО № {number}"
        small["meta"] = {"organization_id": f"00000000-0000-4000-8000-00000000000{number}"}
        paths.append(write(tmp_path, f"{number}.json", small))
    (tmp_path / "3.json").write_text("[]", encoding="utf-8")

    report = import_documents(store, paths, batch_size=2)

    assert [Path(i.source).name for i in report.imported] == [
        "0.json",
        "1.json",
        "2.json",
        "4.json",
        "5.json",
        "6.json",
    ]
    assert [Path(i.source).name for i in report.rejected] == ["3.json"]
    assert count(store, Assessment) == 6
