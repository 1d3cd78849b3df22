"""The consolidated report prints: every sheet A4 landscape, fitted to the page's width, its header rows
and name column repeated on every page, header rows tall enough for their text, the sender in the
footer; «Итоги» first and on one page. Read back with openpyxl, and printed by LibreOffice to PDF (a
report of 20 organizations: «Итоги» one page, «Итоги» and «Сводка» together at most three, every chart
on a page of its own)."""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pdf_reading import page_count, pages, pdf_text, squeezed
from workbook_helpers import examples

from maturity import __version__
from maturity.exchange.print_setup import PRINT_SCALE, TABLE_SCALE, header_footer_text, row_height, wrapped_lines
from maturity.exchange.report_entry import entry_from_document
from maturity.exchange.report_export import (
    ANSWERS_SHEET,
    CHANGES_SHEET,
    CHARTS_SHEET,
    LEGEND_SHEET,
    NORMS_SHEET,
    SUMMARY_SHEET,
    TOTALS_SHEET,
    write_report,
)

ROW_SHEETS = (SUMMARY_SHEET, NORMS_SHEET, CHANGES_SHEET)  # a row per organization: 11-point text only

NAME_PARTS = (
    "ППО",
    "«Ёлочка & Ко»",
    "МБОУ «Средняя общеобразовательная школа № 172» г. Самара",
    "=1+2",
    "Детский сад",
    "ГБУЗ «Областной онкологический диспансер»",
    "&P&N",
    "профсоюза работников",
)


def generated_entries(rng: random.Random, count: int) -> list:
    """``count`` report rows from the examples, under generated names (long ones, «&», formula-like)."""
    base = [entry_from_document(d) for d in examples()]
    return [
        dataclasses.replace(
            base[n % len(base)],
            name=" ".join(rng.sample(NAME_PARTS, rng.randint(1, 4))) + f" {n}",
            organization_id=f"uid-{n}",
        )
        for n in range(count)
    ]


@pytest.fixture(params=range(6))
def generated_report(request, tmp_path):
    rng = random.Random(request.param)
    scope = " ".join(rng.sample(NAME_PARTS, rng.randint(1, 5)))
    path = tmp_path / "отчёт.xlsx"
    write_report(
        generated_entries(rng, rng.randint(1, 40)),
        path,
        year=2025,
        scope=scope,
        expected=rng.choice([None, 50]),
        made_on=date(2025, 3, 14),
    )
    return path, scope


@pytest.mark.slow
def test_every_sheet_prints_landscape_a4_totals_on_a_page_the_rest_at_the_print_scale(generated_report):
    path, _ = generated_report
    book = load_workbook(path)
    assert book.sheetnames[0] == TOTALS_SHEET
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize) == ("landscape", 9), ws.title
        if ws.title == TOTALS_SHEET:  # one page for the meeting
            assert (setup.fitToWidth, setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage) == (1, 1, True)
        else:  # wide sheets in page sets, never shrunk under 8 points
            assert not ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            scale = TABLE_SCALE if ws.title in ROW_SHEETS else PRINT_SCALE  # 11 pt at 73 % = 8 pt; 10 pt at 80 %
            assert (setup.scale, setup.pageOrder) == (scale, "overThenDown"), ws.title
        assert ws.print_title_cols == "$A:$A", ws.title
        assert ws.print_title_rows in ("$1:$1", "$1:$2"), ws.title


@pytest.mark.slow
def test_every_footer_names_the_sender_the_date_and_the_program_version(generated_report):
    path, scope = generated_report
    for ws in load_workbook(path).worksheets:
        footer = ws.oddFooter
        assert footer.left.text.startswith("Для: ") and footer.left.text.endswith(" · 14.03.2025"), ws.title
        shown = footer.left.text.removeprefix("Для: ").removesuffix(" · 14.03.2025")  # cut to fit the line
        whole = header_footer_text(scope, len(scope))
        assert shown == whole or (shown.endswith("…") and whole.startswith(shown[:-1].rstrip())), ws.title
        assert footer.right.text == f"Страница &P из &N · Цифровая зрелость {__version__}" and not footer.center.text
        assert ws.oddHeader.right.text == "Лист «&A»"
    totals = load_workbook(path)[TOTALS_SHEET]
    assert totals["A2"].value == f"Для: {scope} · сформирован 14.03.2025 · программа «Цифровая зрелость» {__version__}"


