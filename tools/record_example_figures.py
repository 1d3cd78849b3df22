"""Record the figures of the shipped examples under a profile version (a test compares them later).

Run: ``.venv/bin/python -m tools.record_example_figures fnpr-base:2025.1 sudprof:2025.1 > FILE.json``.
Every figure is written unrounded (repr of the float), so a change in the last digit shows.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from maturity.engine.scoring import score
from maturity.engine.validation import clean_answers
from maturity.method.profile import load_profile

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def figures(profile_id: str, version: str | None) -> dict[str, object]:
    profile = load_profile(profile_id, version or None)
    found: dict[str, object] = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
        result = score(profile, clean_answers(profile, answers))
        found[path.name] = {
            "index": result.index,
            "digital_index": result.digital_index,
            "level": result.level,
            "kpis": dict(result.kpis),
            "components": {k: dict(v) for k, v in result.components.items()},
            "norms": dict(result.norm_statuses),
            "completeness": result.completeness,
        }
    return {"profile": profile.id, "version": profile.version, "sha256": profile.sha256, "examples": found}


def main(argv: list[str]) -> int:
    named = [arg.partition(":") for arg in argv]
    out = [figures(pid, version or None) for pid, _, version in named]
    print(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
