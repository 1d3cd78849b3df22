"""«Сравнить с другими…» on the result page: a benchmark file chosen in the dialog adds a «Среди других»
column to the KPI table and the 25th–75th percentile band to the radar; a refused file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from maturity.engine.benchmark import PERCENTILES
from maturity.method.profile import load_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"


def benchmark(profile, level: str, n: int = 120) -> dict:
    spread = {
        "n": n,
        "mean": 50.0,
        **{f"p{p}": v for p, v in zip(PERCENTILES, (20.0, 30.0, 50.0, 60.0, 80.0), strict=True)},
    }
    return {
        "format": "maturity-benchmark", "format_version": 1, "year": 2025,
        "profile": {"id": profile.id, "version": profile.version},
        "groups": [{"level": level, "n": n, "kpis": {k.id: spread for k in profile.kpis},
                    "index": spread, "digital_index": spread}],
    }  # fmt: skip


@pytest.fixture
def page(qtbot):
    from maturity.engine.session import AssessmentSession
    from ui.wizard.result_page import ResultPage

    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    page = ResultPage(AssessmentSession(load_profile(), document["year"], document["answers"]))
    qtbot.addWidget(page)
    page.refresh()
    return page


def choose(monkeypatch, path: Path) -> list[str]:
    """The file dialog answers ``path``; warnings are collected instead of shown."""
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], "Файл сравнения (*.json)"))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    return warnings


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def band_polygons(page) -> list:
    from matplotlib.collections import PolyCollection

    axes = page.chart.figure.axes[0]
    return [c for c in axes.collections if isinstance(c, PolyCollection) and "процентил" in str(c.get_label())]


def test_loading_a_benchmark_adds_the_peers_column_and_the_band(page, tmp_path, monkeypatch, qtbot):
    profile = load_profile()
    path = tmp_path / "peers.json"
    path.write_text(json.dumps(benchmark(profile, "primary")), encoding="utf-8")
    warnings = choose(monkeypatch, path)
    assert headers(page.kpi_model) == ["Показатель", "Балл"] and band_polygons(page) == []
    qtbot.mouseClick(page.peers_button, Qt.MouseButton.LeftButton)
    assert warnings == []
    assert headers(page.kpi_model) == ["Показатель", "Балл", "Среди других"]
    scores = page.session.score().kpis
    for row, kpi in enumerate(profile.kpis):
        cell = page.kpi_model.index(row, 2).data()
        assert cell.startswith("среди 120: ")
        if scores[kpi.id] is not None and 20 < scores[kpi.id] < 80:
            assert cell.endswith("-й процентиль")
    assert len(band_polygons(page)) == 1
    assert "индекс — среди 120" in page.peers_note.text() and page.peers_note.isVisibleTo(page)
    page.refresh()  # a second refresh keeps one peers column
    assert headers(page.kpi_model) == ["Показатель", "Балл", "Среди других"]


@pytest.mark.parametrize(
    "content",
    [
        "{}",
        json.dumps(benchmark(load_profile(), "primary")).replace('"n": 120', '"n": true', 1),
        json.dumps(benchmark(load_profile("sudprof"), "primary")),  # another profile than the assessment's
    ],
    ids=["empty-object", "bool-count", "other-profile"],
)
def test_a_refused_benchmark_is_explained_and_changes_nothing(page, tmp_path, monkeypatch, qtbot, content):
    path = tmp_path / "peers.json"
    path.write_text(content, encoding="utf-8")
    warnings = choose(monkeypatch, path)
    qtbot.mouseClick(page.peers_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1 and ("peers.json" in warnings[0] or "методик" in warnings[0])
    assert headers(page.kpi_model) == ["Показатель", "Балл"] and page.benchmark is None
    assert band_polygons(page) == [] and not page.peers_note.isVisibleTo(page)


def test_a_benchmark_without_the_organizations_level_says_so(page, tmp_path):
    path = tmp_path / "peers.json"
    path.write_text(json.dumps(benchmark(load_profile(), "territorial")), encoding="utf-8")
    page.load_benchmark(str(path))
    assert "сравнивать не с кем" in page.peers_note.text()
    assert {page.kpi_model.index(r, 2).data() for r in range(page.kpi_model.rowCount())} == {"—"}


def test_a_published_benchmark_is_taken_without_a_file_and_a_broken_one_is_explained(page, monkeypatch, qtbot):
    from maturity.errors import BadInput
    from maturity.exchange.benchmark_json import parse_benchmark
    from maturity.method.catalog import ProfileCatalog, profile_text_of

    profile = load_profile()
    published = parse_benchmark(
        benchmark(profile, "primary", n=77), "опубликованный", ProfileCatalog([profile_text_of(profile)])
    )
    asked: list[str] = []
    warnings = choose(monkeypatch, Path("не-выбран.json"))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (asked.append("файл"), ([], ""))[1])

    def broken():
        raise BadInput("опубликованное сравнение повреждено")

    page.published_benchmark = broken
    qtbot.mouseClick(page.peers_button, Qt.MouseButton.LeftButton)
    assert warnings == ["опубликованное сравнение повреждено"] and asked == ["файл"] and page.benchmark is None

    page.published_benchmark = lambda: published
    qtbot.mouseClick(page.peers_button, Qt.MouseButton.LeftButton)
    assert asked == ["файл"] and page.benchmark is published  # no second dialog
    assert "среди 77" in page.peers_note.text() and "опубликованное федерацией" in page.peers_note.text()
