"""The list of those who have not submitted prints for reminders: A4 landscape, at least 8 pt, every long name
whole (wrapped in its cell, never cut), with the contacts each organization last gave; printed by LibreOffice to
PDF and read back with ``pdftotext -bbox``."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_reading import page_count, pages, pdf_text, squeezed
from test_report_print import soffice_pdf

from maturity.engine.record import build_record
from maturity.method.profile import load_profile
from maturity.storage.store import open_store
from maturity.usecases.submission_status import export_not_submitted

BASE = load_profile("fnpr-base")
A4_LANDSCAPE = (841.9, 595.3)
SMALLEST_WORD_BOX = 7.3  # points: the box pdftotext gives a word of 8 pt type is about 0.92 of it tall


def station(n: int) -> str:
    """Names alike for 60 characters that only their ends tell apart (as in a real region's list)."""
    return (
        "Первичная профсоюзная организация ГБУЗ «Станция скорой медицинской помощи» "
        f"Министерства здравоохранения Липецкой области, подстанция № {n} «Северная-{n}»"
    )


@pytest.fixture
def printed_list(tmp_path: Path, example_answers) -> tuple[Path, list[str], list[str]]:
    """30 organizations not submitted for 2025, half with a 2024 draft naming who fills in their assessment."""
    answers = example_answers("primary-small.json")
    names, contacts = [], []
    with open_store(f"sqlite:///{tmp_path / 'list.db'}") as store:
        parent = store.create_organization("Липецкая областная организация профсоюза", "territorial")
        for n in range(1, 31):
            org = store.create_organization(station(n), "primary", parent=parent)
            names.append(org.name)
            if n % 2:
                contact = {
                    "profile.respondent": f"Иванова Мария Петровна-{n}",
                    "profile.respondent_role": "председатель",
                }
                store.save_record(org, build_record(BASE, 2024, {**answers, "profile.name": org.name, **contact}))
                contacts.append(f"Иванова Мария Петровна-{n}; председатель")
        path = tmp_path / "не сдали.xlsx"
        assert export_not_submitted(store.session, BASE, 2025, path) == 31  # the 30 and their parent
    return soffice_pdf(path, tmp_path), names, contacts


@pytest.mark.libreoffice
@pytest.mark.slow
def test_every_name_and_contact_prints_whole(printed_list):
    pdf, names, contacts = printed_list
    text = squeezed(pdf_text(pdf))

    for name in names:
        assert squeezed(name) in text, name
    for contact in contacts:
        assert squeezed(contact) in text, contact
    assert "…" not in text


@pytest.mark.libreoffice
@pytest.mark.slow
def test_the_list_prints_on_a4_landscape_at_8_pt_or_more_in_few_pages(printed_list):
    pdf, _names, _contacts = printed_list
    printed = pages(pdf)

    assert all((round(p.width, 1), round(p.height, 1)) == A4_LANDSCAPE for p in printed)
    smallest = min(w.y_max - w.y_min for p in printed for w in p.words)
    assert smallest >= SMALLEST_WORD_BOX
    assert page_count(pdf) <= 4  # 31 rows of three or four lines each
