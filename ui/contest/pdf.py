"""The contest's PDFs painted by Qt's ``QPdfWriter``: the «Итоговый протокол» (A4 portrait, the HTML of
:mod:`ui.contest.html` page by page with a footer) and the diplomas (A4 landscape, one page per winner, one
file each). Text stays text (``pdftotext`` reads it back) in DejaVu Sans (:func:`ui.passport.pdf.add_fonts`).
Files are built in memory and written atomically. Needs a ``QGuiApplication``."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument, QTextOption

from maturity.engine.contest import ContestResults, Group, NominationResult, Placed
from maturity.errors import BadInput
from maturity.output_files import write_output
from maturity.views.contest_text import PROTOCOL_TITLE, diploma_lines
from ui.contest.html import protocol_html
from ui.passport.pdf import add_fonts, draw_pages

RESOLUTION = 300
MARGINS_MM = QMarginsF(15, 12, 12, 10)
DIPLOMA_MARGINS_MM = QMarginsF(14, 14, 14, 14)
FOOTER_MM = 7.0
GOLD = "#a07a1c"
BLUE = "#1f5fa8"


def _mm(value: float) -> float:
    return value / 25.4 * RESOLUTION


def _writer(buffer: QBuffer, orientation: QPageLayout.Orientation, margins: QMarginsF, title: str) -> QPdfWriter:
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, margins, QPageLayout.Unit.Millimeter)
    )
    writer.setTitle(title)
    writer.setCreator("Цифровая зрелость")
    return writer


def _document(writer: QPdfWriter, family: str, size: float) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont(family)
    font.setPointSizeF(size)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    option = document.defaultTextOption()  # a word wider than its cell breaks anywhere
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    return document


def protocol_pdf(results: ContestResults) -> bytes:
    """The protocol's PDF bytes: pages of the HTML with «Итоговый протокол … · стр. N из M» at the foot."""
    family = add_fonts()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    title = f"{PROTOCOL_TITLE} за {results.year} год"
    writer = _writer(buffer, QPageLayout.Orientation.Portrait, MARGINS_MM, title)
    document = _document(writer, family, 9)
    width, height = writer.width(), writer.height() - _mm(FOOTER_MM)
    document.setHtml(protocol_html(results))
    document.setPageSize(QSizeF(width, height))
    draw_pages(writer, document, family, height, f"Итоговый протокол смотра-конкурса за {results.year} год")
    buffer.close()
    return bytes(data.data())


def write_protocol_pdf(results: ContestResults, path: str) -> None:
    write_output(path, protocol_pdf(results))


def diploma_html(lines: dict[str, str]) -> str:
    e = escape
    return (
        "<html><body>"
        f'<p align="center" style="font-size: 40pt; color: {GOLD}; font-weight: bold; letter-spacing: 4pt;">'
        f"{e(lines['title'].upper())}</p>"
        f'<p align="center" style="font-size: 13pt;">{e(lines["contest"])}</p>'
        f'<p align="center" style="font-size: 12pt;">{e(lines["scope"])}</p>'
        '<p align="center" style="font-size: 12pt;">&nbsp;</p>'
        f'<p align="center" style="font-size: 13pt;">награждается</p>'
        f'<p align="center" style="font-size: 22pt; font-weight: bold; color: {BLUE};">{e(lines["organization"])}</p>'
        f'<p align="center" style="font-size: 18pt; font-weight: bold;">{e(lines["place"])}</p>'
        f'<p align="center" style="font-size: 14pt;">{e(lines["nomination"])}</p>'
        f'<p align="center" style="font-size: 12pt;">{e(lines["group"])}</p>'
        f'<p align="center" style="font-size: 11pt;">{e(lines["score"])}</p>'
        "</body></html>"
    )


SIGNATURE = "Председатель конкурсной комиссии  ______________________"


def diploma_pdf(results: ContestResults, nomination: NominationResult, group: Group, placed: Placed) -> bytes:
    """One diploma: A4 landscape, a double frame, the text centred and shrunk to fit (a long name wraps)."""
    family = add_fonts()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    lines = diploma_lines(results, nomination, group, placed)
    writer = _writer(buffer, QPageLayout.Orientation.Landscape, DIPLOMA_MARGINS_MM,
                     f"Диплом: {placed.entrant.name}, {nomination.title}, {results.year}")  # fmt: skip
    width, height = writer.width(), writer.height()
    painter = QPainter(writer)
    for inset, thickness in ((0.0, 2.2), (_mm(2.5), 0.6)):
        painter.setPen(QPen(QColor(GOLD), _mm(thickness)))
        painter.drawRect(QRectF(inset, inset, width - 2 * inset, height - 2 * inset))
    pad = _mm(14)
    signature_height = _mm(16)
    box = QRectF(pad, pad, width - 2 * pad, height - 2 * pad - signature_height)
    document = _document(writer, family, 12)
    document.setHtml(diploma_html(lines))
    document.setTextWidth(box.width())
    scale = min(1.0, box.height() / max(1.0, document.size().height()))
    if scale < 1.0:  # a very long name: the whole text smaller, never cut
        document.setTextWidth(box.width() / scale)
    painter.save()
    top = box.top() + max(0.0, (box.height() - document.size().height() * scale) / 2)
    painter.translate(box.left(), top)
    painter.scale(scale, scale)
    document.drawContents(painter)
    painter.restore()
    sign_font = QFont(family)
    sign_font.setPointSizeF(11)
    painter.setFont(sign_font)
    painter.setPen(Qt.GlobalColor.black)
    painter.drawText(QRectF(pad, height - pad - signature_height, width - 2 * pad, signature_height),
                     int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), SIGNATURE)  # fmt: skip
    painter.drawText(QRectF(pad, height - pad - signature_height, width - 2 * pad, signature_height),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                     "«____» ______________ 20___ г.")  # fmt: skip
    painter.end()
    buffer.close()
    return bytes(data.data())


def diploma_file_name(nomination: NominationResult, group: Group, placed: Placed, taken: set[str]) -> str:
    """«Диплом-overall-1-Название.pdf»: the name with letters, digits, spaces and dashes only (a name is never
    a path), at most 60 of them; a number added when two would be the same."""
    name = re.sub(r"[^\w\s-]", "_", placed.entrant.name, flags=re.UNICODE).strip(" _") or "организация"
    base = f"Диплом-{nomination.id}-{placed.place}-{name[:60].rstrip()}"
    candidate, n = f"{base}.pdf", 2
    while candidate.casefold() in taken:
        candidate, n = f"{base}-{n}.pdf", n + 1
    taken.add(candidate.casefold())
    return candidate


def write_diplomas(results: ContestResults, folder: str) -> list[Path]:
    """A diploma per winner of every nomination and group into ``folder`` (created); the files written."""
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise BadInput(f"«{folder}» — не папка: дипломы записываются в папку")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from maturity.errors import os_why

        raise BadInput(f"папка «{folder}» не создаётся ({os_why(exc)})") from None
    written: list[Path] = []
    taken: set[str] = set()
    for nomination in results.nominations:
        for group in nomination.groups:
            for placed in group.winners:
                path = target / diploma_file_name(nomination, group, placed, taken)
                written.append(write_output(path, diploma_pdf(results, nomination, group, placed)))
    return written
