"""A plain table copied or saved: tab-separated text, CSV for a Russian Excel, a workbook; formulas stay text."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from maturity.errors import BadInput
from maturity.exchange.plain_table import tab_separated, write_table

HEADERS = ("Файл", "Причина")
cells = st.text(alphabet=st.sampled_from("аб=+\t\n ;\"'1"), max_size=8)


@given(st.lists(st.tuples(cells, cells), max_size=5))
def test_tab_separated_text_has_a_line_per_row_and_a_cell_per_tab(rows):
    lines = tab_separated(HEADERS, rows).splitlines()
    assert len(lines) == len(rows) + 1
    assert all(line.count("\t") == 1 for line in lines)  # tabs and line breaks inside a cell became spaces


@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=5))
def test_csv_reads_back_cell_for_cell_and_formulas_stay_text(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("t") / "итог.csv"
    write_table(path, "Итог", HEADERS, rows)
    with path.open(encoding="utf-8-sig", newline="") as file:
        read = list(csv.reader(file, delimiter=";"))
    assert read[0] == list(HEADERS)
    for written, (first, second) in zip(read[1:], rows, strict=True):
        assert written == [("'" + c if c and c[0] in "=+-@#" else c) for c in (first, second)]


def test_a_workbook_keeps_a_formula_like_text_as_text(tmp_path):
    path = write_table(tmp_path / "итог.xlsx", "Итог", HEADERS, [("=1+1", "причина")])
    cell = load_workbook(path).worksheets[0]["A4"]
    assert cell.value == "=1+1" and cell.data_type == "s"


def test_another_file_kind_is_refused_in_russian(tmp_path):
    with pytest.raises(BadInput, match=r"\.xlsx.*\.csv"):
        write_table(tmp_path / "итог.pdf", "Итог", HEADERS, [])
    assert not (tmp_path / "итог.pdf").exists()
