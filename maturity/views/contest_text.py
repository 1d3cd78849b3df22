"""How the contest's results read: the rules in words, the rankings as text, a diploma's lines — the same
words for ``maturity contest``, the window, the protocol (PDF and Excel) and the diplomas."""

from __future__ import annotations

from maturity.engine.contest import TIE_RULE, ContestResults, Group, NominationResult, Placed, Rules
from maturity.views.numbers import format_parameter, format_score

PLACE_WORDS = {1: "I место", 2: "II место", 3: "III место"}
PROTOCOL_TITLE = "Итоговый протокол смотра-конкурса на лучшую постановку информационной работы"


def place_text(place: int) -> str:
    """«I место», …; beyond the third «4 место»."""
    return PLACE_WORDS.get(place, f"{place} место")


def rules_lines(results: ContestResults) -> list[str]:
    """The contest's rules, as the protocol states them."""
    r: Rules = results.rules
    left_out = "; ".join(f"{why}: {count}" for why, count in sorted(results.left_out.items()))
    lines = [
        f"Участники: организации ({results.scope}) с завершённой и принятой вышестоящей организацией оценкой "
        f"за {results.year} год — {results.participants}." + (f" Не участвуют: {left_out}." if left_out else ""),
        f"Методика: {results.profile_title}. Участники сравниваются внутри групп: уровень организации и "
        "численность членов профсоюза.",
        f"Итоговый балл номинации = балл по методике + {format_parameter(r.commission_weight)} × средняя оценка "
        f"членов комиссии (каждый ставит от {format_parameter(r.mark_min)} до {format_parameter(r.mark_max)} "
        "баллов; без оценок комиссии — балл по методике).",
        f"Баллы сравниваются так, как записаны в протоколе (один знак после запятой). {TIE_RULE}",
        f"Призовые места: с I по {_roman(r.prize_places)}; занявшие их — победители и получают дипломы.",
    ]
    return lines


def _roman(number: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}[number]


def group_title(group: Group) -> str:
    return f"{group.level_label}, {group.band_label}"


def mark_text(placed: Placed) -> str:
    """The commission's mean mark and how many marked: «8,5 (2)», «—» without marks."""
    if placed.mean_mark is None:
        return "—"
    return f"{format_score(placed.mean_mark)} ({len(placed.entrant.marks)})"


def ranking_cells(placed: Placed) -> tuple[str, str, str, str, str]:
    """Place, name, the method's score, the commission's mark, the final score (as the protocol prints)."""
    return (str(placed.place), placed.entrant.name, format_score(placed.entrant.score), mark_text(placed),
            format_score(placed.final))  # fmt: skip


RANKING_HEADER = ("Место", "Организация", "Балл по методике", "Оценка комиссии (членов)", "Итоговый балл")


def results_text(results: ContestResults) -> str:
    """``maturity contest results`` as text."""
    out = [f"Смотр-конкурс за {results.year} год: {results.scope}. Участников: {results.participants}."]
    if results.commission:
        out.append("Комиссия: " + ", ".join(results.commission) + ".")
    for nomination in results.nominations:
        out.append("")
        out.append(f"Номинация «{nomination.title}» ({nomination.id}; по: {nomination.by_label})")
        if not nomination.groups:
            out.append("  участников нет")
        for group in nomination.groups:
            out.append(f"  {group_title(group)}")
            for placed in group.ranking:
                place, name, method, mark, final = ranking_cells(placed)
                star = " — победитель" if placed.winner else ""
                out.append(f"    {place}. {name}: {final} (по методике {method}, комиссия {mark}){star}")
    return "\n".join(out)


def winners_lines(nomination: NominationResult) -> list[str]:
    return [
        f"{group_title(g)}: {place_text(p.place)} — {p.entrant.name} ({format_score(p.final)})"
        for g in nomination.groups
        for p in g.winners
    ]


def diploma_lines(
    results: ContestResults, nomination: NominationResult, group: Group, placed: Placed
) -> dict[str, str]:
    """What a diploma says."""
    return {
        "title": "Диплом",
        "place": place_text(placed.place),
        "organization": placed.entrant.name,
        "nomination": f"в номинации «{nomination.title}»",
        "group": f"среди организаций группы «{group_title(group)}»",
        "contest": f"смотра-конкурса на лучшую постановку информационной работы за {results.year} год",
        "scope": results.scope,
        "score": f"Итоговый балл: {format_score(placed.final)}",
    }
