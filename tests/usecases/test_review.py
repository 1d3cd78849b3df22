"""Official figures: accept → locked → reopen → replaced, all in the journal; return with comments → the
corrected file → received. Both databases."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from workbook_helpers import EXAMPLES

from maturity.cli.parser import main
from maturity.errors import BadInput
from maturity.storage.models import AssessmentReview, JournalEntry
from maturity.storage.store import AssessmentLocked
from maturity.usecases.importing import import_documents
from maturity.usecases.journal import entries
from maturity.usecases.review import decide, review_of

SMALL_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"


def small() -> dict:
    return json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))


def write(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_accept_locks_reopen_unlocks_and_the_journal_holds_all_four_with_the_files_sha256(store, db_url, tmp_path):
    first = EXAMPLES / "primary-small.json"
    import_documents(store, [first])
    org = store.organization_by_uid(SMALL_UID)
    stored_index = store.get_score(store.get_assessment(org, 2025)).index
    store.actor = "territory-clerk"
    decide(store, org, 2025, "accept", "всё сходится")
    changed = small()
    changed["answers"]["k1.structure"] = "none"
    path = write(tmp_path, "исправленный.json", changed)

    refused = import_documents(store, [path], on_conflict="replace")

    [rejected] = refused.rejected
    assert "принята" in rejected.reason and "territory-clerk" in rejected.reason
    assert f"maturity review reopen --org {SMALL_UID} --year 2025" in rejected.reason
    assert store.get_assessment(org, 2025).answers["k1.structure"] != "none"

    decide(store, org, 2025, "reopen")
    replaced = import_documents(store, [path], on_conflict="replace")

    assert len(replaced.imported) == 1
    new_index = store.get_score(store.get_assessment(org, 2025)).index
    assert new_index != stored_index
    journal = entries(store, org, 2025)
    assert [e.action for e in journal] == ["import", "accept", "reopen", "replace"]
    assert journal[0].file_sha256 == sha(first) and journal[3].file_sha256 == sha(path)
    assert journal[3].file_name == str(path)
    assert (journal[3].index_before, journal[3].index_after) == (pytest.approx(stored_index), pytest.approx(new_index))
    assert {e.os_user for e in journal[1:]} == {"territory-clerk"}
    role = store.session.execute(sa.text("SELECT current_user")).scalar() if "postgresql" in db_url else None
    assert {e.db_role for e in journal} == {role}  # on PostgreSQL the server's role, on SQLite none
    assert review_of(store, org, 2025).state == "received"


def test_a_save_over_an_accepted_assessment_is_refused_naming_who_accepted_it(store, base_profile):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    org = store.organization_by_uid(SMALL_UID)
    store.actor = "Петрова"
    decide(store, org, 2025, "accept")
    answers = dict(store.get_assessment(org, 2025).answers)

    with pytest.raises(AssessmentLocked, match="Петрова") as refused:
        store.save_assessment(org, 2025, base_profile, {**answers, "k1.structure": "none"})

    assert "review reopen" in str(refused.value)
    assert store.get_assessment(org, 2025).answers["k1.structure"] != "none"
    assert [e.action for e in entries(store, org, 2025)] == ["import", "accept"]


def test_a_returned_assessment_carries_its_comments_and_a_corrected_file_makes_it_received(store, tmp_path):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    org = store.organization_by_uid(SMALL_UID)

    decide(store, org, 2025, "return", "проверьте численность", {"k1.structure": "укажите, кто ведёт сайт"})

    review = review_of(store, org, 2025)
    assert review.state == "returned"
    assert review.returned_comments == ("проверьте численность", {"k1.structure": "укажите, кто ведёт сайт"})
    corrected = write(tmp_path, "corrected.json", small())
    assert len(import_documents(store, [corrected], on_conflict="replace").imported) == 1
    assert review_of(store, org, 2025).state == "received"
    assert [e.action for e in entries(store, org, 2025)] == ["import", "return", "replace"]


def test_a_comment_on_a_question_the_method_does_not_have_is_refused_and_nothing_is_written(store):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    org = store.organization_by_uid(SMALL_UID)

    with pytest.raises(BadInput, match="нет вопроса"):
        decide(store, org, 2025, "return", "", {"no.such.question": "?"})

    assert review_of(store, org, 2025).state == "received"
    assert [e.action for e in entries(store, org, 2025)] == ["import"]


@pytest.mark.parametrize(
    ("steps", "refused"),
    [(["reopen"], "не принята"), (["accept", "accept"], "уже принята"), (["accept", "return"], "снимите приёмку")],
)
def test_a_step_that_does_not_follow_from_the_state_is_refused(store, steps, refused):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    org = store.organization_by_uid(SMALL_UID)
    *before, last = steps
    for step in before:
        decide(store, org, 2025, step)

    with pytest.raises(BadInput, match=refused):
        decide(store, org, 2025, last, "что-то")


def journal_rows(store) -> list[tuple]:
    return [tuple(row) for row in store.session.execute(sa.select(JournalEntry.__table__)).all()]


STEPS = ["accept", "return", "reopen", "replace", "save", "merge-away"]


@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(STEPS), min_size=1, max_size=7), structures=st.data())
def test_every_write_appends_to_the_journal_no_entry_changes_and_an_accepted_assessment_never_changes(
    store, base_profile, tmp_path, steps, structures
):
    store.session.execute(sa.delete(AssessmentReview.__table__))
    store.session.commit()
    import_documents(store, [EXAMPLES / "primary-small.json"], on_conflict="replace")
    org = store.organization_by_uid(SMALL_UID)
    options = [o.id for o in base_profile.question("k1.structure").options]
    for step in steps:
        before = journal_rows(store)
        stored = dict(store.get_assessment(org, 2025).answers)
        locked = review_of(store, org, 2025).state == "accepted"
        changed = {**stored, "k1.structure": structures.draw(st.sampled_from(options))}
        try:
            if step == "replace":
                data = small()
                data["answers"] = {**data["answers"], "k1.structure": changed["k1.structure"]}
                report = import_documents(store, [write(tmp_path, "файл.json", data)], on_conflict="replace")
                assert bool(report.rejected) == locked  # an accepted assessment: refused, naming who accepted it
            elif step == "save":
                store.save_assessment(org, 2025, base_profile, changed)
                assert not locked
            elif step == "merge-away":
                from maturity.usecases.merging import merge_organizations

                other = store.create_organization("Дубликат для объединения", "primary")
                merge_organizations(store, org, other)
            else:
                decide(store, org, 2025, step, "комментарий")
        except BadInput:
            assert step != "save" or locked
        after = journal_rows(store)
        assert after[: len(before)] == before  # nothing earlier changed or went
        if locked and step in ("replace", "save"):
            assert dict(store.get_assessment(org, 2025).answers) == stored and after == before


def test_no_statement_in_the_program_updates_or_deletes_the_journal():
    root = Path(__file__).resolve().parents[2]
    sources = [*root.glob("maturity/**/*.py"), *root.glob("ui/**/*.py")]
    offending = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for needle in ("JOURNAL.update", "JOURNAL.delete", "UPDATE journal", "DELETE FROM journal",
                       "JournalEntry.__table__.delete", "JournalEntry.__table__.update", "delete(JournalEntry"):  # fmt: skip
            if needle in text:
                offending.append(f"{path.relative_to(root)}: {needle}")
    assert not offending


def test_review_and_journal_commands_print_in_russian_and_refuse_with_exit_2(store, db_url, capsys):
    import_documents(store, [EXAMPLES / "primary-small.json"])

    assert main(["review", "return", "--org", SMALL_UID, "--year", "2025", "--db", db_url,
                 "--comment", "проверьте", "--on", "k1.structure=кто ведёт сайт?"]) == 0  # fmt: skip
    assert "возвращена на доработку" in capsys.readouterr().out
    assert main(["review", "reopen", "--org", SMALL_UID, "--year", "2025", "--db", db_url]) == 2
    assert "не принята" in capsys.readouterr().err
    assert main(["review", "return", "--org", SMALL_UID, "--year", "2025", "--db", db_url, "--on", "безравенства"]) == 2
    assert main(["review", "accept", "--org", SMALL_UID, "--year", "2025", "--db", db_url]) == 0
    capsys.readouterr()

    assert main(["journal", "--org", SMALL_UID, "--json", "--db", db_url]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [e["action"] for e in document] == ["import", "return", "accept"]
    assert document[1]["detail"]["questions"] == {"k1.structure": "кто ведёт сайт?"}
    assert main(["journal", "--year", "2025", "--db", db_url]) == 0
    text = capsys.readouterr().out
    assert "возвращена на доработку" in text and "принята" in text and "Записей: 3" in text
    assert main(["status", "--year", "2025", "--json", "--db", db_url]) == 0
    rows = json.loads(capsys.readouterr().out)["organizations"]
    assert {r["organization_id"]: r["review"] for r in rows}[SMALL_UID] == "accepted"
    assert main(["status", "--year", "2025", "--db", db_url]) == 0
    assert "принято 1" in capsys.readouterr().out


def build_group(store):
    """Six primaries of one size band, «ППО №5» with 400 appeals against 10–14 (and 12 last year); and a
    real grower: its members went from 85 to 600 and its subscribers with them. Returns the grower."""
    base = small()["answers"]
    profile = store.catalog().find("fnpr-base", None, None)
    for number, appeals in enumerate([12, 10, 14, 11, 13, 400]):
        org = store.create_organization(f"ППО №{number}", "primary")
        store.save_assessment(org, 2024, profile, {**base, "profile.name": org.name})
        store.save_assessment(org, 2025, profile, {**base, "profile.name": org.name, "k7.appeals": appeals})
    grower = store.create_organization("ППО, к которой присоединились шесть", "primary")
    store.save_assessment(grower, 2024, profile, {**base, "profile.name": grower.name})
    store.save_assessment(grower, 2025, profile, {**base, "profile.name": grower.name, "profile.members": 600,
                                                  "profile.employees": 700, "k4.subscribers": 300,
                                                  "k4.main_subscribers": 280})  # fmt: skip
    return grower


def test_review_check_finds_the_outlier_of_a_hand_built_group_and_not_the_real_grower(store, db_url, capsys):
    profile = store.catalog().find("fnpr-base", None, None)
    grower = build_group(store)
    capsys.readouterr()

    assert main(["review", "check", "--year", "2025", "--json", "--db", db_url]) == 0

    findings = json.loads(capsys.readouterr().out)["findings"]
    flagged = {(f["name"], f["question_id"], f["kind"]) for f in findings}
    assert ("ППО №5", "k7.appeals", "far") in flagged and ("ППО №5", "k7.appeals", "jump") in flagged
    assert not [f for f in findings if f["name"] == grower.name]
    assert all(f["name"] == "ППО №5" for f in findings)
    appeals = next(f for f in findings if f["kind"] == "far")
    assert appeals["question"] == profile.question("k7.appeals").text and appeals["reference"] == 12.5
    assert main(["review", "check", "--year", "2025", "--db", db_url]) == 0
    text = capsys.readouterr().out
    assert "«ППО №5»" in text and "далеко от группы" in text and "рост больше чем в пять раз" in text


def test_the_journal_of_an_organization_keeps_the_entries_of_a_record_merged_into_it(store):
    from maturity.usecases.merging import merge_organizations

    import_documents(store, [EXAMPLES / "primary-small.json"])
    merged = store.organization_by_uid(SMALL_UID)
    keep = store.create_organization("ППО, в которую влили запись", "primary")

    merge_organizations(store, keep, merged)

    journal = entries(store, store.get_organization(keep.id))
    assert [(e.action, e.organization_uid) for e in journal] == [("import", SMALL_UID), ("merge", keep.uid)]
    assert journal[1].detail["merged_uid"] == SMALL_UID


def test_a_draft_is_not_accepted_but_may_be_returned(store, base_profile):
    org = store.create_organization("ППО с черновиком", "primary")
    answers = {k: v for k, v in small()["answers"].items() if not k.startswith("k1.")}
    store.save_assessment(org, 2025, base_profile, {**answers, "profile.name": org.name})

    with pytest.raises(BadInput, match="черновик"):
        decide(store, org, 2025, "accept")

    decide(store, org, 2025, "return", "заполните раздел К1")
    assert review_of(store, org, 2025).state == "returned"
    assert [e.action for e in entries(store, org, 2025)] == ["save", "return"]


def test_the_journal_and_a_refusal_show_the_time_of_the_users_clock(store, monkeypatch):
    import time

    from maturity.usecases.journal import cells

    monkeypatch.setenv("TZ", "Asia/Yekaterinburg")  # UTC+5, no summer time
    time.tzset()
    try:
        import_documents(store, [EXAMPLES / "primary-small.json"])
        org = store.organization_by_uid(SMALL_UID)
        decide(store, org, 2025, "accept")
        [imported, accepted] = entries(store, org, 2025)
        utc = accepted.at if accepted.at.tzinfo else accepted.at.replace(tzinfo=UTC)
        shown = (utc + timedelta(hours=5)).strftime("%d.%m.%Y %H:%M")
        assert cells(accepted)[0].startswith(shown)
        with pytest.raises(AssessmentLocked, match=shown.replace(".", r"\.")):
            store.save_assessment(org, 2025, store.profile_of(store.get_assessment(org, 2025)), small()["answers"])
    finally:
        monkeypatch.undo()
        time.tzset()
