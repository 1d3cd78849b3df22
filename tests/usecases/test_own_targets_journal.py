"""Every change of an organization's own targets is in the journal (both databases): set, changed, removed, from the
app's save and from a file; an accepted year's targets do not change; the entries replay to the kept targets."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from workbook_helpers import EXAMPLES

from maturity.cli.parser import main
from maturity.engine.own_targets import Decision, OwnTargets, federation_value, target_slots, value_bounds
from maturity.exchange.assessment_json import AssessmentDocument, write_assessment_json
from maturity.method.profile import load_profile
from maturity.storage.journal import journal_rows
from maturity.storage.own_targets import get_own_targets
from maturity.storage.own_targets_journal import replayed
from maturity.storage.store import AssessmentLocked
from maturity.usecases.importing import import_documents
from maturity.usecases.journal import cells, entries
from maturity.usecases.own_targets import save_targets
from maturity.usecases.review import decide

DECISION = Decision("Президиум профкома", "7", "2025-12-18")
SMALL_UID = "7f0c2a9e-3b41-4d8e-9c55-1a2b3c4d5e01"  # examples/primary-small.json (2025)


def targets_entries(store, org):
    return [e for e in entries(store, org) if e.action == "targets"]


def test_set_change_and_remove_each_write_one_entry_naming_the_targets_old_and_new(store):
    org = store.create_organization("ППО «Волга»", "primary")
    save_targets(store, org, 2026, {"funding_target_share": 0.06, "meetings_target": 6}, DECISION)
    save_targets(store, org, 2026, {"funding_target_share": 0.06, "meetings_target": 6}, DECISION)  # no change
    save_targets(store, org, 2026, {"funding_target_share": 0.075, "campaigns_target": 5}, DECISION)
    save_targets(store, org, 2026, {}, Decision())

    first, second, third = targets_entries(store, org)
    assert [e.detail["kind"] for e in (first, second, third)] == ["set", "change", "clear"]
    assert {(e.organization_uid, e.organization_name, e.year) for e in (first, second, third)} == {
        (org.uid, "ППО «Волга»", 2026)
    }
    assert second.detail["values"] == {
        "funding_target_share": [0.06, 0.075],
        "meetings_target": [6.0, None],
        "campaigns_target": [None, 5.0],
    }
    assert "decision" not in second.detail  # the decision did not change
    assert third.detail["decision"] == [{"body": "Президиум профкома", "number": "7", "date": "2025-12-18"},
                                        {"body": "", "number": "", "date": None}]  # fmt: skip
    when, _who, action, name, year, index, note = cells(first)
    assert (action, name, year, index) == ("целевые показатели утверждены", "ППО «Волга»", "2026", "—")
    assert note == (
        "решение: — → Президиум профкома № 7 от 18.12.2025; "
        "Целевая доля расходов на информационную работу в бюджете: — → 6\u00a0%; "
        "Целевое число информационных собраний в год: — → 6"
    )
    assert cells(second)[2] == "целевые показатели изменены"
    assert cells(second)[6] == (
        "Целевая доля расходов на информационную работу в бюджете: 6\u00a0% → 7,5\u00a0%; "
        "Целевое число информационных собраний в год: 6 → —; Целевое число акций и кампаний в год: — → 5"
    )
    assert cells(third)[2] == "целевые показатели удалены"
    assert get_own_targets(store, org.id, 2026) is None


def test_targets_of_one_label_are_told_apart_by_their_parameter(store):
    org = store.create_organization("ППО «Волга»", "primary")
    save_targets(store, org, 2026, {"commission_meetings_target": 3, "press_meetings_target": 10}, Decision())
    (entry,) = targets_entries(store, org)
    assert cells(entry)[6] == (
        "Цель: Системность информационного взаимодействия (commission_meetings_target): — → 3; "
        "Цель: Системность информационного взаимодействия (press_meetings_target): — → 10"
    )


def test_a_refused_value_writes_neither_the_targets_nor_an_entry(store):
    org = store.create_organization("ППО «Волга»", "primary")
    save_targets(store, org, 2026, {"funding_target_share": 0.06}, DECISION)
    with pytest.raises(Exception, match="нижнюю границу"):
        save_targets(store, org, 2026, {"funding_target_share": 0.03}, DECISION)
    assert len(targets_entries(store, org)) == 1
    assert get_own_targets(store, org.id, 2026).values == {"funding_target_share": 0.06}


def test_an_accepted_years_targets_are_refused_naming_who_accepted_and_change_once_reopened(store, db_url, capsys):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    org = store.organization_by_uid(SMALL_UID)
    save_targets(store, org, 2025, {"meetings_target": 6}, DECISION)
    decide(store, org, 2025, "accept")
    before = len(journal_rows(store.session))

    with pytest.raises(AssessmentLocked) as refused:
        save_targets(store, org, 2025, {"meetings_target": 8}, DECISION)
    reason = str(refused.value)
    assert f"на 2025 год не меняются: оценка за 2025 год принята ({store.actor}," in reason
    assert f"maturity review reopen --org {SMALL_UID} --year 2025" in reason
    assert get_own_targets(store, org.id, 2025).values == {"meetings_target": 6.0}
    assert len(journal_rows(store.session)) == before
    save_targets(store, org, 2025, {"meetings_target": 6}, DECISION)  # nothing changes: nothing refused
    save_targets(store, org, 2026, {"meetings_target": 8}, DECISION)  # the next year is not accepted

    decide(store, org, 2025, "reopen")
    save_targets(store, org, 2025, {"meetings_target": 8}, DECISION)
    assert get_own_targets(store, org.id, 2025).values == {"meetings_target": 8.0}
    assert [(e.year, e.detail["kind"]) for e in targets_entries(store, org)] == [
        (2025, "set"), (2026, "set"), (2025, "change")
    ]  # fmt: skip

    assert main(["journal", "--org", SMALL_UID, "--year", "2025", "--db", db_url]) == 0
    text = capsys.readouterr().out
    assert "целевые показатели утверждены" in text and "целевые показатели изменены" in text
    assert "Целевое число информационных собраний в год: 6 →" in text and "Записей: 5" in text
    assert main(["journal", "--org", SMALL_UID, "--json", "--db", db_url]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [e["action"] for e in document] == ["import", "targets", "accept", "targets", "reopen", "targets"]
    assert document[-1]["detail"]["values"] == {"meetings_target": [6.0, 8.0]}


def test_a_file_carrying_targets_writes_an_entry_naming_the_file_and_one_saying_the_same_writes_none(
    store, current_base_profile, example_answers, tmp_path
):
    def file_with(name, targets, uid=None):
        path = tmp_path / name
        meta = {"organization_id": uid} if uid else {}
        document = AssessmentDocument(current_base_profile, 2026, example_answers("primary-small.json"),
                                      meta=meta, own_targets=targets)  # fmt: skip
        write_assessment_json(document, path)
        return path

    first = file_with("first.json", OwnTargets(2026, {"funding_target_share": 0.07}, DECISION))
    assert import_documents(store, [first]).ok
    (org,) = [o for o in store.list_organizations() if not o.placeholder]
    again = file_with("again.json", OwnTargets(2026, {"funding_target_share": 0.07}, DECISION), org.uid)
    assert import_documents(store, [again], on_conflict="replace").ok
    bare = file_with("bare.json", None, org.uid)
    assert import_documents(store, [bare], on_conflict="replace").ok
    changed = file_with("changed.json", OwnTargets(2026, {"funding_target_share": 0.09}, DECISION), org.uid)
    assert import_documents(store, [changed], on_conflict="replace").ok

    set_entry, change_entry = targets_entries(store, org)
    assert (set_entry.detail["kind"], set_entry.file_name, set_entry.year) == ("set", str(first), 2026)
    assert set_entry.file_sha256 is not None and len(set_entry.file_sha256) == 64
    assert (change_entry.detail["kind"], change_entry.file_name) == ("change", str(changed))
    assert change_entry.detail["values"] == {"funding_target_share": [0.07, 0.09]}
    assert cells(change_entry)[6].startswith("changed.json (sha256 ")
    assert cells(change_entry)[6].endswith(
        "Целевая доля расходов на информационную работу в бюджете: 7\u00a0% → 9\u00a0%"
    )


# --------------------------------------------------------------------------- the property

PROFILE = load_profile()
SLOTS = target_slots(PROFILE)


def _values_of(slot):
    """A few values the method takes for the slot: the federation's, more and (but for a floor) less demanding."""
    federation = federation_value(PROFILE, slot, "primary")
    low, high = value_bounds(PROFILE, slot)
    factors = [1.0, 0.5, 0.25] if slot.one_per_members else [1.0, 1.5, 2.0, *([] if slot.floor else [0.5])]
    return sorted({max(min(federation * f, high if high is not None else federation * f), low) for f in factors})


