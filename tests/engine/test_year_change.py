"""«Что изменилось»: the change between two scored years, computed once for the page and the workbook."""

from __future__ import annotations

from answer_strategies import answer_sets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lanes import examples
from openpyxl import load_workbook

from maturity.engine.rounding import round_figure
from maturity.engine.scoring import score
from maturity.engine.year_change import EarlierYear, year_change
from maturity.exchange.workbook_export import READABLE_SHEET, write_assessment_workbook
from maturity.method.profile import load_profile
from maturity.usecases.earlier_year import latest_before
from maturity.views.numbers import format_change, format_score
from maturity.views.year_change_text import heading, index_line, kpi_rows, norm_lines

PROFILE = load_profile()
SETTINGS = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def earlier_of(year: int, answers: dict, draft: bool = False) -> EarlierYear:
    result = score(PROFILE, answers)
    return EarlierYear(year, result.index, result.level, dict(result.kpis),
                       {n: o.status for n, o in result.norms.items()}, draft)  # fmt: skip


@SETTINGS
@given(before=answer_sets(PROFILE), now=answer_sets(PROFILE))
def test_each_change_is_now_minus_then_of_the_shown_figures(before, now):
    result = score(PROFILE, now)
    change = year_change(PROFILE, 2025, result, earlier_of(2024, before))
    for kpi in change.kpis:
        assert kpi.now == round_figure(result.kpis[kpi.kpi_id])
        if kpi.before is None or kpi.now is None:
            assert kpi.change is None and format_change(kpi.change) == "—"
        else:  # what the reader sees adds up: «then» + «change» = «now», digit for digit
            assert format_score(kpi.before + kpi.change) == format_score(kpi.now)
    if change.index_change is not None:
        assert round_figure(change.index_before + change.index_change) == change.index_now
    assert [k.kpi_id for k in change.kpis] == [k.id for k in PROFILE.kpis]


@SETTINGS
@given(before=answer_sets(PROFILE), now=answer_sets(PROFILE))
def test_norms_newly_met_are_failed_then_and_passed_now_and_lost_the_reverse(before, now):
    then, result = score(PROFILE, before), score(PROFILE, now)
    change = year_change(PROFILE, 2025, result, earlier_of(2024, before))
    for norm in PROFILE.norms:
        was, is_now = then.norms[norm.id].status, result.norms[norm.id].status
        assert (norm.id in change.norms_met) == (was == "fail" and is_now == "pass")
        assert (norm.id in change.norms_lost) == (was == "pass" and is_now == "fail")


@SETTINGS
@given(answers=answer_sets(PROFILE))
def test_the_same_answers_a_year_later_change_nothing(answers):
    change = year_change(PROFILE, 2025, score(PROFILE, answers), earlier_of(2024, answers))
    assert all(k.change in (None, 0.0) for k in change.kpis)
    assert change.norms_met == change.norms_lost == ()
    assert norm_lines(PROFILE, change) == ["Нормативы: выполнены и не выполнены те же, что в 2024 году"]
    assert change.level_before == change.level_now


@given(norms=st.dictionaries(st.sampled_from([n.id for n in PROFILE.norms]), st.sampled_from(["pass", "fail", "n/a"])))
def test_a_norm_the_earlier_year_did_not_have_is_neither_met_nor_lost(norms):
    result = score(PROFILE, {"profile.level": "primary", "profile.members": 50})
    change = year_change(PROFILE, 2025, result, EarlierYear(2024, None, None, {}, norms))
    assert set(change.norms_met) <= {n for n, s in norms.items() if s == "fail"}
    assert set(change.norms_lost) <= {n for n, s in norms.items() if s == "pass"}
    assert change.index_change is None and all(k.change is None and k.before is None for k in change.kpis)


def test_the_texts_name_years_levels_and_norms_by_title():
    from workbook_helpers import example

    result = score(PROFILE, example().answers)
    failing = next(n for n in PROFILE.norms if result.norms[n.id].status == "fail")
    earlier = EarlierYear(2023, 40.04, "basic", {}, {failing.id: "pass"}, draft=True)
    change = year_change(PROFILE, 2025, result, earlier)
    assert index_line(change).startswith("Индекс: 40,0 (2023) → ")
    assert f"Не выполнен, а в 2023 году выполнялся: {failing.title}" in norm_lines(PROFILE, change)
    assert "предварительно" in heading(change)
    assert [row[0] for row in kpi_rows(change)] == [k.title for k in PROFILE.kpis]


def test_the_latest_earlier_year_is_taken_and_a_draft_is_marked():
    from maturity.storage.queries import YearScores

    def year(y: int, status: str) -> YearScores:
        return YearScores(year=y, status=status, profile_id="fnpr-base", profile_version="1", kpis={"k1": float(y)},
                          index=float(y), digital_index=None, maturity_level="basic", failed_norms=0,
                          completeness=1.0, norms={"n": "pass"})  # fmt: skip

    history = [year(2021, "complete"), year(2023, "draft"), year(2025, "complete")]
    found = latest_before(history, 2025)
    assert (found.year, found.index, found.draft, found.norms) == (2023, 2023.0, True, {"n": "pass"})
    assert latest_before(history, 2021) is None
    assert latest_before(history, 2030).year == 2025


def test_the_workbook_has_the_change_block_with_the_pages_figures(tmp_path):
    from workbook_helpers import example

    document = example()
    result = score(document.profile, document.answers)
    earlier = EarlierYear(2024, result.index - 7.25, "basic",
                          {k: v - 5 for k, v in result.kpis.items() if v is not None}, {})  # fmt: skip
    change = year_change(document.profile, document.year, result, earlier)
    path = tmp_path / "a.xlsx"
    write_assessment_workbook(document, path, result, change)
    ws = load_workbook(path)[READABLE_SHEET]
    cells = [[c.value for c in row] for row in ws.iter_rows(max_col=4)]
    start = next(i for i, row in enumerate(cells) if row[0] == heading(change))
    assert cells[start + 1] == ["Показатель", "2024 год", "2025 год", "Изменение"]
    index_row = cells[start + 2]
    assert index_row[1:] == [change.index_before, change.index_now, change.index_change]
    shown = {row[0]: row[1:] for row in cells[start + 3 : start + 3 + len(PROFILE.kpis)]}
    for kpi in change.kpis:
        assert shown[f"{kpi.kpi_id.upper()} {kpi.title}"] == [kpi.before, kpi.now, kpi.change]
    plain = tmp_path / "b.xlsx"
    write_assessment_workbook(document, plain, result)
    assert not any(str(c.value).startswith("Что изменилось") for row in load_workbook(plain)[READABLE_SHEET].iter_rows()
                   for c in row)  # fmt: skip
