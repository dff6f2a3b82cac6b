"""`disputedesk search`, `threads` and `evidence list` answered without SQLAlchemy (``disputedesk/fastread.py``,
issue 17) print exactly what the full command prints: the same hits in the same order, snippets, counts and
"5,000+", for English, Chinese, prefix and quoted queries, filters and two workspaces; and it
leaves every case it cannot answer exactly (PostgreSQL, an unknown workspace, a pending
migration, --help) to the full command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from disputedesk import fastread
from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.services.imports import import_paths
from disputedesk.services.mail import list_threads
from disputedesk.store import search_sql
from disputedesk.store.db import unit_of_work

from support import demo_loaded, write_files


def _mail(n: int, subject: str, body: str, frm: str = "wang@supplier.cn", to: str = "anna@buyer.example") -> bytes:
    from email.header import Header

    return (
        f"From {frm} Mon Mar  2 01:00:00 2026\nFrom: {frm}\nTo: {to}\nSubject: {Header(subject, 'utf-8').encode()}\n"
        f"Date: Mon, {n + 1:02d} Mar 2026 09:00:00 +0800\nMessage-ID: <m{n}@supplier.cn>\nMIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n\n"
    ).encode()


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The demo dispute in "demo" and a small English/Chinese mailbox in "default" (SQLite)."""
    from disputedesk.config import Settings
    from disputedesk.services.context import Context
    from disputedesk.services.workspaces import ensure_workspace

    data = tmp_path / "data"
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(data))
    monkeypatch.delenv("DISPUTEDESK_DATABASE_URL", raising=False)
    monkeypatch.delenv("DISPUTEDESK_DEFAULT_WORKSPACE", raising=False)
    monkeypatch.delenv("DISPUTEDESK_FAST_CLI", raising=False)
    get_settings.cache_clear()
    ctx = Context.open(Settings(data_dir=data))
    ensure_workspace(ctx, "default")
    demo_loaded(ctx, "demo", None)
    mbox = b"".join(
        _mail(i, s, b)
        for i, (s, b) in enumerate(
            [
                ("设备故障 machine down", "The spindle stopped. 设备故障，请尽快处理。"),
                ("[URGENT] refund [/x] [b]now[/b]", "We need a refund / 退款 :warning: if not fixed."),
                ("Re: 设备故障 machine down", "Spindles replaced; machine down again. 故障代码 E-17."),
                ("合同 contract amendment", "合同第5条：退款期限三十天。The contract says refunds within 30 days."),
                ("Quotation", "see the quotation, machine spindle price list"),
            ]
        )
    )
    import_paths(ctx, "default", [write_files(tmp_path / "in", {"Inbox.mbox": mbox})], actor="t")
    yield ctx
    ctx.close()
    get_settings.cache_clear()


def _full(args: list[str]) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, ["search", *args])
    return r.exit_code, r.stdout, r.stderr


def _fast(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, str, str]:
    capsys.readouterr()
    code = fastread.run(["search", *args])
    out, err = capsys.readouterr()
    return code, out, err


QUERIES = [
    "故障",
    "设备故障",
    "合同",
    "退款 refund",
    "machine",
    "spindl",  # a prefix: spindle, spindles
    '"machine down"',  # quoted: the words, as everywhere in search
    "ma",  # two letters: the word itself, not a prefix
    "MACHINE Down",
    "E-17",
    "培训",
    "nothing-matches-this",
    "",
]
OPTIONS = [
    [],
    ["-w", "demo"],
    ["--workspace=demo", "--limit", "3"],
    ["--limit=1"],
    ["--direction", "supplier->buyer"],
    ["--attachments"],
    ["--no-attachments", "--from", "2026-03-03"],
    ["--to", "2026-03-04T00:00+08:00", "--supplier", "ruifeng", "-w", "demo"],
]


def test_the_read_path_prints_what_the_full_command_prints(vault, capsys) -> None:  # type: ignore[no-untyped-def]
    thread = list_threads(vault, "default")[0].id
    runs = [[q, *o, *j] for q in QUERIES for o in OPTIONS for j in ([], ["--json"])]
    runs += [["machine", "--thread", str(thread), "--json"], ["--json", "--", "退款"]]
    answered = 0
    for args in runs:
        fast = _fast(args, capsys)
        full = _full(args)
        if fast[0] is None:  # left to the full command: an unknown supplier ("ruifeng" is in "demo" only)
            assert "-w" not in args and "--supplier" in args and full[0] == 2, (args, full)
            assert "supplier: 'ruifeng' does not exist" in full[2]
            continue
        answered += 1
        assert fast == full, args
    assert answered > len(runs) * 3 // 4
    # what a user reads: Chinese and English hits, marked, with subjects as written
    hits = json.loads(_fast(["故障", "--json"], capsys)[1])
    assert {h["subject"] for h in hits} >= {"设备故障 machine down", "Re: 设备故障 machine down"}
    assert all("«故" in h["snippet"] for h in hits)
    assert [h["evidence"] for h in json.loads(_fast(["spindl", "--json"], capsys)[1])] != []
    plain = _fast(["refund"], capsys)[1]
    assert "[URGENT] refund [/x] [b]now[/b]" in plain and ":warning:" in plain
    demo = {h["subject"] for h in json.loads(_fast(["合同", "--json", "-w", "demo"], capsys)[1])}
    assert demo and demo.isdisjoint({h["subject"] for h in json.loads(_fast(["合同", "--json"], capsys)[1])})


