"""The benchmark file (JSON): how organizations' scores are spread, by organization level, naming none.

    {"format": "maturity-benchmark", "format_version": 1, "year": 2025,
     "profile": {"id": "fnpr-base", "version": "2025.1"},
     "groups": [{"level": "primary", "n": 180,
                 "kpis": {"k1": {"n": 180, "p10": 12.5, "p25": 25.0, "p50": 40.0,
                                 "p75": 57.5, "p90": 70.0}, …},
                 "index": {…}, "digital_index": {…}}]}

A received benchmark is hostile input like any file: it is read only if every field is what the
format says (whole numbers are not ``true``, figures are finite and 0–100, percentiles do not
decrease, groups and KPIs are the installed profile's, no field the format does not have), and the
profile it names by id and version must be installed. See docs/formats.md.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from maturity.engine.benchmark import MIN_GROUP, PERCENTILES, Benchmark, BenchmarkGroup, Spread
from maturity.engine.years import YEAR_RANGE
from maturity.errors import BadInput, os_why, shorten
from maturity.exchange.assessment_json import decode_json, write_json_atomically
from maturity.method.catalog import ProfileCatalog, shipped_catalog
from maturity.method.profile import Profile

FORMAT = "maturity-benchmark"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 1024 * 1024  # ten levels × a hundred KPIs fit in a tenth of it
MAX_GROUP_SIZE = 10_000_000
WHAT = "файл сравнения с другими организациями"
GROUP_KEYS = {"level", "n", "kpis", "index", "digital_index"}
SPREAD_KEYS = {"n", *(f"p{p}" for p in PERCENTILES)}
OLD_SPREAD_KEYS = SPREAD_KEYS | {"mean"}  # a file of an earlier version also has the group's mean: read, not used


class BenchmarkFileError(BadInput):
    """A file that is not a usable benchmark; ``str()`` names the file and the problem in Russian."""


def benchmark_to_json(benchmark: Benchmark) -> dict[str, Any]:
    """The file's object; figures rounded as the method reports them."""

    def spread(s: Spread | None) -> dict[str, Any] | None:
        return None if s is None else s.to_json()

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "year": benchmark.year,
        "profile": {"id": benchmark.profile_id, "version": benchmark.profile_version},
        "groups": [
            {
                "level": g.level,
                "n": g.n,
                "kpis": {k: s.to_json() for k, s in g.kpis.items()},
                "index": spread(g.index),
                "digital_index": spread(g.digital_index),
            }
            for g in benchmark.groups
        ],
    }


def write_benchmark_json(benchmark: Benchmark, path: str | Path) -> None:
    write_json_atomically(benchmark_to_json(benchmark), path)


def _whole(value: Any) -> bool:
    return type(value) is int  # true is an int in Python, but not a count


def _figure(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value) and 0 <= value <= 100


def _spread(data: Any, where: str, group_n: int, fail) -> Spread:
    if not isinstance(data, dict):
        raise fail(f"{where}: ожидался JSON-объект с n, p10 … p90")
    if set(data) not in (SPREAD_KEYS, OLD_SPREAD_KEYS):
        odd = sorted((set(data) ^ SPREAD_KEYS) - {"mean"})
        raise fail(
            f"{where}: поля должны быть n, p10, p25, p50, p75, p90 (лишнее или недостающее: {shorten(', '.join(odd))})"
        )
    n = data["n"]
    if not _whole(n) or not MIN_GROUP <= n <= group_n:
        raise fail(f"{where}.n: ожидалось целое число от {MIN_GROUP} до {group_n}, а не {shorten(n)}")
    for key in sorted(set(data) - {"n"}):
        if not _figure(data[key]):
            raise fail(f"{where}.{key}: ожидалось число от 0 до 100, а не {shorten(data[key])}")
    values = tuple(float(data[f"p{p}"]) for p in PERCENTILES)
    if any(a > b for a, b in zip(values, values[1:], strict=False)):
        raise fail(f"{where}: процентили убывают ({', '.join(shorten(v) for v in values)})")
    return Spread(n, None, values)


