"""Benchmark: score 100,000 generated assessments.

Prints assessments per second for the engine (``score``: the profile compiled to one function), and
beside it, in the same run: the previous implementation (``Scorer.reference``, the readable closures)
on the same answers, interleaved with it chunk by chunk so that a neighbour's load hits both alike, and
the time of only loading those answer dicts from JSON. The aim: at least 50 000 per second on one core.

    python bench/score.py [--count 100000] [--profile fnpr-base]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import time

from maturity.engine.scoring import score, scorer_for
from maturity.method.profile import load_profile

CHUNK = 5_000  # the engine and the previous implementation take turns, chunk by chunk


def generate(profile, count: int, seed: int = 2025) -> list[str]:
    """``count`` answer sets as JSON texts: every question answered at random, within the rules."""
    rng = random.Random(seed)
    questions = [q for s in profile.sections for q in s.questions]
    levels = ["primary"] * 7 + ["territorial", "association", "union"]
    texts = []
    for _ in range(count):
        members = rng.choice([rng.randint(5, 100), rng.randint(100, 1500), rng.randint(1500, 60000)])
        answers = {"profile.level": rng.choice(levels), "profile.members": members}
        for q in questions:
            if q.id in answers or rng.random() < 0.05:
                continue
            if q.type == "bool":
                answers[q.id] = rng.random() < 0.5
            elif q.type == "int":
                answers[q.id] = rng.randint(0, members)
            elif q.type == "number":
                answers[q.id] = round(rng.uniform(0, 10_000_000 if q.money else 10), 2)
            elif q.type == "choice":
                answers[q.id] = rng.choice(q.options).id
            elif q.type == "multi":
                answers[q.id] = [o.id for o in q.options if rng.random() < 0.5]
            else:
                answers[q.id] = "Первичная профсоюзная организация"
        if "profile.info_spending" in answers and "profile.budget" in answers:
            answers["profile.info_spending"] = min(answers["profile.info_spending"], answers["profile.budget"])
        if "k4.main_subscribers" in answers and "k4.subscribers" in answers:
            answers["k4.main_subscribers"] = min(answers["k4.main_subscribers"], answers["k4.subscribers"])
        texts.append(json.dumps(answers, ensure_ascii=False))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--profile", default="fnpr-base")
    args = parser.parse_args()
    profile = load_profile(args.profile)
    texts = generate(profile, args.count)

    # As timeit does, the cyclic garbage collector is off while timing (both figures alike):
    # otherwise its passes over 100 000 live results dominate what is measured.
    gc.collect()
    gc.disable()
    start = time.perf_counter()
    loaded = [json.loads(t) for t in texts]
    baseline = time.perf_counter() - start

    # Each result is used (its index kept) and dropped, as an import that writes it would do;
    # holding 100 000 full results (≈ 0.5 GB) would measure the memory allocator instead.
    reference = scorer_for(profile).reference
    engine = previous = 0.0
    indexes: list = []
    for start in range(0, len(loaded), CHUNK):
        chunk = loaded[start : start + CHUNK]
        began = time.perf_counter()
        indexes += [score(profile, answers).index for answers in chunk]
        engine += time.perf_counter() - began
        began = time.perf_counter()
        previous_indexes = [reference(answers).index for answers in chunk]
        previous += time.perf_counter() - began
        assert previous_indexes == indexes[start:]
    gc.enable()

    assert len(indexes) == args.count
    scored = sum(1 for i in indexes if i is not None)
    print(f"assessments:              {args.count:,}".replace(",", " "))
    print(f"baseline (json.loads):    {baseline:7.3f} s  {args.count / baseline:10,.0f} per s".replace(",", " "))
    print(f"previous (reference):     {previous:7.3f} s  {args.count / previous:10,.0f} per s".replace(",", " "))
    print(f"engine (score):           {engine:7.3f} s  {args.count / engine:10,.0f} per s".replace(",", " "))
    print(f"engine / baseline:        {engine / baseline:7.2f}×")
    print(f"speed-up over previous:   {previous / engine:7.2f}×  (aim: 50 000 per s)")
    print(f"with an index:            {scored:,}".replace(",", " "))


if __name__ == "__main__":
    main()
