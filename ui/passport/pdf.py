"""The passport as an A4 PDF: Qt's ``QPdfWriter`` paints the HTML of :mod:`ui.passport.html` page by page.

The text is real text in the PDF (``pdftotext`` reads it back) in DejaVu Sans, the font matplotlib
ships (so the bundle has it on every system): its files are added to Qt's font database and the
PDF embeds them. The radar is drawn by :func:`maturity.views.charts.kpi_radar` at 220 dpi. Each
page gets a footer with the year and «стр. 1 из 2». Needs a ``QGuiApplication`` (fonts, images).
"""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from maturity.output_files import write_output
from maturity.usecases.passport import Passport
from maturity.views.charts import RadarLabels
from ui.passport.html import RADAR_URL, passport_html

RESOLUTION = 300  # dots per inch of the PDF's page coordinates
MARGINS_MM = QMarginsF(13, 11, 12, 9)  # left, top, right, bottom
FOOTER_MM = 7.0
FONT_FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
RADAR_SIZE = (4.4, 3.1)  # inches; printed at about this size (the image is 113 mm wide)
RADAR_DPI = 220
# every KPI title whole («K7 Цифровая зрелость: доступность цифрового взаимодействия»: five lines)
RADAR_LABELS = RadarLabels(width=18, lines=6, size=7, outward=True)
_fonts_added = False


def add_fonts() -> str:
    """Put matplotlib's DejaVu Sans in Qt's font database (once); the family to ask for."""
    global _fonts_added
    if not _fonts_added:
        import matplotlib

        folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        added = [QFontDatabase.addApplicationFont(str(folder / name)) for name in FONT_FILES]
        _fonts_added = any(font_id != -1 for font_id in added)  # -1: no file, or no QGuiApplication yet
    return FONT_FAMILY


def radar_png(passport: Passport) -> bytes:
    """This year's radar over the earlier year's (and the peers' band), as the result page draws it."""
    from maturity.views.charts import kpi_radar

    radar = passport.radar
    figure = kpi_radar(
        radar.titles,
        radar.scores,
        radar.previous,
        current_label=radar.current_label,
        previous_label=radar.previous_label,
        size=RADAR_SIZE,
        band=radar.band,
        labels=RADAR_LABELS,
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=RADAR_DPI, bbox_inches="tight", pad_inches=0.04)
    return buffer.getvalue()


def _mm(value: float) -> float:
    return value / 25.4 * RESOLUTION


def passport_pdf(passport: Passport) -> bytes:
    """The PDF file's bytes (built in memory: a failure never leaves half a file)."""
    family = add_fonts()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"{passport.title}: {passport.organization}, {passport.year} год")
    writer.setCreator("Цифровая зрелость")

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont(family)
    font.setPointSizeF(9)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    option = document.defaultTextOption()  # a word wider than its cell (a name of 300 «Ш») breaks anywhere
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    image = QImage.fromData(radar_png(passport))  # PNG, found from its signature
    document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(RADAR_URL), image)
    width, height = writer.width(), writer.height() - _mm(FOOTER_MM)
    for break_before in range(3):  # the signature never stands alone: its section goes to its page
        document.setHtml(passport_html(passport, break_before))
        document.setPageSize(QSizeF(width, height))
        if not signature_alone(document, height):
            break

    draw_pages(writer, document, family, height, f"{passport.title} за {passport.year} год")
    buffer.close()
    return bytes(data.data())


def draw_pages(writer: QPdfWriter, document: QTextDocument, family: str, height: float, footer_text: str) -> None:
    """Draw ``document`` (laid out in pages ``height`` tall) onto ``writer``, page by page, each with a small grey
    footer: «``footer_text`` · стр. N из M» at the bottom right."""
    width = writer.width()
    painter = QPainter(writer)
    pages = document.pageCount()
    footer_font = QFont(family)
    footer_font.setPointSizeF(7)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.save()
        painter.translate(0, -page * height)
        document.drawContents(painter, QRectF(0, page * height, width, height))
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(Qt.GlobalColor.darkGray)
        footer = QRectF(0, height, width, writer.height() - height)
        painter.drawText(
            footer,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
            f"{footer_text} · стр. {page + 1} из {pages}",
        )
    painter.end()


def signature_alone(document: QTextDocument, page_height: float) -> bool:
    """Whether the signature (the document's last table) would be split between pages, or begin a page
    with nothing of the passport above it."""
    from PySide6.QtGui import QTextTable

    layout = document.documentLayout()
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    if not tables:
        return False
    signature = tables[-1]
    box = layout.frameBoundingRect(signature)
    first, last = int(box.top() // page_height), int((box.bottom() - 1) // page_height)
    if first != last:
        return True
    block, content_bottom = document.begin(), -1.0
    while block.isValid() and block.position() < signature.firstPosition():
        if block.text().strip():
            content_bottom = max(content_bottom, layout.blockBoundingRect(block).bottom())  # the page's coordinates
        block = block.next()
    return content_bottom < first * page_height


def write_passport_pdf(passport: Passport, path: str) -> None:
    """Write the passport to ``path`` atomically (OutputError, a BadInput, with the Russian reason)."""
    write_output(path, passport_pdf(passport))
