"""The newest schema revisions, read from the migration files without loading Alembic or SQLAlchemy.

Used by ``store.db.migrate`` (a database already at these revisions is left alone) and by the
CLI's read path (``disputedesk.fastread``), which answers only on a database at the newest schema.
"""

from __future__ import annotations

import ast
import os
import re

VERSIONS = os.path.join(os.path.dirname(__file__), "migrations", "versions")
_HEADER = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.M)


def migration_heads() -> frozenset[str] | None:
    """The newest revision of every migration branch, read from the migration files' headers
    (``revision = "…"`` / ``down_revision = …``); None when a header cannot be read that way
    (Alembic then decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for name in os.listdir(VERSIONS):
        if not name.endswith(".py") or name.startswith("_"):
            continue
        with open(os.path.join(VERSIONS, name), encoding="utf-8") as f:
            found = dict(_HEADER.findall(f.read()))
        try:
            rev = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(rev, str):
            return None
        revisions.add(rev)
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(d) for d in down)
        elif down is not None:
            return None
    return frozenset(revisions - parents) or None
