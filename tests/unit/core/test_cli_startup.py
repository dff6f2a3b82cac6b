"""The CLI starts without loading what the command does not need (issue 17, item 2).

``commands/_index.py`` lists the top-level commands so ``--help`` and a light command import
only their own module; these tests keep it true to the modules and check what a start loads.
"""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from disputedesk import cli
from disputedesk.commands import _index
from disputedesk.store.revisions import migration_heads

REWRITE = "out of date: run `python -m disputedesk.cli --write-index`"


def test_index_matches_the_command_modules() -> None:
    assert list(_index.MODULES) == cli._command_modules(), REWRITE
    assert _index.COMMANDS == cli.build_index(), REWRITE


def test_help_lists_every_command_in_order() -> None:
    r = CliRunner().invoke(cli.app, ["--help"])
    assert r.exit_code == 0
    listed = [
        line.strip("│ ").split()[0]
        for line in r.output.split("Commands", 1)[1].splitlines()
        if line.startswith("│ ") and not line.startswith("│  ")
    ]
    assert listed == list(_index.COMMANDS)


def test_a_typo_is_answered_with_suggestions() -> None:
    r = CliRunner().invoke(cli.app, ["serch", "x"])
    assert r.exit_code == 2
    assert "No such command 'serch'" in r.output and "'search'" in r.output


def test_a_group_added_to_by_another_module_shows_all_its_commands() -> None:
    # records.py adds `contract add/edit/...` to the group that contract.py registers
    r = CliRunner().invoke(cli.app, ["contract", "--help"])
    assert r.exit_code == 0
    assert " check " in r.output and " add " in r.output


def _loaded_after(args: list[str]) -> set[str]:
    code = (
        "import sys, json\n"
        "from disputedesk.cli import main\n"
        f"sys.argv = ['disputedesk', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(r.stderr.strip().splitlines()[-1]))


HEAVY = {"fastapi", "starlette", "weasyprint", "docx", "pypdf", "pdfplumber", "pypdfium2", "sqlalchemy", "alembic"}


def test_help_and_pure_commands_load_no_database_web_or_renderers() -> None:
    for args in (["--help"], ["supplier", "check-uscc", "91350100M000100Y43"], ["bizcal", "--help"]):
        loaded = {m.split(".")[0] for m in _loaded_after(args)}
        assert not (loaded & HEAVY), (args, loaded & HEAVY)
        assert not any(m.startswith("disputedesk.services") for m in _loaded_after(args))


def test_search_loads_no_web_framework_renderers_or_alembic(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DISPUTEDESK_DATABASE_URL", raising=False)
    subprocess.run([sys.executable, "-m", "disputedesk.cli", "init"], check=True, capture_output=True)
    loaded = {m.split(".")[0] for m in _loaded_after(["search", "refund", "--json"])}
    assert not (loaded & (HEAVY - {"sqlalchemy"})), loaded & HEAVY


def test_migration_heads_are_alembics() -> None:
    from alembic.script import ScriptDirectory

    from disputedesk.store.db import _alembic_config

    assert migration_heads() == frozenset(ScriptDirectory.from_config(_alembic_config(None)).get_heads())
