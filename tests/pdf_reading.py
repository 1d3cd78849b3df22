"""Reading a PDF back as a person's tools do (poppler-utils: pdftotext, pdfinfo, pdffonts), for the
passport's tests. Fails (never skips) when poppler-utils is missing: scripts/setup-system installs it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} (poppler-utils) не установлен: выполните scripts/setup-system libreoffice", pytrace=False)
    return path


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, encoding="utf-8").stdout


def pdf_text(path: Path) -> str:
    """The text ``pdftotext -raw`` gets back (in the order it was written: a table cell's wrapped lines
    stay together), lines joined by single spaces."""
    return " ".join(_run(_tool("pdftotext"), "-raw", str(path), "-").split())


def squeezed(text: str) -> str:
    """Without any white space: a wrapped line is split where the page ran out, not where the text had a space."""
    return re.sub(r"\s+", "", text)


def page_count(path: Path) -> int:
    found = re.search(r"^Pages:\s+(\d+)", _run(_tool("pdfinfo"), str(path)), re.MULTILINE)
    assert found is not None
    return int(found.group(1))


def images(path: Path) -> list[tuple[int, int]]:
    """(width, height) in pixels of each picture of the PDF (``pdfimages -list``; soft masks left out)."""
    lines = _run(_tool("pdfimages"), "-list", str(path)).splitlines()[2:]
    return [(int(p[3]), int(p[4])) for p in (line.split() for line in lines) if p[2] == "image"]


def fonts(path: Path) -> list[tuple[str, bool]]:
    """(name, embedded) of each font of the PDF."""
    lines = _run(_tool("pdffonts"), str(path)).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type… encoding emb sub uni object ID: «emb» is the fifth field from the end
        rows.append((parts[0], parts[-5] == "yes"))
    return rows


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pages(path: Path) -> list[Page]:
    """Every page with the box of each word in the order it was written (``pdftotext -raw -bbox``), in
    points from the page's top left. Text painted outside the page's clip (Qt paints a table row split
    between pages on both, each clipped to its part) is listed too: tell it by where it is."""
    markup = _run(_tool("pdftotext"), "-raw", "-bbox", str(path), "-")
    found = []
    for width, height, body in _PAGE.findall(markup):
        words = tuple(
            Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in _WORD.findall(body)
        )
        found.append(Page(float(width), float(height), words))
    return found
