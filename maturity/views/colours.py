"""The colour of a score, as the comparison window and the report show it (its text: :mod:`maturity.views.numbers`)."""

from __future__ import annotations

SCALE = ((0.0, (0xF8, 0x69, 0x6B)), (50.0, (0xFF, 0xEB, 0x84)), (100.0, (0x63, 0xBE, 0x7B)))  # the Excel report's


def score_colour(value: float | None) -> str | None:
    """The red–yellow–green colour of a 0–100 score (the report's colour scale), None for no score."""
    if value is None:
        return None
    value = min(100.0, max(0.0, float(value)))
    (low, start), (high, end) = (SCALE[0], SCALE[1]) if value <= 50 else (SCALE[1], SCALE[2])
    t = (value - low) / (high - low)
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(start, end, strict=True))
