"""How a road-map step names what it improves: the KPI by its title (never its code), or the norm."""

from __future__ import annotations

from maturity.engine.roadmap import Recommendation


def roadmap_subject(step: Recommendation) -> str:
    """«Информационная структура» for a KPI's component; «Норматив: …» for a failed norm."""
    return step.title if step.kpi_id else f"Норматив: {step.title}"
