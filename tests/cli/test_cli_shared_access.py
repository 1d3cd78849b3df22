"""The program under a territory's login on a shared PostgreSQL database: every command shows the subtree only;
a write outside it, and a connection that fails, get a Russian reason and exit code 2, never the driver's
English. Also ``maturity access grant|list|revoke`` themselves."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from shared_database import (  # noqa: F401 (shared: a fixture)
    FEDERATION,
    YEAR,
    build_tree,
    create_shared_database,
    grant,
    raw_connection,
    role_url,
)

from maturity.cli.parser import main

pytestmark = pytest.mark.postgres
ENGLISH = re.compile(r"[A-Za-z]{4,}")  # a word of the driver's English (codes and URLs are checked apart)


def territory_of(tree) -> str:
    """The top-level organization with the most under it (a territory with something to see)."""
    tops = [uid for uid, parent in tree.parents.items() if parent is None]
    return max(tops, key=lambda uid: (len(tree.subtree(uid)), uid))


def reason_without_english(text: str, url: str) -> str:
    rest = text.replace(url, "").replace("maturity", "")
    assert not ENGLISH.search(re.sub(r"«[^»]*»", "", rest)), text
    return text


@pytest.mark.subprocess
@pytest.mark.parametrize("shared", [1, 2, 3], indirect=True)
def test_the_cli_under_a_territory_login_shows_exactly_its_subtree(shared, request):
    server, name, tree = shared
    seed = request.node.callspec.params["shared"]
    root = territory_of(tree)
    login = f"cli_territory_{seed}"
    grant(role_url(server, name, FEDERATION), login, root)
    url = role_url(server, name, login)
    mine = tree.subtree(root)

    def run(*argv: str) -> object:
        done = subprocess.run(
            [sys.executable, "-m", "maturity", "--db", url, *argv], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    orgs = run("orgs", "--json")
    assert {row["organization_id"] for row in orgs} == mine  # type: ignore[attr-defined]
    status = run("status", "--year", str(YEAR), "--json")
    listed = status["organizations"]  # type: ignore[index]
    assert {row["organization_id"] for row in listed} == mine
    assert {row["organization_id"] for row in listed if row["state"] != "missing"} == mine & tree.assessed


def test_an_import_into_another_territory_is_refused_in_russian(shared, tmp_path, capsys):
    server, name, tree = shared
    root = territory_of(tree)
    grant(role_url(server, name, FEDERATION), "importer", root)
    url = role_url(server, name, "importer")
    other = sorted(set(tree.parents) - tree.subtree(root))[0]
    document = json.loads((Path(__file__).resolve().parents[2] / "examples" / "primary-small.json").read_text())
    with raw_connection(server, name, FEDERATION) as conn:
        before = conn.execute("SELECT count(*), max(updated_at) FROM assessment").fetchone()
    for target in (other, "new-top-level-code"):  # another's organization; a new one outside any subtree
        document["meta"]["organization_id"] = target
        path = tmp_path / f"{target}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        assert main(["--db", url, "import", str(path), "--on-conflict", "replace"]) == 2
        captured = capsys.readouterr()
        out = captured.out + captured.err
        assert "вне круга организаций, доступного вашему имени входа" in out
        assert "row-level" not in out and "policy" not in out
    with raw_connection(server, name, FEDERATION) as conn:
        assert conn.execute("SELECT count(*), max(updated_at) FROM assessment").fetchone() == before


def test_review_and_merge_of_another_territory_are_refused_in_russian(shared, capsys):
    server, name, tree = shared
    root = territory_of(tree)
    grant(role_url(server, name, FEDERATION), "reviewer", root)
    url = role_url(server, name, "reviewer")
    others = sorted(set(tree.parents) - tree.subtree(root))
    assessed_other = sorted(set(others) & tree.assessed) or others
    assert main(["--db", url, "review", "accept", "--org", assessed_other[0], "--year", str(YEAR)]) == 2
    assert main(["--db", url, "orgs", "merge", root, others[0]]) == 2
    err = capsys.readouterr().err
    assert err.count("не найдена") == 2
    with raw_connection(server, name, FEDERATION) as conn:
        assert conn.execute("SELECT count(*) FROM assessment_review").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM organization").fetchone() == (len(tree.parents),)


def test_a_read_only_login_saving_gets_a_russian_reason(shared, capsys, tmp_path):
    server, name, tree = shared
    root = territory_of(tree)
    grant(role_url(server, name, FEDERATION), "only_reads", root, read_only=True)
    url = role_url(server, name, "only_reads")
    document = json.loads((Path(__file__).resolve().parents[2] / "examples" / "primary-small.json").read_text())
    document["meta"]["organization_id"] = root
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["--db", url, "import", str(path), "--on-conflict", "replace"]) == 2
    captured = capsys.readouterr()
    assert "нет прав на это действие в общей базе" in captured.out + captured.err


def require_password(server, login: str, password: str) -> None:
    """The test server trusts every login; this one must give its password (scram), as on a real server."""
    hba = server.data_dir / "pg_hba.conf"
    line = f"host all {login} 127.0.0.1/32 scram-sha-256\n"
    text = hba.read_text()
    if line not in text:
        hba.write_text(line + text)
    with server.admin_connection() as conn:
        conn.execute(f"ALTER ROLE {login} PASSWORD %s".replace("%s", "'" + password + "'"))
        conn.execute("SELECT pg_reload_conf()")


def test_connection_failures_are_named_in_russian(shared, capsys):
    server, name, tree = shared
    grant(role_url(server, name, FEDERATION), "with_password", territory_of(tree))
    require_password(server, "with_password", "верный-пароль")
    cases = {
        role_url(server, name, "with_password", "неверный"): "неверное имя или пароль",
        role_url(server, name, "no_such_login"): "неверное имя или пароль",
        role_url(server, "no_such_database", FEDERATION): "нет такой базы данных",
        f"postgresql+psycopg://{FEDERATION}@127.0.0.1:1/{name}": "сервер не отвечает",
    }
    for url, reason in cases.items():
        assert main(["--db", url, "orgs"]) == 2
        err = capsys.readouterr().err
        assert reason in err
        reason_without_english(err.split("не открывается:", 1)[1], url)
    assert main(["--db", role_url(server, name, "with_password", "верный-пароль"), "orgs", "--json"]) == 0
    capsys.readouterr()


def test_access_commands_grant_list_revoke(shared, capsys):
    server, name, tree = shared
    url = role_url(server, name, FEDERATION)
    root = territory_of(tree)
    assert main(["--db", url, "access", "init"]) == 0
    assert main(["--db", url, "access", "init"]) == 0  # again: safe
    assert main(["--db", url, "access", "grant", "cli_login", "--org", root, "--password", "секрет 'с кавычкой"]) == 0
    assert main(["--db", url, "access", "list", "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "access", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(g["login"], g["organization_uid"], g["read_only"]) for g in listed] == [("cli_login", root, False)]
    with raw_connection(server, name, "cli_login") as conn:
        assert conn.execute("SELECT count(*) FROM organization").fetchone() == (len(tree.subtree(root)),)
    below = sorted(tree.subtree(root) - {root})[0]  # granted again: a smaller subtree, read only
    assert main(["--db", url, "access", "grant", "cli_login", "--org", below, "--read-only"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "access", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(g["login"], g["organization_uid"], g["read_only"]) for g in listed] == [("cli_login", below, True)]
    with raw_connection(server, name, "cli_login") as conn:
        assert conn.execute("SELECT count(*) FROM organization").fetchone() == (len(tree.subtree(below)),)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE organization SET name = 'x'")
    assert main(["--db", url, "access", "revoke", "cli_login"]) == 0
    assert main(["--db", url, "access", "revoke", "cli_login"]) == 2
    assert main(["--db", url, "access", "grant", "Bad-Name", "--org", root]) == 2
    assert main(["--db", url, "access", "grant", "someone", "--org", "нет-такой"]) == 2
    err = capsys.readouterr().err
    assert "нет доступа к этой базе" in err and "не подходит" in err and "не найдена" in err
    with pytest.raises(psycopg.OperationalError):
        raw_connection(server, name, "cli_login")


def test_a_territory_login_cannot_grant_itself_more(shared, capsys):
    server, name, tree = shared
    root = territory_of(tree)
    grant(role_url(server, name, FEDERATION), "ambitious", root)
    url = role_url(server, name, "ambitious")
    assert main(["--db", url, "access", "grant", "ambitious", "--org", root]) == 2
    assert main(["--db", url, "access", "init"]) == 2
    err = capsys.readouterr().err
    assert "владелец таблиц" in err


def test_a_territory_does_its_own_work_under_its_login(shared, tmp_path, capsys):
    """Inside its subtree everything works: an import that replaces, a review decision, a merge of two of its
    own records, the journal — each entry under the login's own role."""
    server, name, tree = shared
    nested = [uid for uid, parent in tree.parents.items() if parent is not None]  # granted below a parent
    root = max(nested, key=lambda uid: (len(tree.subtree(uid)), uid))
    grant(role_url(server, name, FEDERATION), "worker", root)
    url = role_url(server, name, "worker")
    below = sorted(tree.subtree(root) - {root})
    document = json.loads((Path(__file__).resolve().parents[2] / "examples" / "primary-small.json").read_text())
    document["meta"]["organization_id"] = root
    path = tmp_path / "own.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["--db", url, "import", str(path), "--on-conflict", "replace"]) == 0
    assert main(["--db", url, "review", "accept", "--org", root, "--year", str(YEAR)]) == 0
    assert len(below) >= 2, "the generated territory has two organizations below it"
    keep, other = below[0], below[-1]
    if keep in tree.subtree(other):  # the one kept is not under the one merged into it
        keep, other = other, keep
    both = tree.assessed >= {keep, other}  # both assessed in the same year: the merge is refused
    assert main(["--db", url, "orgs", "merge", keep, other]) == (2 if both else 0)
    assert main(["--db", url, "journal", "--json"]) == 0
    captured = capsys.readouterr()
    entries = json.loads(captured.out[captured.out.index("[") :])
    with raw_connection(server, name, FEDERATION) as conn:
        roles = {row[0] for row in conn.execute("SELECT db_role FROM journal WHERE action IN ('replace', 'accept')")}
        state = conn.execute(
            "SELECT r.state FROM assessment_review r JOIN assessment a ON a.id = r.assessment_id "
            "JOIN organization o ON o.id = a.organization_id WHERE o.uid = %s",
            (root,),
        ).fetchone()
    assert roles == {"worker"}
    assert state == ("accepted",)
    assert {e.get("action") for e in entries} >= {"accept"}