@pytest.mark.usefixtures("vault")
def test_the_thread_list_is_the_full_commands(capsys) -> None:  # type: ignore[no-untyped-def]
    runs = [[], ["--json"], ["-w", "demo"], ["-w", "demo", "--json"], ["--workspace=demo", "--supplier", "ruifeng"]]
    runs += [["-w", "demo", "--request", "SR-0002", "--json"], ["--request", "SR-9999", "--json"], ["--supplier=x"]]
    for args in runs:
        capsys.readouterr()
        code = fastread.run(["threads", *args])
        fast = (code, *capsys.readouterr())
        r = CliRunner().invoke(app, ["threads", *args])
        assert fast == (r.exit_code, r.stdout, r.stderr), args
    demo = json.loads(CliRunner().invoke(app, ["threads", "-w", "demo", "--request", "SR-0002", "--json"]).stdout)
    assert demo and demo[0]["request"] == "SR-0002" and demo[0]["messages"] >= 15
    assert fastread.run(["threads", "-w", "nope"]) is None and fastread.run(["threads", "x"]) is None


@pytest.mark.usefixtures("vault")
def test_the_evidence_list_is_the_full_commands(capsys) -> None:  # type: ignore[no-untyped-def]
    runs = [[], ["--json"], ["-w", "demo", "--json"], ["-w", "demo"], ["--workspace=demo", "--kind", "contract"]]
    runs += [["-w", "demo", "--kind=correspondence", "--json"], ["--kind", "nothing", "--json"]]
    for args in runs:
        capsys.readouterr()
        code = fastread.run(["evidence", "list", *args])
        fast = (code, *capsys.readouterr())
        r = CliRunner().invoke(app, ["evidence", "list", *args])
        assert fast == (r.exit_code, r.stdout, r.stderr), args
    items = json.loads(CliRunner().invoke(app, ["evidence", "list", "-w", "demo", "--json"]).stdout)
    assert len(items) > 50 and items[0]["label"] == "E-0001" and any(i["has_text"] for i in items)
    assert fastread.run(["evidence", "list", "-w", "nope"]) is None and fastread.run(["evidence", "show"]) is None


@pytest.mark.usefixtures("vault")
def test_more_hits_than_the_window_read_5000_plus_on_both_paths(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from disputedesk.services.mail import query

    ranked = [h["subject"] for h in json.loads(_fast(["machine", "--json"], capsys)[1])]
    for module in (search_sql, query):
        monkeypatch.setattr(module, "RANK_WINDOW", 2)
    fast = _fast(["machine", "--limit", "1", "--json"], capsys)
    assert fast == _full(["machine", "--limit", "1", "--json"])
    assert fast[2] == "1 of 2+ hits shown (--limit to see more)\n"
    # too many to rank: the most recently added first (the mailbox's last "machine" mail is the quotation)
    newest = [h["subject"] for h in json.loads(_fast(["machine", "--json"], capsys)[1])]
    assert newest[0] == "Quotation" and sorted(newest) == sorted(ranked)


def test_what_the_read_path_leaves_to_the_full_command(vault, capsys, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert _fast(["故障", "-w", "nope"], capsys)[0] is None
    code, _out, err = _full(["故障", "-w", "nope"])
    assert code == 2 and "workspace 'nope' does not exist" in err
    for args in (["--help"], ["故障", "--limit", "many"], ["故障", "--from", "March"], ["a", "b"], []):
        assert _fast(args, capsys)[0] is None, args
    assert _fast(["故障", "--direction", "sideways"], capsys)[0] is None
    monkeypatch.setenv("DISPUTEDESK_FAST_CLI", "0")
    assert _fast(["故障"], capsys)[0] is None
    monkeypatch.delenv("DISPUTEDESK_FAST_CLI")
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/x")
    assert _fast(["故障"], capsys)[0] is None
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", f"sqlite:///{tmp_path / 'not-yet.sqlite3'}")
    assert _fast(["故障"], capsys)[0] is None and not (tmp_path / "not-yet.sqlite3").exists()
    monkeypatch.delenv("DISPUTEDESK_DATABASE_URL")
    assert _fast(["故障", "--json"], capsys)[0] == 0
    with unit_of_work(vault.engine) as s:  # a migration still to run: the full command runs it first
        s.execute(text("UPDATE alembic_version SET version_num = 'mail_0000' WHERE version_num LIKE 'mail_%'"))
    assert _fast(["故障", "--json"], capsys)[0] is None


@pytest.mark.usefixtures("vault")
def test_a_search_process_loads_neither_sqlalchemy_nor_pydantic_nor_typer() -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys, json\nfrom disputedesk.cli import main\nsys.argv = ['disputedesk', 'search', '故障', '--json']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {m.split(".")[0] for m in json.loads(r.stderr.strip().splitlines()[-1])}
    assert not loaded & {"sqlalchemy", "pydantic", "pydantic_settings", "typer", "click", "rich"}
    assert [h["subject"] for h in json.loads(r.stdout)][:1] != []
