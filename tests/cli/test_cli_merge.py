"""`maturity merge A B C … -o merged.json` as a user runs it (a real subprocess): the merged file, its agenda
printed and kept, names staying home; copies that are not of one assessment refused with code 2 and no file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from maturity.cli.parser import build_parser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("Иванова Елена", "Петров Пётр", "Сидорова Анна")


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maturity", *args], capture_output=True, text=True, timeout=90)


def copies(folder: Path, meetings=(85, 95, 300), designated=(True, False, False)) -> list[Path]:
    paths = []
    for number, (name, count, flag) in enumerate(zip(NAMES, meetings, designated, strict=True), 1):
        data = json.loads((EXAMPLES / "primary-small.json").read_text(encoding="utf-8"))
        data["answers"].update(
            {"profile.respondent": name, "k3.info_meetings": count, "k1.responsible_designated": flag}
        )
        data["comments"] = {"k3.info_meetings": f"посчитал {name}"}
        path = folder / f"copy{number}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def test_merge_is_a_command_of_its_own_beside_orgs_merge():
    parser = build_parser()
    args = parser.parse_args(["merge", "a.json", "b.json", "-o", "m.json"])
    assert args.files == ["a.json", "b.json"] and args.output == "m.json"
    args = parser.parse_args(["orgs", "merge", "A", "B"])
    assert args.command == "orgs"


@pytest.mark.subprocess
def test_merge_writes_one_assessment_with_its_agenda_and_the_import_keeps_it(tmp_path):
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    out = tmp_path / "merged.json"
    run = maturity("merge", *map(str, copies(tmp_path)), "-o", str(out), "--db", db)
    assert run.returncode == 0, run.stderr
    assert "Обсудить на заседании" in run.stdout
    assert run.stdout.index("k3.info_meetings") < run.stdout.index("k1.responsible_designated")  # widest first
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["answers"]["k3.info_meetings"] == 95 and data["answers"]["k1.responsible_designated"] is False
    assert data["respondents"] == 3 and data["agenda"][0]["answers"] == [85, 95, 300]
    assert data["answers"]["profile.respondent"] == NAMES[0]
    text = out.read_text(encoding="utf-8") + run.stdout
    assert NAMES[1] not in text.replace(f"посчитал {NAMES[1]}", "") and NAMES[2] not in text.replace(
        f"посчитал {NAMES[2]}", ""
    )
    assert "Респондент 2: посчитал" in data["comments"]["k3.info_meetings"]

    assert maturity("import", str(out), "--db", db).returncode == 0
    uid = data["meta"]["organization_id"]
    again = tmp_path / "again.json"
    assert maturity("export-json", "--org", uid, "--year", "2025", "-o", str(again), "--db", db).returncode == 0
    exported = json.loads(again.read_text(encoding="utf-8"))
    assert exported["agenda"] == data["agenda"] and exported["spread"] == data["spread"]


@pytest.mark.subprocess
def test_copies_of_different_years_are_refused_with_code_2_and_no_file(tmp_path):
    paths = copies(tmp_path)
    data = json.loads(paths[1].read_text(encoding="utf-8"))
    data["year"] = 2024
    paths[1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "merged.json"
    run = maturity("merge", *map(str, paths), "-o", str(out), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert run.returncode == 2
    assert "анкета за 2024 год, а не за 2025" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()
