"""Test helpers of the documents area: the demo dispute with its case and SLA results."""

from __future__ import annotations

import json


def load_full_demo(ctx) -> None:  # type: ignore[no-untyped-def]
    """The demo's files and records, plus (where those areas exist) its case and SLA evaluation."""
    from disputedesk.services.demo import demo_dir

    from support import demo_loaded

    demo_loaded(ctx, "demo", "Demo")
    spec = json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8"))
    try:
        from disputedesk.services.demo import load_demo_case

        load_demo_case(ctx, "demo", spec)
    except ImportError:  # pragma: no cover - cases area absent
        pass
    try:
        from disputedesk.services.demo import load_demo_sla

        load_demo_sla(ctx, "demo", spec)
    except ImportError:  # pragma: no cover - SLA area absent
        pass


def demo_context(tmp_path_factory, name: str):  # type: ignore[no-untyped-def]
    """A context on a fresh SQLite database in its own folder with the full demo loaded (for a
    module-scoped fixture: ``yield from demo_context(tmp_path_factory, "letters")``)."""
    from disputedesk.config import Settings
    from disputedesk.services.context import Context

    tmp = tmp_path_factory.mktemp(name)
    ctx = Context.open(Settings(data_dir=tmp / "data", database_url=f"sqlite:///{tmp / 'l.sqlite3'}"))
    load_full_demo(ctx)
    yield ctx
    ctx.close()
