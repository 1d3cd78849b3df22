"""The federation's published benchmark in a shared PostgreSQL database, through real login roles: the federation's
role publishes it (``maturity benchmark --year Y --publish``); a territory's login, which sees only its subtree,
writes exactly the published one (never spreads of the rows it can see), is refused in Russian with exit code 2
when none is published (naming the command to ask for), and can neither publish nor narrow it (--parent); the
federation's own runs are unchanged (computed over every row)."""

from __future__ import annotations

import json

import psycopg
import pytest
from shared_database import FEDERATION, YEAR, build_tree, create_shared_database, grant, raw_connection, role_url

from maturity.cli.parser import main

pytestmark = pytest.mark.postgres


@pytest.fixture(params=[1, 2])
def federation(postgres_server, base_profile, example_answers, request):
    """A shared database of 60 generated organizations (about half assessed, enough for a group of the benchmark),
    a login granted the top-level organization with the most under it."""
    name = create_shared_database(postgres_server)
    try:
        url = role_url(postgres_server, name, FEDERATION)
        tree = build_tree(url, request.param, example_answers("primary-small.json"), base_profile, size=60)
        tops = [uid for uid, parent in tree.parents.items() if parent is None]
        root = max(tops, key=lambda uid: (len(tree.subtree(uid)), uid))
        grant(url, "bench_login", root)
        grant(url, "bench_reader", root, read_only=True)
        yield postgres_server, name, tree, root
    finally:
        postgres_server.drop_database(name)


def run(url: str, *argv: str) -> int:
    return main(["--db", url, "benchmark", "--year", str(YEAR), *argv])


def groups(path) -> list[tuple[str, int]]:
    return [(g["level"], g["n"]) for g in json.loads(path.read_text(encoding="utf-8"))["groups"]]


def complete_assessments(server, name) -> int:
    with raw_connection(server, name, FEDERATION) as conn:
        return conn.execute("SELECT count(*) FROM assessment WHERE status = 'complete'").fetchone()[0]  # type: ignore[index]


def test_a_territory_writes_the_published_benchmark_not_the_spreads_of_its_rows(federation, tmp_path, capsys):
    server, name, tree, root = federation
    fed_url, login_url = role_url(server, name, FEDERATION), role_url(server, name, "bench_login")
    assert run(fed_url, "--publish", "-o", str(tmp_path / "published.json")) == 0
    assert run(login_url, "-o", str(tmp_path / "territory.json")) == 0
    out = capsys.readouterr().out
    assert "опубликованный федерацией" in out
    published = (tmp_path / "published.json").read_text(encoding="utf-8")
    assert (tmp_path / "territory.json").read_text(encoding="utf-8") == published
    everyone = complete_assessments(server, name)
    assert sum(n for _level, n in groups(tmp_path / "territory.json")) == everyone  # the federation's whole
    assert len(tree.subtree(root)) < len(tree.parents)  # … while the login sees only part of it


def test_the_federations_runs_are_computed_from_every_row_and_the_territory_keeps_the_published(federation, tmp_path):
    """After publishing, the federation changes the data: its own file follows the rows; the territory's stays the
    published one until the federation publishes again."""
    server, name, _tree, _root = federation
    fed_url, login_url = role_url(server, name, FEDERATION), role_url(server, name, "bench_login")
    assert run(fed_url, "--publish") == 0
    assert run(login_url, "-o", str(tmp_path / "before.json")) == 0
    with raw_connection(server, name, FEDERATION) as conn:  # three complete assessments become drafts
        conn.execute(
            "UPDATE assessment SET status = 'draft' WHERE id IN "
            "(SELECT id FROM assessment WHERE status = 'complete' ORDER BY id LIMIT 3)"
        )
    assert run(fed_url, "-o", str(tmp_path / "federation.json")) == 0
    assert run(login_url, "-o", str(tmp_path / "territory.json")) == 0
    assert groups(tmp_path / "territory.json") == groups(tmp_path / "before.json")
    now = complete_assessments(server, name)
    assert sum(n for _level, n in groups(tmp_path / "federation.json")) == now
    assert run(fed_url, "--publish") == 0  # published again: the territory's follows
    assert run(login_url, "-o", str(tmp_path / "after.json")) == 0
    assert groups(tmp_path / "after.json") == groups(tmp_path / "federation.json")


@pytest.mark.parametrize("login", ["bench_login", "bench_reader"])
def test_without_a_published_benchmark_a_territory_is_refused_naming_the_command(federation, tmp_path, capsys, login):
    server, name, _tree, _root = federation
    target = tmp_path / "peers.json"
    assert run(role_url(server, name, login), "-o", str(target)) == 2
    err = capsys.readouterr().err
    assert "федерация ещё не опубликовала сравнение" in err
    assert f"maturity benchmark --year {YEAR} --publish" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_a_territory_can_neither_publish_nor_narrow_the_benchmark(federation, tmp_path, capsys):
    server, name, _tree, root = federation
    fed_url, login_url = role_url(server, name, FEDERATION), role_url(server, name, "bench_login")
    assert run(fed_url, "--publish") == 0
    with raw_connection(server, name, FEDERATION) as conn:
        before = conn.execute("SELECT document, published_at FROM maturity_benchmark").fetchall()
    assert run(login_url, "--publish") == 2
    assert "публикует федерация" in capsys.readouterr().err
    assert run(login_url, "--parent", root, "-o", str(tmp_path / "mine.json")) == 2
    assert "уберите --parent" in capsys.readouterr().err
    assert not (tmp_path / "mine.json").exists()
    with raw_connection(server, name, FEDERATION) as conn:
        assert conn.execute("SELECT document, published_at FROM maturity_benchmark").fetchall() == before


def test_the_published_benchmark_is_read_by_every_login_and_changed_by_none(federation):
    server, name, _tree, _root = federation
    assert run(role_url(server, name, FEDERATION), "--publish") == 0
    for login in ("bench_login", "bench_reader"):
        with raw_connection(server, name, login) as conn:
            assert conn.execute("SELECT count(*) FROM maturity_benchmark").fetchone() == (1,)
            for statement in (
                "UPDATE maturity_benchmark SET document = '{}'",
                "DELETE FROM maturity_benchmark",
                "INSERT INTO maturity_benchmark (year, profile_id, profile_version, document) "
                "VALUES (2030, 'x', '1', '{}')",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)


def test_publishing_needs_a_destination_and_the_whole_federation(federation, capsys):
    server, name, _tree, root = federation
    fed_url = role_url(server, name, FEDERATION)
    assert run(fed_url) == 2
    assert "-o ФАЙЛ.json" in capsys.readouterr().err
    assert run(fed_url, "--publish", "--parent", root) == 2
    assert "по всей федерации" in capsys.readouterr().err
