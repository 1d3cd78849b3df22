"""The «Итоговый протокол» laid out as HTML for Qt's ``QTextDocument``: the commission, the rules, each
nomination's rankings by group with the winners, and the best practices. Every text from the data is escaped
(an organization may be called «<b>&»); the words and figures are :mod:`maturity.views.contest_text`'s."""

from __future__ import annotations

from html import escape

from maturity.engine.contest import ContestResults
from maturity.views.contest_text import (
    PROTOCOL_TITLE,
    RANKING_HEADER,
    group_title,
    place_text,
    ranking_cells,
    rules_lines,
)

BLUE = "#1f5fa8"
BORDER = "#b8b8b8"
HEAD_BACKGROUND = "#e9eef5"
WINNER_BACKGROUND = "#fff4d6"
WIDTHS = (7, 55, 12, 14, 12)  # per cent of the page: the name gets the room

STYLE = f"""
body {{ font-size: 9pt; }}
h1 {{ font-size: 13pt; margin: 0; }}
h2 {{ font-size: 11pt; color: {BLUE}; margin-top: 9pt; margin-bottom: 2pt; }}
h3 {{ font-size: 9.5pt; margin-top: 5pt; margin-bottom: 2pt; }}
p {{ margin: 0 0 2pt 0; }}
table.grid td, table.grid th {{ border: 0.5pt solid {BORDER}; padding: 1pt 3pt; font-size: 8.5pt; }}
"""


def protocol_html(results: ContestResults) -> str:
    e = escape
    out = [f"<html><head><style>{STYLE}</style></head><body>"]
    out.append(f"<h1>{e(PROTOCOL_TITLE)} за {results.year} год</h1>")
    out.append(f"<p>{e(results.scope)}</p>")
    out.append("<h2>Комиссия</h2>")
    out.append(f"<p>{e(', '.join(results.commission)) if results.commission else 'оценок комиссии нет'}</p>")
    out.append("<h2>Правила</h2>")
    out += [f"<p>{e(line)}</p>" for line in rules_lines(results)]
    for nomination in results.nominations:
        out.append(f"<h2>Номинация «{e(nomination.title)}»</h2>")
        shown = nomination.description and nomination.description != nomination.by_label
        description = f" {e(nomination.description)}." if shown else ""
        out.append(f"<p>По: {e(nomination.by_label)}.{description}</p>")
        if not nomination.groups:
            out.append("<p>Участников нет.</p>")
        for group in nomination.groups:
            # the group's title and the columns' names are the table's head: repeated on every page it runs to
            out.append('<table class="grid" width="100%" cellspacing="0" cellpadding="2" style="margin-top: 5pt;">')
            out.append(f'<thead><tr><td colspan="5" style="font-size: 9.5pt; font-weight: bold; border: none;">'
                       f"{e(group_title(group))}</td></tr>")  # fmt: skip
            out.append(f'<tr style="background-color: {HEAD_BACKGROUND};">'
                       + "".join(f'<th width="{w}%">{e(h)}</th>' for w, h in zip(WIDTHS, RANKING_HEADER, strict=True))
                       + "</tr></thead>")  # fmt: skip
            for placed in group.ranking:
                shade = f' style="background-color: {WINNER_BACKGROUND};"' if placed.winner else ""
                cells = ranking_cells(placed)
                aligns = ("center", "left", "right", "right", "right")
                out.append(f"<tr{shade}>" + "".join(f'<td align="{a}">{e(c)}</td>' for a, c in zip(aligns, cells,
                           strict=True)) + "</tr>")  # fmt: skip
            out.append("</table>")
            winners = [f"{place_text(p.place)} — {p.entrant.name}" for p in group.winners]
            if winners:
                out.append(f"<p><b>Победители:</b> {e('; '.join(winners))}</p>")
    out.append("<h2>Лучшие практики</h2>")
    out.append("<p>Что делают победители номинаций (ответы анкеты за показателем номинации).</p>")
    for nomination in results.nominations:
        if not nomination.practices:
            continue
        out.append(f"<h3>«{e(nomination.title)}»</h3>")
        for practice in nomination.practices:
            out.append(f"<p><b>{e(practice.name)}</b> ({e(place_text(practice.place))}, {e(practice.group)})</p>")
            items = "".join(f"<li>{e(q)}: <i>{e(a)}</i></li>" for q, a in practice.answers)
            if items:
                out.append(f"<ul>{items}</ul>")
    out.append("<p>&nbsp;</p><p>Председатель конкурсной комиссии ____________________ &nbsp;&nbsp; "
               "Члены комиссии ____________________</p>")  # fmt: skip
    out.append("</body></html>")
    return "".join(out)