def _group(data: Any, where: str, profile: Profile, fail) -> BenchmarkGroup:
    if not isinstance(data, dict):
        raise fail(f"{where}: ожидался JSON-объект")
    if set(data) != GROUP_KEYS:
        odd = sorted(set(data) ^ GROUP_KEYS)
        raise fail(
            f"{where}: поля должны быть level, n, kpis, index, digital_index (лишнее или недостающее: {shorten(', '.join(odd))})"
        )
    level = data["level"]
    if not isinstance(level, str) or level not in profile.organization_level_ids:
        raise fail(f"{where}.level: уровня организации {shorten(level)} нет в методике «{profile.id}»")
    n = data["n"]
    if not _whole(n) or not MIN_GROUP <= n <= MAX_GROUP_SIZE:
        raise fail(f"{where}.n: ожидалось целое число от {MIN_GROUP} до {MAX_GROUP_SIZE}, а не {shorten(n)}")
    kpis = data["kpis"]
    if not isinstance(kpis, dict):
        raise fail(f"{where}.kpis: ожидался JSON-объект")
    known = [k.id for k in profile.kpis]
    for key in kpis:
        if key not in known:
            raise fail(f"{where}.kpis: показателя «{shorten(key)}» нет в методике «{profile.id}»")
    spreads = {k: _spread(kpis[k], f"{where}.kpis.{k}", n, fail) for k in known if k in kpis}
    indices = {
        k: None if data[k] is None else _spread(data[k], f"{where}.{k}", n, fail) for k in ("index", "digital_index")
    }
    return BenchmarkGroup(level, n, spreads, indices["index"], indices["digital_index"])


def parse_benchmark(data: Any, source: str = "файл", catalog: ProfileCatalog | None = None) -> Benchmark:
    """Check a decoded JSON object and return the benchmark; every problem is a BenchmarkFileError."""

    def fail(problem: str) -> BenchmarkFileError:
        return BenchmarkFileError(f"{source}: {problem}")

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise fail(f"это не {WHAT}: поле format должно быть «{FORMAT}»")
    version = data.get("format_version")
    if not _whole(version) or version != FORMAT_VERSION:
        raise fail(f"версия формата {shorten(version)} не поддерживается (программа читает версию {FORMAT_VERSION})")
    extra = set(data) - {"format", "format_version", "year", "profile", "groups"}
    if extra:
        raise fail(f"поля {shorten(', '.join(sorted(extra)))} в файле сравнения не бывает")
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise fail(f"год должен быть целым числом от {YEAR_RANGE[0]} до {YEAR_RANGE[1]}, а не {shorten(year)}")
    named = data.get("profile")
    if (
        not isinstance(named, dict)
        or set(named) != {"id", "version"}
        or not all(isinstance(v, str) for v in named.values())
    ):
        raise fail('методика должна быть указана как {"id": …, "version": …} (строки)')
    try:
        profile = (catalog or shipped_catalog()).find(named["id"], named["version"])
    except BadInput as exc:
        raise fail(f"методика: {exc}") from exc
    groups = data.get("groups")
    if not isinstance(groups, list) or len(groups) > len(profile.organization_level_ids):
        raise fail(f"groups: ожидался список не более чем из {len(profile.organization_level_ids)} групп")
    parsed = [_group(g, f"groups[{i}]", profile, fail) for i, g in enumerate(groups)]
    levels = [g.level for g in parsed]
    if len(set(levels)) != len(levels):
        raise fail("groups: один уровень организаций указан дважды")
    return Benchmark(year, profile.id, profile.version, tuple(parsed))


def read_benchmark_json(path: str | Path, catalog: ProfileCatalog | None = None) -> Benchmark:
    """A benchmark file from disk; anything else is a BenchmarkFileError with the reason in Russian."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise BenchmarkFileError(f"{path}: это не файл")
    except OSError as exc:
        raise BenchmarkFileError(f"{path}: файл не открывается ({os_why(exc)})") from exc
    if size > MAX_FILE_BYTES:
        raise BenchmarkFileError(f"{path}: файл слишком большой для {WHAT.replace('файл', 'файла', 1)} ({size} байт)")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BenchmarkFileError(f"{path}: файл не в кодировке UTF-8") from exc
    except OSError as exc:
        raise BenchmarkFileError(f"{path}: файл не читается ({os_why(exc)})") from exc
    return parse_benchmark(decode_json(text, str(path), WHAT, BenchmarkFileError), str(path), catalog)


def check_benchmark_profile(benchmark: Benchmark, profile: Profile) -> None:
    """A benchmark compares only assessments made with the profile (id and version) it was made with."""
    if (benchmark.profile_id, benchmark.profile_version) != (profile.id, profile.version):
        raise BenchmarkFileError(
            f"файл сравнения составлен по методике «{benchmark.profile_id}» версии {benchmark.profile_version}, "
            f"а оценка — по «{profile.id}» версии {profile.version}: сравнивать их нельзя"
        )