VALUES = {slot.id: _values_of(slot) for slot in SLOTS}
edits = st.lists(
    st.one_of(
        st.tuples(
            st.lists(st.sampled_from(sorted(VALUES)), unique=True, max_size=5).flatmap(
                lambda keys: st.fixed_dictionaries({k: st.sampled_from(VALUES[k]) for k in keys})
            ),
            st.sampled_from([Decision(), DECISION, Decision("Профком", "3", "2026-01-15")]),
        ),
        st.just(None),  # «remove them»: no values, no decision
    ),
    min_size=1,
    max_size=8,
)
numbers = itertools.count()


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=edits, year=st.sampled_from([2025, 2026]))
def test_the_journal_replays_to_the_kept_targets_whatever_the_edits(store, sequence, year):
    org = store.create_organization(f"ППО №{next(numbers)}", "primary")
    changes = 0
    replay: OwnTargets | None = None
    for edit in sequence:
        values, decision = edit if edit is not None else ({}, Decision())
        kept_before = get_own_targets(store, org.id, year)
        save_targets(store, org, year, values, decision)
        kept = get_own_targets(store, org.id, year)
        changes += kept != kept_before
        rows = targets_entries(store, org)
        assert len(rows) == changes
        if kept != kept_before:  # the new entry starts from what was kept, and ends at what is kept now
            befores = {k: old for k, (old, _) in rows[-1].detail["values"].items()}
            assert befores == {k: (replay.values.get(k) if replay else None) for k in befores}
        replay = replayed(rows, year)
        assert replay == kept
    assert all(row.year == year and row.organization_uid == org.uid for row in targets_entries(store, org))


