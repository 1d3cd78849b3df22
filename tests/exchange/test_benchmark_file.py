"""A received benchmark file is hostile input: every way of breaking it is refused with a Russian reason
(generated per field and per class of bad value), and `maturity score --benchmark` adds the place among peers
(hand-computed) while `maturity score --json` without it stays as it was."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from maturity.exchange.benchmark_json import MAX_FILE_BYTES, BenchmarkFileError, read_benchmark_json
from maturity.method.profile import load_profile

PROFILE = load_profile("fnpr-base", "2025.1")  # pinned: the examples scored against it name 2025.1
KPI_IDS = [k.id for k in PROFILE.kpis]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "primary-small.json"
PERCENTILE_KEYS = ("p10", "p25", "p50", "p75", "p90")


def spread(n=120, mean=50.0, p=(20.0, 30.0, 50.0, 60.0, 80.0)) -> dict:
    return {"n": n, "mean": mean, **dict(zip(PERCENTILE_KEYS, p, strict=True))}


def valid() -> dict:
    return {
        "format": "maturity-benchmark",
        "format_version": 1,
        "year": 2025,
        "profile": {"id": PROFILE.id, "version": PROFILE.version},
        "groups": [{"level": "primary", "n": 120, "kpis": {k: spread() for k in KPI_IDS},
                    "index": spread(), "digital_index": spread()}],
    }  # fmt: skip


def write(tmp_path: Path, data, name: str = "peers.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def is_russian(text: str) -> bool:
    return any("а" <= ch.lower() <= "я" for ch in text)


def test_the_valid_file_is_read(tmp_path):
    benchmark = read_benchmark_json(write(tmp_path, valid()))
    assert benchmark.group("primary").kpis[KPI_IDS[0]].median == 50.0


BAD_NUMBERS = [True, False, "50", None, [], {}, -0.1, 100.5, 1e308]
BAD_COUNTS = [True, 4, 0, -1, 5.0, "120", None, 10**12]


def _spread_paths():
    yield ("groups", 0, "index")
    yield ("groups", 0, "digital_index")
    for k in KPI_IDS:
        yield ("groups", 0, "kpis", k)


def mutations():
    """(description, change of the valid object): every field of every spread with every class of bad value."""
    for path in _spread_paths():
        for key in ("mean", *PERCENTILE_KEYS):
            for bad in BAD_NUMBERS:
                yield f"{'.'.join(map(str, path))}.{key}={bad!r}", path, key, bad
        for bad in BAD_COUNTS:
            yield f"{'.'.join(map(str, path))}.n={bad!r}", path, "n", bad
        yield f"{path} decreasing", path, "p50", 10.0  # below p25 = 30
        yield f"{path} n above the group's", path, "n", 121
    for key, bad in [("format", "maturity-assessment"), ("format", None), ("format_version", True),
                     ("format_version", 2), ("format_version", "1"), ("year", True), ("year", 1800),
                     ("year", 2025.0), ("profile", {"id": PROFILE.id}), ("profile", {"id": "нет-такой", "version": "1"}),
                     ("profile", {"id": "../../etc/passwd", "version": PROFILE.version}),
                     ("profile", {"id": PROFILE.id, "version": "1999.1"}), ("profile", "fnpr-base"),
                     ("groups", {}), ("groups", [None]), ("name", "ППО Завод")]:  # fmt: skip
        yield f"{key}={bad!r}", (), key, bad
    for key, bad in [("level", "nowhere"), ("level", True), ("n", True), ("n", 4), ("kpis", []),
                     ("kpis", {"k999": spread()}), ("name", "ППО Завод"), ("index", 50.0)]:  # fmt: skip
        yield f"group.{key}={bad!r}", ("groups", 0), key, bad


CASES = list(mutations())


@pytest.mark.slow
@pytest.mark.parametrize(("description", "path", "key", "bad"), CASES, ids=[c[0] for c in CASES])
def test_a_broken_field_is_refused_in_russian(tmp_path, description, path, key, bad):
    data = valid()
    target = data
    for step in path:
        target = target[step]
    target[key] = copy.deepcopy(bad)
    with pytest.raises(BenchmarkFileError) as error:
        read_benchmark_json(write(tmp_path, data))
    assert "peers.json" in str(error.value) and is_russian(str(error.value))


@pytest.mark.parametrize(
    "text",
    [
        json.dumps(valid()).replace("50.0", "NaN", 1),
        json.dumps(valid()).replace("50.0", "Infinity", 1),
        json.dumps(valid()).replace('"year": 2025', '"year": 2025, "year": 2024'),
        "[" * 100_000,
        "{not json",
        "",
        "1" * 5000,
        json.dumps([valid()]),
    ],
    ids=["nan", "infinity", "repeated-key", "deep", "not-json", "empty", "huge-int", "list"],
)
def test_text_that_is_not_a_benchmark_is_refused(tmp_path, text):
    with pytest.raises(BenchmarkFileError) as error:
        read_benchmark_json(write(tmp_path, text))
    assert is_russian(str(error.value))


def test_a_duplicate_level_and_a_too_large_file_and_bad_bytes_are_refused(tmp_path):
    data = valid()
    data["groups"].append(copy.deepcopy(data["groups"][0]))
    with pytest.raises(BenchmarkFileError, match="дважды"):
        read_benchmark_json(write(tmp_path, data))
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(BenchmarkFileError, match="слишком большой"):
        read_benchmark_json(big)
    latin = tmp_path / "latin.json"
    latin.write_bytes(json.dumps(valid()).encode() + "é".encode("latin-1"))
    with pytest.raises(BenchmarkFileError, match="UTF-8"):
        read_benchmark_json(latin)
    with pytest.raises(BenchmarkFileError):
        read_benchmark_json(tmp_path)  # a folder


# ------------------------------------------------------------------ maturity score --benchmark


def maturity(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maturity", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60)  # fmt: skip


@pytest.mark.subprocess
def test_score_json_without_a_benchmark_has_no_peers():
    result = maturity("score", str(EXAMPLE), "--json")
    assert result.returncode == 0
    assert set(json.loads(result.stdout)) == {"kpis", "index", "digital_index", "level", "norms", "completeness"}


@pytest.mark.subprocess
def test_score_with_a_benchmark_gives_the_place_among_the_organizations_level(tmp_path):
    plain = json.loads(maturity("score", str(EXAMPLE), "--json").stdout)
    data = valid()
    group = data["groups"][0]
    # every spread the same: p10 … p90 = 20, 30, 50, 60, 80, so a score x stands at
    #   x ≤ 20 → 10;  20–30 → 10 + 15·(x−20)/10;  30–50 → 25 + 25·(x−30)/20;  50–60 → 50 + 25·(x−50)/10;
    #   60–80 → 75 + 15·(x−60)/20;  x ≥ 80 → 90
    group["kpis"].pop(KPI_IDS[-1])  # a KPI the group has no spread of is left out
    group["digital_index"] = None
    path = write(tmp_path, data)
    result = maturity("score", str(EXAMPLE), "--json", "--benchmark", str(path))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    peers = output.pop("peers")
    assert output == plain

    def rank(x: float) -> float:
        for (x0, r0), (x1, r1) in zip([(20, 10), (30, 25), (50, 50), (60, 75), (80, 90)],
                                      [(30, 25), (50, 50), (60, 75), (80, 90)], strict=False):  # fmt: skip
            if x0 <= x <= x1:
                return r0 + (r1 - r0) * (x - x0) / (x1 - x0)
        return 10.0 if x < 20 else 90.0

    figures = {**plain["kpis"], "index": plain["index"]}
    assert set(peers) == {*KPI_IDS[:-1], "index"}
    for key, entry in peers.items():
        assert entry["median"] == 50.0 and entry["n"] == 120
        # the JSON's figures are rounded to one decimal; the rank is computed from the unrounded score
        assert entry["percentile"] == pytest.approx(rank(figures[key]), abs=1.0)
    text = maturity("score", str(EXAMPLE), "--benchmark", str(path))
    assert text.returncode == 0 and "среди 120:" in text.stdout and "процентил" in text.stdout


@pytest.mark.subprocess
def test_score_refuses_a_benchmark_of_another_level_set_or_profile_version(tmp_path):
    data = valid()
    data["groups"][0]["level"] = "territorial"  # the example is a primary organization: nobody to compare with
    result = maturity("score", str(EXAMPLE), "--json", "--benchmark", str(write(tmp_path, data)))
    assert result.returncode == 0 and json.loads(result.stdout)["peers"] == {}
    other = maturity("score", str(EXAMPLE), "--json", "--benchmark", str(write(tmp_path, "{}", "bad.json")))
    assert other.returncode == 2 and "bad.json" in other.stderr and "Traceback" not in other.stderr
    assert other.stdout == ""
