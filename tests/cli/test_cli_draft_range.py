"""`maturity score` of an incomplete file: the index as the range it can still end in (issue 21, item 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from maturity.engine.draft_range import index_range
from maturity.engine.rounding import round_figure
from maturity.engine.scoring import score
from maturity.method.profile import load_profile

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity", *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def _draft_file(tmp_path: Path, share: int) -> tuple[Path, dict, dict]:
    document = json.loads((EXAMPLES / "primary-shipyard.json").read_text(encoding="utf-8"))
    answers = document["answers"]
    profile = load_profile("fnpr-base", "2025.1")
    order = [q.id for s in profile.sections for q in s.questions if q.id in answers]
    document["answers"] = {qid: answers[qid] for qid in order[: len(order) * share // 100]}
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path, document["answers"], answers


@pytest.mark.subprocess
def test_score_json_of_a_draft_gives_its_range_and_no_level_across_levels(tmp_path):
    path, draft, complete = _draft_file(tmp_path, 35)
    done = maturity("score", str(path), "--json")
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    low, high = output["index_range"]
    final = round_figure(score(load_profile("fnpr-base", "2025.1"), complete).index)
    assert low < final < high
    assert output["level"] is None  # the range spans several levels
    span = index_range(load_profile("fnpr-base", "2025.1"), draft)
    assert [low, high] == [round_figure(span.low), round_figure(span.high)]


@pytest.mark.subprocess
def test_score_json_of_a_complete_file_has_no_range_and_its_level():
    done = maturity("score", str(EXAMPLES / "primary-shipyard.json"), "--json")
    output = json.loads(done.stdout)
    assert "index_range" not in output and output["level"] == "leading"


@pytest.mark.subprocess
def test_score_text_of_a_draft_reads_from_and_to(tmp_path):
    path, draft, _ = _draft_file(tmp_path, 35)
    done = maturity("score", str(path))
    assert done.returncode == 0, done.stderr
    span = index_range(load_profile("fnpr-base", "2025.1"), draft)
    low = f"{round_figure(span.low):.1f}".replace(".", ",")
    high = f"{round_figure(span.high):.1f}".replace(".", ",")
    assert f"Индекс информационной работы и цифровой зрелости: от {low} до {high}" in done.stdout
    assert "Уровень: пока не ясен" in done.stdout