def test_a_merge_moves_the_others_targets_into_the_journal_and_refuses_two_different_ones_of_a_year(store):
    from maturity.errors import BadInput
    from maturity.usecases.merging import merge_organizations

    keep = store.create_organization("ППО «Волга»", "primary", uid="код-волга")
    other = store.create_organization("ППО Волга (вторая запись)", "primary", uid="код-волга-2")
    save_targets(store, keep, 2026, {"meetings_target": 6}, DECISION)
    save_targets(store, other, 2026, {"meetings_target": 8}, DECISION)
    save_targets(store, other, 2027, {"campaigns_target": 5}, DECISION)
    with pytest.raises(BadInput, match="разные целевые показатели на 2026 год"):
        merge_organizations(store, keep, other)
    assert get_own_targets(store, other.id, 2027) is not None  # refused: nothing changed

    save_targets(store, other, 2026, {"meetings_target": 6}, DECISION)  # the same as KEEP's: no clash
    merge_organizations(store, keep, other)
    assert get_own_targets(store, keep.id, 2026).values == {"meetings_target": 6.0}
    assert get_own_targets(store, keep.id, 2027).values == {"campaigns_target": 5.0}
    moved = targets_entries(store, keep)[-1]  # the journal of KEEP holds OTHER's entries too (its old code)
    assert (moved.organization_uid, moved.year, moved.detail["kind"]) == ("код-волга", 2027, "set")
    assert moved.detail["merged_uid"] == "код-волга-2"
    rows = journal_rows(store.session, ["код-волга"])
    assert replayed(rows, 2026) == get_own_targets(store, keep.id, 2026)
    assert replayed(rows, 2027) == get_own_targets(store, keep.id, 2027)


