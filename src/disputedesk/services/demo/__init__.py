"""The demo dispute (``src/disputedesk/demo/data``): all demo loading, from every area.

``loader.load_demo`` reads ``dispute.json`` and the demo files and loads them; the area modules
here (``cases``, ``sla``, ``suppliers``, ``mail``) load each area's part of the demo.
"""

from __future__ import annotations

from .cases import load_demo_case
from .loader import DEMO_USER, demo_dir, ensure_demo_user, load_demo
from .sla import load_demo_sla
from .suppliers import load_demo_suppliers

__all__ = [
    "DEMO_USER",
    "demo_dir",
    "ensure_demo_user",
    "load_demo",
    "load_demo_case",
    "load_demo_sla",
    "load_demo_suppliers",
]
