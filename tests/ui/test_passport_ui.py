"""«Печать / PDF…»: the passport written from the result page and from the main window, read back with
poppler's tools as a chair's PDF viewer would (text, pages, fonts); hostile names wrap and are not cut."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from base_versions import pin_window_to_2025_1
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from lanes import examples
from pdf_reading import Word, fonts, images, page_count, pages, pdf_text, squeezed
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from maturity.engine.plan import RESPONSIBLE_MAX, PlanStep, default_plan, step_title
from maturity.method.profile import load_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
ANSWERS = json.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]
NAME = ANSWERS["profile.name"]
# last year: fewer channels, a paper register, fewer subscribers — a longer road map (28 steps)
LAST_YEAR = ANSWERS | {
    "k1.structure": "none", "k1.responsible_designated": False, "k3.exchange_up": "yearly",
    "k4.subscribers": 20, "k4.main_subscribers": 20, "k4.reactions_last10": 15, "k4.posts_per_week": 0.5,
    "k6.channels": ["stand", "meetings"], "k6.members_reached": 30, "k7.contacts": ["phone"],
    "k8.member_registry": "paper", "k9.participants_offline": 15,
}  # fmt: skip
STATUSES = ("done", "done", "done", "in_progress", "dropped", "planned")
MM = 72 / 25.4  # points in a millimetre
SLACK = 1.5  # points


def fill_two_years(store, profile) -> object:
    """A primary organization with 2024 (its whole road map kept as the plan, a third of it done…) and 2025
    (its road map kept as the plan, with the responsible people)."""
    org = store.create_organization(NAME, "primary", members=ANSWERS["profile.members"])
    store.save_assessment(org, 2024, profile, LAST_YEAR)
    last = default_plan(profile, LAST_YEAR, 2024)
    store.save_plan(org, 2024, [PlanStep(s.step, STATUSES[i % 6], "Иванова Е. В.", s.due) for i, s in enumerate(last)])
    store.save_assessment(org, 2025, profile, ANSWERS)
    plan = default_plan(profile, ANSWERS, 2025)
    people = ("Иванова Е. В.", "Петров А. С.")
    store.save_plan(org, 2025, [PlanStep(s.step, "planned", people[i % 2], s.due) for i, s in enumerate(plan)])
    return org


def answer_dialog(monkeypatch, path: Path) -> list[str]:
    """The save dialog answers ``path``; warnings are collected instead of shown."""
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "Документ PDF (*.pdf)"))
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warnings.append(text))
    return warnings


@pytest.fixture
def two_years(main_window):
    pin_window_to_2025_1(main_window)  # the figures below (58,4; +12,9) are the example's under 2025.1
    org = fill_two_years(main_window.view.store, main_window.view.default_profile)
    main_window.view.refresh(org.id)
    main_window.view.select_year(2025)
    return main_window


def assert_the_passport_of_2025(path: Path) -> None:
    profile = load_profile("fnpr-base", "2025.1")  # pinned: the example answers are 2025.1's
    text = pdf_text(path)
    flat = squeezed(text)
    assert squeezed(NAME) in flat
    assert "58,4" in text and "+12,9 к 2024 году" in text
    for kpi in profile.kpis:
        assert squeezed(kpi.title) in flat, kpi.title
    first_step = default_plan(profile, ANSWERS, 2025)[0].step
    assert squeezed(step_title(profile, first_step)) in flat
    assert "Петров А. С." in text and "I кв. 2026" in text
    assert "Итоги: план на 2025 год" in text and "Дата" in text and "Председатель" in text and "Подпись" in text
    assert page_count(path) <= 2
    assert fonts(path) and all(embedded for _name, embedded in fonts(path))
    ((width, _height),) = images(path)  # the radar, drawn at 220 dpi for a print about 11 cm wide
    assert width > 800


@pytest.mark.subprocess
def test_the_result_pages_print_button_writes_the_passport(qtbot, two_years, monkeypatch, tmp_path):
    from ui.wizard.wizard import RESULT_POSITION

    wizard = two_years.view.open_selected()
    wizard.go_to(RESULT_POSITION)
    page = wizard.result_page
    assert page.passport_button.text() == "Печать / PDF…" and page.passport_button.isVisible()
    target = tmp_path / "паспорт"
    warnings = answer_dialog(monkeypatch, target)

    qtbot.mouseClick(page.passport_button, Qt.MouseButton.LeftButton)

    written = tmp_path / "паспорт.pdf"  # the suffix is added
    assert warnings == [] and written.is_file()
    assert_the_passport_of_2025(written)
    assert page.status.text() == f"Паспорт сохранён: {written}"


@pytest.mark.subprocess
def test_the_main_windows_action_writes_the_selected_years_passport(two_years, monkeypatch, tmp_path):
    target = tmp_path / "паспорт-2025.pdf"
    warnings = answer_dialog(monkeypatch, target)
    assert two_years.passport_action.isEnabled()

    two_years.passport_action.trigger()

    assert warnings == []
    assert_the_passport_of_2025(target)


def test_an_unwritable_place_is_refused_with_the_reason_and_nothing_is_written(two_years, monkeypatch, tmp_path):
    target = tmp_path / "нет такой папки" / "паспорт.pdf"
    warnings = answer_dialog(monkeypatch, target)

    assert two_years.view.print_passport_selected() is None

    assert len(warnings) == 1 and "не существует" in warnings[0]
    assert not target.parent.exists()


@pytest.mark.subprocess
def test_the_chairs_plan_edits_are_in_the_passport_before_they_are_saved(qtbot, two_years, monkeypatch, tmp_path):
    from ui.plan.model import RESPONSIBLE

    wizard = two_years.view.open_selected()
    model = wizard.result_page.plan_panel.model
    assert model.setData(model.index(0, RESPONSIBLE), "Сидорова Н. П.")
    answer_dialog(monkeypatch, tmp_path / "p.pdf")

    wizard.result_page.save_passport()

    assert "Сидорова Н. П." in pdf_text(tmp_path / "p.pdf")


# ------------------------------------------------------------------ hostile names wrap, nothing is cut

LETTERS = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяABCXYZabcxyz0123456789"
PUNCTUATION = "«»№.,;:!?()-—/\\\"'<>&%"
pieces = st.one_of(
    st.text(st.sampled_from(LETTERS + PUNCTUATION), min_size=1, max_size=40),
    st.sampled_from(["<b>&", "</td></tr></table>", "&amp;", "<img src=x>", " ", " ", "Ш" * 120]),
)
hostile_names = st.lists(pieces, min_size=1, max_size=10).map("".join).filter(lambda s: s.strip())
# as long as a plan may hold (a longer one is refused when the plan is read or edited)
hostile_responsibles = hostile_names.map(lambda s: s[:RESPONSIBLE_MAX].strip()).filter(bool)
# a found case: 300 letters, two unbreakable runs of «Ш», and a name of three lines that puts the row across the
# page break (the second page repeats the table's header, then the rest of the cell)
TAGS = "НОВ7н;\\'х{}ЕсэОАлО\"ущ%4-\\Б</td></tr></table>\\Ю(ш{}<b>&:Ю5"
SPLIT_RESPONSIBLE = TAGS.format("Ш" * 110, "9" * 30 + "Ш" * 107)
SPLIT_NAME = (
    "ф\\A<img src=x>Zёж'(—&amp;</td></tr></table>:Ъ(пЖЭтЁxщ&amp;уЕ Первичная профсоюзная организация работников"
)


# each example paints a PDF (about two seconds): a few generated ones, no shrinking, and the known hard cases
@pytest.mark.subprocess
@settings(
    max_examples=examples(8),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
@given(name=hostile_names, responsible=hostile_responsibles)
@example(name="<b>&</td></tr></table>" + "Ш" * 300, responsible="000000Ж000000000000")
@example(name=" ".join(["Первичная профсоюзная организация «<b>&»"] * 8), responsible="Иванова & <i>Петрова</i>")
@example(name=SPLIT_NAME, responsible=SPLIT_RESPONSIBLE)
@example(name=SPLIT_NAME[:60], responsible=SPLIT_RESPONSIBLE)  # the row on one page, just
@example(name=SPLIT_NAME + " «<b>&»", responsible="Ш" * RESPONSIBLE_MAX)  # one word of 300 letters, split
@example(name=SPLIT_NAME * 2, responsible=" ".join(["</td></tr></table>", "<b>&", "Ш" * 60] * 4)[:RESPONSIBLE_MAX])
def test_a_hostile_name_is_printed_whole_and_inside_the_page(qapp, tmp_path_factory, name, responsible):
    from maturity.engine.scoring import score
    from maturity.usecases.passport import passport_content
    from ui.passport.pdf import write_passport_pdf

    profile = load_profile("fnpr-base", "2025.1")  # pinned: the example answers are 2025.1's
    step = default_plan(profile, ANSWERS, 2025)[0].step
    content = passport_content(
        profile, 2025, ANSWERS, score(profile, ANSWERS), organization_name=name, draft=False,
        plan=[PlanStep(step, "planned", responsible.strip(), "2026-Q1")], plan_saved=True,
    )  # fmt: skip
    path = tmp_path_factory.mktemp("passport") / "p.pdf"
    write_passport_pdf(content, str(path))

    words = visible_words(path)
    assert squeezed(content.organization) in squeezed(" ".join(w.text for _page, w in words))  # wrapped lines joined
    # the plan's only row may run over the page break: its cell is read down its column, as a person reads it
    assert squeezed(column_text(words, "Ответственный", "Срок")) == squeezed(responsible)


def visible_words(path: Path) -> list[tuple[int, Word]]:
    """(page number, word) of the pages' text areas in the order written; fails on a word cut by an edge of
    the area or reaching into a side margin. Words in the top margin are a split table row's lines already
    shown on the page before (painted there too, clipped away); below the text area is the page's footer."""
    from ui.passport.pdf import FOOTER_MM, MARGINS_MM

    words = []
    for number, page in enumerate(pages(path), start=1):
        top = MARGINS_MM.top() * MM
        bottom = page.height - (MARGINS_MM.bottom() + FOOTER_MM) * MM
        left, right = MARGINS_MM.left() * MM, page.width - MARGINS_MM.right() * MM
        for word in page.words:  # a box is the font's height: it may pass a line's edge by a point or so
            for edge in (top, bottom):
                assert not word.y_min < edge - SLACK < edge + SLACK < word.y_max, word
            if word.y_max <= top + SLACK or word.y_min >= bottom - SLACK:
                continue
            assert left - SLACK <= word.x_min and word.x_max <= right + SLACK, word
            words.append((number, word))
    return words


