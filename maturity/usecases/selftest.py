"""``maturity --self-test``: does this installation work? Checked step by step, in a throwaway folder.

Meant for the built program (the PyInstaller bundle, an installed copy): it proves that the method's
files, the Alembic migrations, the example and the libraries made it into the package and work
together. Nothing of the user's is read or written: the default database is pointed at a temporary
folder (``MATURITY_DB``) for the duration of the check.

Steps, in order (each needs the ones before it):

1. «методика»  every shipped questionnaire profile loads (importlib.resources);
2. «база»      the default database opens and migrates to the newest schema;
3. «пример»    the bundled example assessment (examples/primary-small.json) is read;
4. «расчёт»    it is scored, saved to the database and read back with the same index;
   «диаграмма»  its KPI radar is drawn by matplotlib (fonts, Agg) into a PNG file;
5. «книга Excel» the assessment workbook is written and read back with the same answers;
6. «файл JSON» the JSON exchange file likewise;
   «драйвер PostgreSQL» psycopg and its libpq load (for a federation's shared database); «нет» when
   the optional driver is not installed — the bundle's check (scripts/build-bundle-check) requires it;
7. further steps given by the caller — the desktop app adds «окно» (:mod:`ui.selftest.window`),
   since this core module imports no Qt.

Each step prints a line; the last line is the summary, e.g.
«самопроверка: методика ОК, база ОК, расчёт ОК (индекс 58,4), книга Excel ОК, …». A failing step
stops the check with «самопроверка: ОШИБКА на шаге «…»: причина» and exit code 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from maturity.views.numbers import format_score

EXAMPLE_NAME = "primary-small.json"
EXAMPLE_VARIABLE = "MATURITY_SELFTEST_EXAMPLE"  # another example file, for the tests
EXIT_OK, EXIT_FAILED = 0, 1


class SelfTestFailure(Exception):
    """A step that found something wrong; ``str()`` is the Russian reason."""


class StepNotApplicable(Exception):
    """A step with nothing to check in this installation (an optional part not installed); not a failure."""


@dataclass
class SelfTestContext:
    """What the steps share: the temporary folder and what earlier steps produced."""

    folder: Path
    example_path: Path
    database_url: str = ""
    document: Any = None  # AssessmentDocument
    result: Any = None  # ScoreResult
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str  # Russian, shown to the user: «база», «книга Excel»
    run: Callable[[SelfTestContext], str | None]  # the detail shown in brackets, or None


def bundle_root() -> Path:
    """The folder the program runs from: PyInstaller's ``sys._MEIPASS``, else the source tree."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parents[2]


def default_example_path() -> Path:
    override = os.environ.get(EXAMPLE_VARIABLE)
    return Path(override) if override else bundle_root() / "examples" / EXAMPLE_NAME


def decimal(value: float | None) -> str:
    """58.4 → «58,4», as Russian readers write it (:func:`maturity.views.numbers.format_score`)."""
    return format_score(value)


@contextmanager
def temporary_database(folder: Path) -> Iterator[str]:
    """Point the default database (``MATURITY_DB``) at a file in ``folder``; restore it after."""
    from maturity.storage.database import ENV_VARIABLE

    url = f"sqlite:///{(folder / 'maturity.db').as_posix()}"
    saved = os.environ.get(ENV_VARIABLE)
    os.environ[ENV_VARIABLE] = url
    try:
        yield url
    finally:
        if saved is None:
            os.environ.pop(ENV_VARIABLE, None)
        else:
            os.environ[ENV_VARIABLE] = saved


# ------------------------------------------------------------------ the steps


def check_profiles(context: SelfTestContext) -> str:
    from maturity.method.profile import load_profile, shipped_profile_versions

    shipped = shipped_profile_versions()
    if not shipped:
        raise SelfTestFailure("в программе нет ни одной методики (questionnaires/*.yaml не найдены)")
    for profile_id, version in shipped:
        load_profile(profile_id, version)
    return ", ".join(f"{profile_id} {version}" for profile_id, version in shipped)


def check_database(context: SelfTestContext) -> str:
    from maturity.storage.database import current_revision, head_revision, open_database

    engine = open_database(None)  # the default database: MATURITY_DB, pointed at the temporary folder
    try:
        context.database_url = engine.url.render_as_string(hide_password=True)
        revision, head = current_revision(engine), head_revision()
    finally:
        engine.dispose()
    if revision != head:
        raise SelfTestFailure(f"схема базы {revision}, а должна быть {head}")
    return f"схема {revision}"


def check_example(context: SelfTestContext) -> str:
    from maturity.exchange.assessment_json import read_assessment_json

    if not context.example_path.is_file():
        raise SelfTestFailure(f"нет файла примера {context.example_path}")
    context.document = read_assessment_json(context.example_path)
    return f"{context.example_path.name}, {context.document.year} год"


def check_scoring(context: SelfTestContext) -> str:
    from maturity.engine.scoring import score
    from maturity.storage.store import open_store

    document = context.document
    result = score(document.profile, document.answers)
    if result.index is None:
        raise SelfTestFailure("индекс примера не рассчитан")
    context.result = result
    fields = document.profile.organization_facts(document.answers)
    with open_store(None) as store:
        org = store.create_organization(fields.pop("name", "Самопроверка"), fields.pop("level", None), **fields)
        store.save_assessment(org, document.year, document.profile, document.answers)
        assessment = store.get_assessment(org, document.year)
        saved = None if assessment is None else store.get_score(assessment)
    if saved is None or saved.index is None or abs(saved.index - result.index) > 1e-9:
        raise SelfTestFailure(
            f"индекс из базы ({decimal(None if saved is None else saved.index)}) не равен рассчитанному "
            f"({decimal(result.index)})"
        )
    return f"индекс {decimal(result.index)}"


