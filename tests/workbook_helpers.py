"""Helpers for the Excel exchange tests: example documents, a workbook's XML, cells by question id."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from maturity.exchange.assessment_json import AssessmentDocument, read_assessment_json

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_NAMES = ("primary-small.json", "primary-shipyard.json", "territorial-health.json")


def example(name: str = "primary-small.json") -> AssessmentDocument:
    return read_assessment_json(EXAMPLES / name)


def examples() -> list[AssessmentDocument]:
    return [example(name) for name in EXAMPLE_NAMES]


def as_sets(answers: dict) -> dict:
    """Answers with multi-choice lists as sets (a form lists chosen options in the profile's order)."""
    return {k: (frozenset(v) if isinstance(v, list) else v) for k, v in answers.items()}


def sheet_xml(path: Path) -> dict[str, str]:
    """The XML of every worksheet of a workbook, by sheet title."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        targets = dict(re.findall(r'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
        targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
        out = {}
        for title, rid in re.findall(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', workbook):
            target = targets[rid].lstrip("/")
            target = target if target.startswith("xl/") else f"xl/{target}"
            out[title] = archive.read(target).decode()
        return out


def row_of(ws, code: str, column: int = 1) -> int:
    """The row whose cell in ``column`` holds ``code`` (a question id in a form or a machine sheet)."""
    for row in ws.iter_rows(min_col=column, max_col=column):
        if row[0].value == code:
            return row[0].row
    raise KeyError(code)


def rewrite_member(source: Path, target: Path, member: str, change) -> None:
    """Copy a workbook, passing one zip member's text through ``change``."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                data = change(data.decode()).encode()
            out.writestr(info, data)
