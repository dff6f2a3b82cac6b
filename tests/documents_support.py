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