def column_text(words: list[tuple[int, Word]], heading: str, next_heading: str) -> str:
    """The text of the plan's column ``heading`` (left aligned, up to the column ``next_heading``) from the
    table's header down to the signature, on every page the table runs over, its repeated header left out."""
    from maturity.usecases.passport import SIGNATURE_DATE

    starts = {(n, w.y_min): w.x_min for n, w in words if w.text == heading}
    ends = {(n, w.y_min): w.x_min for n, w in words if w.text == next_heading}
    heads = sorted(starts.keys() & ends.keys())  # the header's line on each page (the same y for both)
    assert heads, "нет заголовка таблицы плана"
    left, right = starts[heads[0]] - SLACK, ends[heads[0]] - SLACK
    found = []
    for n, w in words:
        if (n, w.y_min) <= heads[0] or (n, w.y_min) in heads:
            continue
        if w.text == f"{SIGNATURE_DATE}:":
            break
        if left <= w.x_min < right:
            found.append(w.text)
    return " ".join(found)


@pytest.mark.subprocess
def test_a_loaded_benchmark_puts_the_peers_in_the_passport(qtbot, two_years, monkeypatch, tmp_path):
    from maturity.engine.benchmark import PERCENTILES

    profile = two_years.view.default_profile
    spread = {"n": 120, "mean": 50.0, **{f"p{p}": v for p, v in zip(PERCENTILES, (20, 30, 50, 60, 80), strict=True)}}
    peers = tmp_path / "сравнение.json"
    peers.write_text(
        json.dumps({"format": "maturity-benchmark", "format_version": 1, "year": 2025,
                    "profile": {"id": profile.id, "version": profile.version},
                    "groups": [{"level": "primary", "n": 120, "kpis": {k.id: spread for k in profile.kpis},
                                "index": spread, "digital_index": spread}]}),
        encoding="utf-8",
    )  # fmt: skip
    wizard = two_years.view.open_selected()
    wizard.result_page.load_benchmark(str(peers))
    answer_dialog(monkeypatch, tmp_path / "p.pdf")

    wizard.result_page.save_passport()

    text = pdf_text(tmp_path / "p.pdf")
    # K1 44,0 between p25 = 30 and p50 = 50: the 43rd percentile; the index 58,4: the 71st
    assert "Среди других" in text and "Медиана" in text and "43-й процентиль" in text
    assert "среди 120: 71-й процентиль, медиана 50,0" in text
    assert page_count(tmp_path / "p.pdf") <= 2


@pytest.mark.subprocess
def test_a_year_whose_last_plan_was_done_whole_still_fits_two_pages(qapp, main_window, tmp_path):
    from maturity.usecases.passport import passport_from_store
    from ui.passport.pdf import write_passport_pdf

    pin_window_to_2025_1(main_window)  # the plan's length below is the example's under 2025.1
    store, profile = main_window.view.store, main_window.view.default_profile
    org = fill_two_years(store, profile)
    last = default_plan(profile, LAST_YEAR, 2024)
    store.save_plan(org, 2024, [PlanStep(s.step, "done", "Иванова Е. В.", s.due) for s in last])
    content = passport_from_store(store, org, 2025)
    assert len(content.last_year.done) == len(last) == 28 and len(content.plan) == 20

    write_passport_pdf(content, str(tmp_path / "p.pdf"))

    assert page_count(tmp_path / "p.pdf") == 2
    assert "Подпись" in pdf_text(tmp_path / "p.pdf")