def test_a_file_bringing_other_targets_for_an_accepted_year_is_refused_whole(store, tmp_path):
    import_documents(store, [EXAMPLES / "primary-small.json"])
    org = store.organization_by_uid(SMALL_UID)
    save_targets(store, org, 2025, {"meetings_target": 6}, DECISION)
    decide(store, org, 2025, "accept")
    document = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
    document["own_targets"] = {"decision": "Профком № 3 от 15.01.2025", "values": {"meetings_target": 9}}
    path = tmp_path / "again.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    before = len(journal_rows(store.session))
    outcome = import_documents(store, [path], on_conflict="replace")
    assert not outcome.ok and "принята" in str([item.reason for item in outcome.rejected])
    assert get_own_targets(store, org.id, 2025).values == {"meetings_target": 6.0}
    assert len(journal_rows(store.session)) == before


def test_a_workbook_imported_with_the_cli_writes_the_targets_entry_the_journal_command_prints(
    store, db_url, current_base_profile, example_answers, tmp_path, capsys
):
    from maturity.exchange.workbook_export import write_assessment_workbook

    org = store.create_organization("ППО «Волга»", "primary", uid="код-волга")
    targets = OwnTargets(2026, {"funding_target_share": 0.075, "trained_per_members": 400.0}, DECISION)
    document = AssessmentDocument(current_base_profile, 2026, example_answers("primary-small.json"),
                                  meta={"organization_id": org.uid}, own_targets=targets)  # fmt: skip
    book = tmp_path / "книга.xlsx"
    write_assessment_workbook(document, book)
    store.session.commit()

    assert main(["--db", db_url, "import", str(book)]) == 0
    capsys.readouterr()
    assert main(["journal", "--org", "код-волга", "--json", "--db", db_url]) == 0
    (entry,) = [e for e in json.loads(capsys.readouterr().out) if e["action"] == "targets"]
    assert (entry["organization"], entry["year"], entry["file"]) == ("ППО «Волга»", 2026, str(book))
    assert entry["detail"]["values"] == {"funding_target_share": [None, 0.075], "trained_per_members": [None, 400.0]}
    store.session.expire_all()
    assert get_own_targets(store, org.id, 2026) == targets


def test_a_merge_that_would_bring_targets_to_an_accepted_year_is_refused_and_changes_nothing(store):
    from maturity.usecases.merging import merge_organizations

    import_documents(store, [EXAMPLES / "primary-small.json"])
    keep = store.organization_by_uid(SMALL_UID)
    decide(store, keep, 2025, "accept")
    other = store.create_organization("Вторая запись школы № 7", "primary", uid="код-2")
    save_targets(store, other, 2025, {"meetings_target": 6}, DECISION)
    before = len(journal_rows(store.session))
    with pytest.raises(AssessmentLocked, match="на 2025 год не меняются: оценка за 2025 год принята"):
        merge_organizations(store, keep, other)
    assert store.organization_by_uid("код-2").id == other.id  # the merge did not happen
    assert get_own_targets(store, other.id, 2025).values == {"meetings_target": 6.0}
    assert get_own_targets(store, keep.id, 2025) is None
    assert len(journal_rows(store.session)) == before


def test_a_report_carrying_targets_up_writes_their_entry_in_the_federations_journal(
    store, current_base_profile, example_answers, tmp_path
):
    from maturity.storage.store import open_store
    from maturity.usecases.report_source import export_report

    org = store.create_organization("ППО «Волга»", "primary", uid="код-волга")
    answers = example_answers("primary-small.json") | {"profile.name": "ППО «Волга»"}
    store.save_assessment(org, 2026, current_base_profile, answers)
    save_targets(store, org, 2026, {"meetings_target": 2, "funding_target_share": 0.06}, DECISION)
    report = tmp_path / "report.xlsx"
    export_report(store, 2026, report)

    with open_store(f"sqlite:///{tmp_path / 'federation.db'}") as federation:
        assert import_documents(federation, [report]).ok
        arrived = federation.find_organization("код-волга")
        (entry,) = targets_entries(federation, arrived)
        assert (entry.year, entry.file_name, entry.detail["kind"]) == (2026, str(report), "set")
        assert entry.detail["values"] == {"funding_target_share": [None, 0.06], "meetings_target": [None, 2.0]}
        assert replayed(entries(federation, arrived), 2026) == get_own_targets(federation, arrived.id, 2026)
