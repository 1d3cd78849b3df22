"""The passport laid out as HTML for Qt's ``QTextDocument`` (the subset of HTML 4 and CSS 2 it reads).

Everything shown comes from :class:`maturity.usecases.passport.Passport`, already worded and
formatted; every text from it is escaped here (an organization may be called «<b>&»). No Qt: the
layout can be read and tested as text. Sizes are in points; the radar's width is in the document's
pixels (96 per inch, scaled to the printer by Qt).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from maturity.engine.plan import STATUS_LABELS
from maturity.usecases.passport import (
    SIGNATURE_CAPTIONS,
    SIGNATURE_CHAIR,
    SIGNATURE_DATE,
    HeadlineFigure,
    Passport,
    draft_note,
)
from maturity.views.year_change_text import DRAFT_NOTE

PLANNED_LABEL = STATUS_LABELS["planned"]
RADAR_URL = "passport://radar.png"
RADAR_WIDTH = 428  # document pixels (96 per inch): 113 mm, the column's width
BLUE = "#1f5fa8"
GREY = "#555555"
BORDER = "#b8b8b8"
HEAD_BACKGROUND = "#e9eef5"
VERDICT_COLOURS = {"risen": "#1b7a2f", "not_risen": "#b00020"}

STYLE = f"""
body {{ font-size: 9pt; }}
h1 {{ font-size: 14pt; margin: 0; }}
h2 {{ font-size: 10.5pt; color: {BLUE}; margin-top: 7pt; margin-bottom: 2pt; }}
p {{ margin: 0; }}
table.grid {{ border-collapse: collapse; border-color: {BORDER}; border-style: solid; }}
table.grid td, table.grid th {{ border: 0.5pt solid {BORDER}; padding: 1pt 3pt; font-size: 8pt; }}
table.grid th {{ background-color: {HEAD_BACKGROUND}; font-weight: 600; text-align: left; }}
.figure-caption {{ color: {GREY}; font-size: 8.5pt; }}
.figure-value {{ color: {BLUE}; font-size: 17pt; font-weight: 600; }}
.figure-change {{ font-size: 8.5pt; }}
.note {{ color: {GREY}; font-size: 8pt; }}
.small {{ font-size: 8pt; }}
.draft {{ color: #8a5a00; font-weight: 600; }}
"""


def text(value: str) -> str:
    """A text of the passport made safe for HTML; empty stays empty."""
    return escape(value, quote=True)


PAGE_BREAK = '<p style="page-break-before: always; margin: 0; font-size: 1pt;"></p>'


def passport_html(passport: Passport, break_before: int = 0) -> str:
    """The passport's HTML; ``break_before``: how many of its last sections (before the signature) start on
    a new page — :mod:`ui.passport.pdf` asks for one when the signature would otherwise stand alone."""
    sections = [
        _figures_and_radar(passport),
        _kpi_table(passport),
        _norms(passport),
        _learn_from(passport),
        _plan(passport),
        _last_year(passport),
    ]
    sections = [section for section in sections if section]
    if break_before:
        at = max(1, len(sections) - break_before)
        sections.insert(at, PAGE_BREAK)
    parts = [
        f"<html><head><style>{STYLE}</style></head><body>",
        _header(passport),
        *sections,
        SIGNATURE_START,
        _signature(),
        "</body></html>",
    ]
    return "".join(parts)


def _header(passport: Passport) -> str:
    facts = [f"{passport.year} год"]
    if passport.organization_level:
        facts.append(passport.organization_level)
    facts.append(f"Методика: {passport.method}")
    return (
        f'<p class="note">{text(passport.title)}</p>'
        f"<h1>{text(passport.organization)}</h1>"
        f"<p>{text(' · '.join(facts))}</p>"
    )


def _figure(figure: HeadlineFigure) -> str:
    caption = f"{figure.caption} ({DRAFT_NOTE})" if figure.provisional else figure.caption
    lines = [
        f'<p class="figure-caption">{text(caption)}</p>',
        f'<p class="figure-value">{text(figure.value)}</p>',
    ]
    for extra in (figure.change, figure.peers):
        if extra:
            lines.append(f'<p class="figure-change">{text(extra)}</p>')
    return "".join(lines) + '<p style="font-size: 4pt;">&nbsp;</p>'


def _figures_and_radar(passport: Passport) -> str:
    figures = "".join(_figure(f) for f in passport.figures)
    note = draft_note(passport)
    if note:
        figures += f'<p class="draft">{text(note)}</p>'
    else:
        figures += f'<p class="note">Полнота ответов: {text(passport.completeness)}</p>'
    return (
        '<p style="font-size: 6pt;">&nbsp;</p>'
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="38%" valign="top">{figures}</td>'
        f'<td width="62%" valign="top" align="right"><img src="{RADAR_URL}" width="{RADAR_WIDTH}"></td>'
        "</tr></table>"
    )


def _grid(
    columns: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int], right: Iterable[int] = ()
) -> str:
    """A table with a header row repeated on every page; ``widths`` in percent, ``right``: figure columns."""
    right = set(right)
    head = "".join(
        f'<th width="{w}%"{" align=right" if i in right else ""}>{text(c)}</th>'
        for i, (c, w) in enumerate(zip(columns, widths, strict=True))
    )
    body = []
    for row in rows:
        cells = "".join(
            f"<td{' align=right' if i in right else ''}>{cell}</td>" for i, cell in enumerate(row)
        )  # cells are escaped (or built of escaped parts) by the caller
        body.append(f"<tr>{cells}</tr>")
    return (
        '<table class="grid" width="100%" cellspacing="0" cellpadding="2">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _kpi_table(passport: Passport) -> str:
    columns = passport.kpi_columns
    widths = [10] * (len(columns) - 1)  # a year's figure
    if passport.year_before is not None:
        widths[2] = 12  # «Изменение» whole
    if passport.has_peers:
        widths[-2:] = [23, 10]  # «не ниже 90-го процентиля» on one line; the median
    widths.insert(0, 100 - sum(widths))
    rows = []
    for line in passport.kpis:
        cells = [line.title, *([line.before] if passport.year_before is not None else []), line.now]
        if passport.year_before is not None:
            cells.append(line.change)
        if passport.has_peers:
            cells += [line.percentile, line.median]
        rows.append([text(c) for c in cells])
    html = "<h2>Показатели (КПЭ)</h2>" + _grid(columns, rows, widths, right=range(1, len(columns)))
    if passport.peers_note:
        html += f'<p class="note">{text(passport.peers_note)}</p>'
    return html


def _norms(passport: Passport) -> str:
    html = "<h2>Невыполненные нормативы</h2>"
    if passport.norms_failed:
        rows = [[text(n.title), text(n.reason)] for n in passport.norms_failed]
        html += _grid(("Норматив", "Почему не выполнен"), rows, (45, 55))
    else:
        html += "<p>Все нормативы, которые относятся к организации, выполнены.</p>"
    for line in passport.norm_changes:
        html += f'<p class="note">{text(line)}</p>'
    return html


def _learn_from(passport: Passport) -> str:
    """«У кого поучиться»: per weak KPI, its sentence and the peers (named only with their consent)."""
    if not passport.learn_from:
        return ""
    html = "<h2>У кого поучиться</h2>"
    for head, *peers in passport.learn_from:
        html += f"<p>{text(head)}</p>"
        if peers:
            html += "<ul>" + "".join(f"<li>{text(peer.strip())}</li>" for peer in peers) + "</ul>"
    return html


def _plan(passport: Passport) -> str:
    html = f"<h2>{text(passport.plan_heading)}</h2>"
    if passport.plan_note:
        html += f'<p class="note">{text(passport.plan_note)}</p>'
    if not passport.plan:
        return html + "<p>Шагов нет: рекомендаций по этой оценке нет.</p>"
    rows = []
    for number, line in enumerate(passport.plan, start=1):
        what = text(line.what)
        if line.status != PLANNED_LABEL:
            what += f" <b>({text(line.status)})</b>"
        if line.note:
            what += f'<br><span class="note"><i>{text(line.note)}</i></span>'
        rows.append([str(number), what, text(line.responsible), text(line.quarter)])
    # the KPI a step improves is left out: the step says what to do, and two pages must hold the year
    return html + _grid(("№", "Шаг", "Ответственный", "Срок"), rows, (4, 66, 19, 11))


def _last_year(passport: Passport) -> str:
    results = passport.last_year
    if results is None:
        return ""
    html = f"<h2>{text(results.heading)}</h2><p>{text(results.summary)}</p>"
    if results.done:
        rows = []
        for line in results.done:
            colour = VERDICT_COLOURS.get(line.verdict_id)
            verdict = text(line.verdict)
            if colour:
                verdict = f'<span style="color: {colour};">{verdict}</span>'
            rows.append([text(line.what), text(line.change), text(line.points), verdict])
        columns = ("Выполненный шаг", "Было → стало", "Индекс", "Показатель")
        html += _grid(columns, rows, (57, 21, 8, 14), right=(2,))
    if results.not_done:
        html += f'<p class="small" style="margin-top: 3pt;">{text(results.not_done)}</p>'
    return html


SIGNATURE_START = '<p style="font-size: 10pt;">&nbsp;</p>'  # the space above the signature


def _signature() -> str:
    """The signature: the last table of the passport (ui.passport.pdf finds it so)."""
    sign_caption, name_caption = SIGNATURE_CAPTIONS
    line = "_" * 26
    return (
        '<table width="100%" cellspacing="0" cellpadding="1">'
        f'<tr><td colspan="3">{SIGNATURE_DATE}: «____» ________________ 20____ г.</td></tr>'
        '<tr><td colspan="3" style="font-size: 8pt;">&nbsp;</td></tr>'
        f'<tr><td width="22%">{SIGNATURE_CHAIR}</td>'
        f'<td width="39%" align="center">{line}</td><td width="39%" align="center">/ {line}</td></tr>'
        f'<tr><td></td><td align="center" class="note">{sign_caption}</td>'
        f'<td align="center" class="note">{name_caption}</td></tr></table>'
    )
