"""The ``disputedesk`` command's Typer application (``cli.py`` is the entry point). Thin: every
command parses its arguments and calls a service.

Command groups live in :mod:`disputedesk.commands`, one module per area; each module that
defines ``register(app)`` is added here, so a new area adds commands without editing this file.

Start-up is kept short: only the module of the command that runs is imported (``bizcal`` does
not load the database, the web framework, the PDF renderers or the contract analyser). The names
and one-line help of the top-level commands are read from ``commands/_index.py``, written by
``python -m disputedesk.cli --write-index`` (a unit test says when it is out of date). When the
index does not name every command module (a new area, before the index is rewritten), all
modules are loaded as before: slower, never wrong.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Any

import typer
from typer import _click
from typer.core import TyperCommand, TyperGroup

from . import commands

INDEX_FILE = "_index.py"


def _command_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))


def _register_into(app: typer.Typer, modules: list[str]) -> None:
    for name in modules:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


def _load_index() -> dict[str, dict[str, Any]] | None:
    """The index of top-level commands, or None when it is missing or names other modules."""
    try:
        from .commands import _index
    except ImportError:
        return None
    if list(_index.MODULES) != _command_modules():
        return None
    return _index.COMMANDS


class LazyGroup(TyperGroup):
    """The top-level group: a command's module is imported when that command is looked up.

    Help listings show the indexed one-line help without importing anything.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._index = _load_index()
        self._loaded: set[str] = set()
        self._listing = False
        if self._index is None:
            self._load_modules(_command_modules())

    def _load_modules(self, modules: list[str]) -> None:
        todo = [m for m in modules if m not in self._loaded]
        if not todo:
            return
        sub = typer.Typer()
        _register_into(sub, todo)
        built = typer.main.get_group(sub)
        for name, cmd in built.commands.items():
            self.commands.setdefault(name, cmd)
        self._loaded.update(todo)

    def _load(self, name: str) -> None:
        entry = (self._index or {}).get(name)
        if entry is None or name in self.commands:
            return
        for extra in entry["imports"]:  # modules that add commands to this group at import time
            importlib.import_module(f"{commands.__name__}.{extra}")
        self._load_modules([entry["module"]])

    def list_commands(self, ctx: _click.Context) -> list[str]:
        if self._index is None:
            return super().list_commands(ctx)
        return list(self._index)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        if cmd_name not in self.commands and self._index and cmd_name in self._index:
            if self._listing:
                return _stub(cmd_name, self._index[cmd_name])
            self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        self._listing = False
        if args and self._index is not None and args[0] not in self._index:
            # a typo: suggestions need every name, which the index has
            for name in self._index:
                self.commands.setdefault(name, _stub(name, self._index[name]))
            try:
                return super().resolve_command(ctx, args)
            finally:
                for name in self._index:
                    if isinstance(self.commands.get(name), _Stub):
                        del self.commands[name]
        return super().resolve_command(ctx, args)


class _Stub(TyperCommand):
    """A top-level command as the help listing shows it (never run)."""


def _stub(name: str, entry: dict[str, Any]) -> _click.Command:
    cmd = _Stub(name=name, help=entry["help"], hidden=entry["hidden"], deprecated=entry["deprecated"])
    cmd.rich_help_panel = entry["panel"]  # type: ignore[attr-defined]
    return cmd


app = typer.Typer(
    name="disputedesk",
    help="DisputeDesk: evidence vault, SLA engine and dispute workbench.",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    lang: str = typer.Option(
        None,
        "--lang",
        help="Language of refusals: en or zh (default: DISPUTEDESK_LANG, else both, one line each).",
    ),
) -> None:
    CHOSEN_LANG[0] = lang.strip().lower() if lang else None


# ``--lang`` of this run (read by ``commands.core.cli_lang``); here, so that setting it loads nothing.
CHOSEN_LANG: list[str | None] = [None]


# -- the index -------------------------------------------------------------------------------------


def _callback_modules(info: Any) -> set[str]:
    """Modules that define the commands below one registered group."""
    found: set[str] = set()
    for cmd in info.typer_instance.registered_commands:
        if cmd.callback is not None:
            found.add(cmd.callback.__module__)
    for sub in info.typer_instance.registered_groups:
        found |= _callback_modules(sub)
    return found


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, typer.models.DefaultPlaceholder) else value


def build_index() -> dict[str, dict[str, Any]]:
    """Every top-level command: its module, the modules it needs, and what ``--help`` shows."""
    index: dict[str, dict[str, Any]] = {}
    prefix = commands.__name__ + "."
    everything = typer.Typer()
    _register_into(everything, _command_modules())
    order = list(typer.main.get_group(everything).commands)  # the order --help always had
    for module in _command_modules():
        sub = typer.Typer()
        _register_into(sub, [module])
        group = typer.main.get_group(sub)
        extra: dict[str, set[str]] = {}
        for info in sub.registered_groups:
            extra[info.name or ""] = _callback_modules(info)
        for name, cmd in group.commands.items():
            imports = sorted(m[len(prefix) :] for m in extra.get(name, set()) if m.startswith(prefix))
            index[name] = {
                "module": module,
                "imports": [m for m in imports if m != module],
                "help": cmd.short_help or cmd.help or "",
                "hidden": bool(cmd.hidden),
                "deprecated": bool(cmd.deprecated),
                "panel": _plain(getattr(cmd, "rich_help_panel", None)),
            }
    return {name: index[name] for name in order}


def index_source() -> str:
    import pprint

    modules = _command_modules()
    return (
        '"""Top-level commands for the ``disputedesk`` start-up (see ``cli.py``).\n\n'
        "Generated by ``python -m disputedesk.cli --write-index``: do not edit by hand.\n"
        '"""\n\n'
        "from typing import Any\n\n"
        f"MODULES = {tuple(modules)!r}\n\n"
        f"COMMANDS: dict[str, dict[str, Any]] = {pprint.pformat(build_index(), width=110, sort_dicts=False)}\n"
    )


def write_index() -> None:
    from pathlib import Path

    path = Path(commands.__file__).parent / INDEX_FILE
    path.write_text(index_source(), encoding="utf-8")
    import subprocess

    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(path)], check=False)
    print(f"wrote {path}")


def main() -> None:
    if sys.argv[1:] == ["--write-index"]:
        write_index()
        return
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
