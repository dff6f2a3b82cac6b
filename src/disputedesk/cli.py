"""The ``disputedesk`` command: its entry point, kept free of imports.

``disputedesk search``, ``threads`` and ``evidence list`` are answered by
:mod:`disputedesk.fastread` with the standard library when it can (tens of milliseconds instead
of loading SQLAlchemy and pydantic); every other command, and what the read path leaves to it,
by the Typer application in :mod:`disputedesk.cli_app` (which imports only the module of the
command that runs).
"""

from __future__ import annotations

import sys
from typing import Any


def main() -> None:
    if sys.argv[1:2] in (["search"], ["threads"]) or sys.argv[1:3] == ["evidence", "list"]:
        from .fastread import run

        code = run(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from .cli_app import main as full

    full()


def __getattr__(name: str) -> Any:
    """``disputedesk.cli.app`` and the index helpers (``build_index`` …) live in ``cli_app``."""
    if name.startswith("__"):  # ``from disputedesk.cli import main`` asks for ``__path__``
        raise AttributeError(name)
    from . import cli_app

    return getattr(cli_app, name)


if __name__ == "__main__":
    main()
