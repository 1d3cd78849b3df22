"""A generated federation for the impact tests, and new versions of fnpr-base drawn from what a federation changes:
targets, KPI weights, the levels' thresholds, a question made required, a question's upper bound lowered."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from hypothesis import strategies as st

from maturity.engine.impact import Figures, ImpactTally
from maturity.method.profile import load_profile
from maturity.storage.store import Store, open_store
from maturity.usecases.demo import demo_documents
from maturity.usecases.importing import import_documents

YEARS = (2024, 2025)


@dataclass(frozen=True)
class Change:
    """What a drawn new version changes in fnpr-base (applied by :func:`version_text`)."""

    factors: dict[str, float] = field(default_factory=dict)  # plain numeric parameters, multiplied
    weights: dict[str, float] = field(default_factory=dict)  # KPI id → its weight
    level_starts: tuple[int, ...] | None = None  # the thresholds of the levels after «initial» (ascending)
    required: tuple[str, ...] = ()  # optional questions made required
    lowered_max: dict[str, int] = field(default_factory=dict)  # question id → a new upper bound


def base_data() -> dict:
    return yaml.safe_load(load_profile("fnpr-base").text)


def version_text(version: str, change: Change) -> str:
    data = base_data()
    data["version"] = version
    for name, factor in change.factors.items():
        data["parameters"][name] = data["parameters"][name] * factor
    for kpi in data["kpis"]:
        if kpi["id"] in change.weights:
            kpi["weight"] = change.weights[kpi["id"]]
    if change.level_starts is not None:
        for level, start in zip(data["maturity_levels"][1:], change.level_starts, strict=True):
            level["from"] = start
    for section in data["sections"]:
        for question in section["questions"]:
            if question["id"] in change.required:
                question["optional"] = False
            if question["id"] in change.lowered_max:
                question["max"] = change.lowered_max[question["id"]]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _plain_parameters() -> list[str]:
    return sorted(k for k, v in base_data()["parameters"].items() if isinstance(v, (int, float)))


def _optional_questions() -> list[str]:
    return sorted(q["id"] for s in base_data()["sections"] for q in s["questions"] if q.get("optional"))


def _bounded_ints() -> list[str]:
    return sorted(
        q["id"]
        for s in base_data()["sections"]
        for q in s["questions"]
        if q["type"] == "int" and "max" in q and not q["id"].startswith("profile.")
    )


@st.composite
def changes(draw) -> Change:
    kpi_ids = [k.id for k in load_profile("fnpr-base").kpis]
    factors = draw(st.dictionaries(st.sampled_from(_plain_parameters()), st.sampled_from([0.5, 0.8, 1.25, 2.0, 3.0])))
    weights = draw(st.dictionaries(st.sampled_from(kpi_ids), st.integers(1, 5).map(float)))
    starts = draw(
        st.none() | st.lists(st.integers(1, 99), min_size=4, max_size=4, unique=True).map(lambda xs: tuple(sorted(xs)))
    )
    required = tuple(draw(st.lists(st.sampled_from(_optional_questions()), max_size=1, unique=True)))
    lowered = draw(st.dictionaries(st.sampled_from(_bounded_ints()), st.integers(0, 10), max_size=1))
    return Change(factors, weights, starts, required, lowered)


@cache
def _built_federation(primaries: int) -> Path:
    """A SQLite file with the demo federation of ``primaries`` primaries over YEARS, built once per run."""
    folder = Path(tempfile.mkdtemp(prefix="maturity-impact-"))
    path = folder / "federation.db"
    with open_store(f"sqlite:///{path}") as store:
        report = import_documents(
            store, demo_documents(seed=11, primaries=primaries, years=YEARS), on_conflict="replace"
        )
        assert not report.rejected, report.summary()
    return path


def federation_copy(tmp: Path, primaries: int = 40) -> str:
    """The URL of a fresh copy of the generated federation in ``tmp``."""
    target = tmp / f"federation-{len(list(tmp.glob('federation-*.db')))}.db"
    shutil.copyfile(_built_federation(primaries), target)
    return f"sqlite:///{target}"


def stored_figures(store: Store, org_id: int, year: int) -> tuple[Figures, str, str]:
    """(the figures of the organization's assessment as stored, its version, its organization's name)."""
    assessment = store.get_assessment(org_id, year)
    assert assessment is not None
    score = store.get_score(assessment)
    assert score is not None
    org = store.get_organization(org_id)
    assert org is not None
    figures = Figures(score.index, score.level, store.get_kpis(assessment), dict(score.norms), assessment.status)
    return figures, assessment.profile_version, org.name


def tally_for(profile, year: int) -> ImpactTally:
    order = tuple(sorted((lvl.id for lvl in profile.data.maturity_levels), key=lambda i: [
        lvl.from_ for lvl in profile.data.maturity_levels if lvl.id == i]))  # fmt: skip
    return ImpactTally(profile.id, profile.version, year, tuple(k.id for k in profile.kpis),
                       tuple(n.id for n in profile.norms), order)  # fmt: skip