def test_a_name_with_an_ampersand_prints_as_written_in_a_header():
    assert header_footer_text("ППО «А&Б»") == "ППО «А&&Б»"  # «&Б» alone would be read as a code
    assert header_footer_text("Я" * 200).endswith("…") and len(header_footer_text("Я" * 200)) == 80


def test_header_rows_are_tall_enough_for_their_wrapped_titles(generated_report):
    path, _ = generated_report
    book = load_workbook(path)
    for ws in book.worksheets:
        if ws.title == TOTALS_SHEET or ws.sheet_state == "hidden":  # no header row: the service sheet
            continue
        header_row = max(int(n) for n in re.findall(r"\d+", ws.print_title_rows))
        titles = [c.value for c in ws[header_row]]
        widths = [ws.column_dimensions[c.column_letter].width or 8.43 for c in ws[header_row]]
        needed = max(wrapped_lines(t, w) for t, w in zip(titles, widths, strict=True))
        assert ws.row_dimensions[header_row].height >= 15 * needed, ws.title


@pytest.mark.parametrize("length", [0, 1, 10, 40, 120, 500])
def test_a_row_is_as_tall_as_its_longest_wrapped_text(length):
    text = "ж" * length
    assert row_height([text, "a"], [20, 5]) == min(409.0, 15.0 * wrapped_lines(text, 20) + 3)
    assert wrapped_lines(text, 20) == max(1, -(-length // 18))


def test_the_totals_sheet_gives_the_cards_levels_and_kpi_averages(generated_report):
    path, _ = generated_report
    rows = list(load_workbook(path)[TOTALS_SHEET].iter_rows(min_row=4, values_only=True))
    left = {r[0]: r[1] for r in rows if r[0]}
    right = {r[3]: r[4] for r in rows if r[3]}
    profile = examples()[0].profile
    assert all(f"{k.id.upper()} {k.title}" in right for k in profile.kpis)
    levels = [lvl.label for lvl in profile.data.maturity_levels]
    assert all(label in left for label in levels)
    assessed = left["Оценено организаций (завершённые оценки)"]
    assert sum(left[label] for label in levels) + left.get("не оценивается", 0) == int(assessed.split()[0])


# ------------------------------------------------------------------ printed by LibreOffice


def soffice_pdf(source: Path, outdir: Path) -> Path:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        pytest.fail("LibreOffice (soffice) не установлен: выполните scripts/setup-system", pytrace=False)
    done = subprocess.run(
        [
            binary,
            f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return outdir / f"{source.stem}.pdf"


def pages_by_sheet(pdf: Path) -> list[str]:
    """The sheet each page of the PDF prints, read from the page header «Лист «…»»."""
    for tool in ("pdfinfo", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} не установлен (poppler-utils): выполните scripts/setup-system", pytrace=False)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sheets = []
    for page in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        found = re.search(r"Лист\s*«([^»]*)»", text)
        assert found, f"страница {page} без заголовка листа"
        sheets.append(re.sub(r"\s+", "", found.group(1)))  # pdftotext may split a word
    return sheets


def test_the_summary_prints_in_two_page_sets_and_the_other_row_sheets_one_page_wide(generated_report):
    """«Сводка» breaks after the first KPIs (who the organization is | its figures), the names repeated on both;
    «Нормативы» and «Динамика» are one page wide at 73 %: their columns fit the page's width."""
    from maturity.exchange.print_setup import column_points

    path, _ = generated_report
    book = load_workbook(path)
    summary = book[SUMMARY_SHEET]
    [page_break] = summary.col_breaks.brk
    # the first page set ends after a KPI (where the names get the widest column both sets allow)
    assert (
        re.fullmatch(r"K\d+", summary.cell(row=2, column=page_break.id).value) and summary.print_title_cols == "$A:$A"
    )
    room = 769.9 / (TABLE_SCALE / 100)
    for ws in (book[NORMS_SHEET], book[CHANGES_SHEET]):
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[2]]
        assert sum(column_points(w) for w in widths) <= room, ws.title
        assert not ws.col_breaks.brk
    first = [summary.column_dimensions[c.column_letter].width for c in summary[2]][: page_break.id]
    second = [summary.column_dimensions[c.column_letter].width for c in summary[2]][page_break.id : -1]
    assert sum(column_points(w) for w in first) <= room
    assert column_points(first[0]) + sum(column_points(w) for w in second) <= room


def carlito_installed() -> None:
    """LibreOffice prints Calibri (the workbook's font) with Carlito, its metric twin: without it, another font
    measures differently and the sheets split into other page sets."""
    listed = subprocess.run(["fc-list", ":family=Carlito"], capture_output=True, text=True).stdout
    if "Carlito" not in listed:
        pytest.fail(
            "шрифт Carlito не установлен (fonts-crosextra-carlito): выполните scripts/setup-system", pytrace=False
        )


@pytest.mark.libreoffice
def test_a_report_of_twenty_organizations_prints_its_totals_on_one_page_and_the_summary_on_three(tmp_path):
    from maturity.storage.store import open_store
    from maturity.usecases.demo import fill_demo
    from maturity.usecases.report_source import export_report, report_entries

    path = tmp_path / "отчёт.xlsx"
    with open_store(f"sqlite:///{tmp_path / 'demo.db'}") as store:
        fill_demo(store, primaries=12)
        uids = {e.organization_id for e in report_entries(store.session, 2025)}
        chosen = [o.id for o in store.list_organizations() if o.uid in uids][:20]
        assert export_report(store, 2025, path, organization_ids=chosen) == 20
    pdf = soffice_pdf(path, tmp_path)
    sheets = pages_by_sheet(pdf)
    assert sheets[0] == TOTALS_SHEET and sheets.count(TOTALS_SHEET) == 1
    assert sheets.count(SUMMARY_SHEET) <= 8  # 20 rows in page sets of the columns, the names on each
    assert sheets.count(CHARTS_SHEET) == 4  # the tables, then a chart on each page
    assert squeezed(ANSWERS_SHEET) not in sheets  # a technical sheet: not printed
    assert smallest_word(pdf) >= SMALLEST_WORD_BOX


SMALLEST_WORD_BOX = 7.3  # points: the box pdftotext gives a word of 8-point type is about 0.92–0.96 of it tall


def smallest_word(pdf: Path) -> float:
    return min(w.y_max - w.y_min for page in pages(pdf) for w in page.words)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_no_page_of_the_demo_federations_report_prints_under_8_points(tmp_path):
    from maturity.storage.store import open_store
    from maturity.usecases.demo import fill_demo
    from maturity.usecases.report_source import export_report

    path = tmp_path / "отчёт.xlsx"
    with open_store(f"sqlite:///{tmp_path / 'demo.db'}") as store:
        fill_demo(store)
        count = export_report(store, 2025, path)
    carlito_installed()
    pdf = soffice_pdf(path, tmp_path)
    sheets = pages_by_sheet(pdf)

    for number, page in enumerate(pages(pdf), 1):
        smallest = min(w.y_max - w.y_min for w in page.words)
        assert smallest >= SMALLEST_WORD_BOX, f"страница {number} («{sheets[number - 1]}»): {smallest:.1f} pt"
    assert count == 260 and len(sheets) == page_count(pdf)
    assert sheets.count(TOTALS_SHEET) == 1 and sheets.count(CHARTS_SHEET) == 4
    assert sheets.count(LEGEND_SHEET) <= 2  # 36 short headers explained, at the print scale
    # 203 pages before (wide sheets in page sets of long headers); now «Сводка» in two page sets, the other two
    # row sheets one page wide: 260 organizations of two-line names at 8 points take about 60 pages
    assert len(sheets) <= 64, {sheet: sheets.count(sheet) for sheet in set(sheets)}
    assert sheets.count(SUMMARY_SHEET) <= 30 and sheets.count(SUMMARY_SHEET) % 2 == 0  # both page sets of each row
    assert sheets.count(NORMS_SHEET) <= 17 and sheets.count(CHANGES_SHEET) <= 9
    assert squeezed(ANSWERS_SHEET) not in sheets
    summary_names = squeezed(pdf_text(pdf))
    with open_store(f"sqlite:///{tmp_path / 'demo.db'}") as store:
        assert all(squeezed(o.name) in summary_names for o in store.list_organizations() if not o.placeholder)
