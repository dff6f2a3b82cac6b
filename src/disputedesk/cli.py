"""The ``disputedesk`` command. Thin: every command parses its arguments and calls a service.

Command groups live in :mod:`disputedesk.commands`, one module per area; each module that
defines ``register(app)`` is added here, so a new area adds commands without editing this file.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from . import commands

app = typer.Typer(
    name="disputedesk",
    help="DisputeDesk: evidence vault, SLA engine and dispute workbench.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register_commands() -> None:
    for mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_commands()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
