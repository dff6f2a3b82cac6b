"""The demo dispute's messages: directions, threads, and the messages each support request lists
(moved here from services/mail as it was)."""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..mail import link_request_messages, rebuild_threads, refresh_directions


def after_demo_load(
    ctx: Context, workspace: str, spec: dict[str, Any], by_path: dict[str, str | None], *, actor: str
) -> None:
    """Called by the demo loader once parties and support requests exist: directions, chat
    times in the buyer's zone, threads, and the messages each support request lists."""
    refresh_directions(ctx, workspace)
    rebuild_threads(ctx, workspace)
    links: dict[str, list[str]] = {}
    for n, sr in enumerate(spec.get("support_requests", []), 1):
        labels = [by_path[p] for p in sr.get("messages", []) if by_path.get(p)]
        if labels:
            links[f"SR-{n:04d}"] = [lab for lab in labels if lab]
    if links:
        link_request_messages(ctx, workspace, links, actor=actor)