def check_chart(context: SelfTestContext) -> None:
    from maturity.views.charts import kpi_radar

    profile = context.document.profile
    figure = kpi_radar({k.id: k.title for k in profile.kpis}, context.result.kpis)
    path = context.folder / "диаграмма.png"
    figure.savefig(path, format="png")
    if not path.read_bytes().startswith(b"\x89PNG"):
        raise SelfTestFailure(f"лепестковая диаграмма не записалась в PNG: {path}")
    context.notes["chart"] = str(path)
    return None


def _same_answers(kind: str, document: Any, read_back: Any) -> None:
    from maturity.engine.validation import clean_answers

    expected = clean_answers(document.profile, document.answers)
    if read_back.year != document.year or read_back.profile.id != document.profile.id:
        raise SelfTestFailure(f"{kind}: прочитан не тот год или не та методика")
    got = clean_answers(read_back.profile, read_back.answers)
    differing = sorted(k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k))
    if differing:
        raise SelfTestFailure(f"{kind}: после записи и чтения изменились ответы {', '.join(differing[:5])}")


def check_workbook(context: SelfTestContext) -> None:
    from maturity.exchange.workbook_export import write_assessment_workbook
    from maturity.exchange.workbook_import import read_assessment_workbook

    path = context.folder / "самопроверка.xlsx"
    write_assessment_workbook(context.document, path, context.result)
    _same_answers("книга Excel", context.document, read_assessment_workbook(path))
    return None


def check_json(context: SelfTestContext) -> None:
    from maturity.exchange.assessment_json import read_assessment_json, write_assessment_json

    path = context.folder / "самопроверка.json"
    write_assessment_json(context.document, path)
    _same_answers("файл JSON", context.document, read_assessment_json(path))
    return None


def check_postgres_driver(context: SelfTestContext) -> str:
    import importlib.util

    if importlib.util.find_spec("psycopg") is None:
        raise StepNotApplicable("не установлен, общая база PostgreSQL недоступна (maturity[postgres])")
    from maturity.storage.database import create_db_engine

    engine = create_db_engine("postgresql+psycopg://selftest@127.0.0.1/selftest")  # loads the driver, connects not
    try:
        driver = engine.dialect.dbapi
        if driver is None:  # SQLAlchemy loads the driver module when it creates the engine
            raise AssertionError("the PostgreSQL engine has no driver module")
        libpq = driver.pq.version()
    finally:
        engine.dispose()
    return f"psycopg {driver.__version__}, libpq {libpq // 10000}.{libpq % 10000}"


CORE_STEPS = (
    Step("методика", check_profiles),
    Step("база", check_database),
    Step("пример", check_example),
    Step("расчёт", check_scoring),
    Step("диаграмма", check_chart),
    Step("книга Excel", check_workbook),
    Step("файл JSON", check_json),
    Step("драйвер PostgreSQL", check_postgres_driver),
)


# ------------------------------------------------------------------ running


def expected_failure(exc: BaseException) -> bool:
    """A failed check or a refused input: its Russian sentence says it all, no traceback needed."""
    from maturity.errors import BadInput

    return isinstance(exc, SelfTestFailure | BadInput)


def failure_reason(exc: BaseException) -> str:
    """The Russian sentence of an expected failure; else the type and the first and last lines of the text
    (numpy's import error, for one, is a page long: its cause is on the last line)."""
    if expected_failure(exc):
        return str(exc)
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = " … ".join(lines[:1] + lines[-1:]) if len(lines) > 1 else "".join(lines)
    return f"{type(exc).__name__}: {text}"


def run_self_test(
    extra_steps: Sequence[Step] = (),
    example_path: Path | None = None,
    out: TextIO | None = None,
    steps: Sequence[Step] = CORE_STEPS,
) -> int:
    """Run the steps in a temporary folder, print a line per step and the summary; 0 when all passed."""
    out = out or sys.stdout
    passed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="maturity-selftest-", ignore_cleanup_errors=True) as tmp:
        context = SelfTestContext(folder=Path(tmp), example_path=example_path or default_example_path())
        with temporary_database(context.folder):
            for step in (*steps, *extra_steps):
                try:
                    detail = step.run(context)
                except StepNotApplicable as exc:
                    print(f"  {step.name}: нет ({exc})", file=out, flush=True)
                    passed.append(f"{step.name}: нет")
                    continue
                except Exception as exc:  # every failure is reported with its step, then the check stops
                    print(f"  {step.name}: ОШИБКА", file=out)
                    if not expected_failure(exc):
                        traceback.print_exc(file=sys.stderr)
                    print(f"самопроверка: ОШИБКА на шаге «{step.name}»: {failure_reason(exc)}", file=out, flush=True)
                    return EXIT_FAILED
                summary = f"{step.name} ОК" + (f" ({detail})" if detail else "")
                print(f"  {summary}", file=out, flush=True)
                passed.append(summary)
    print("самопроверка: " + ", ".join(passed), file=out, flush=True)
    return EXIT_OK
