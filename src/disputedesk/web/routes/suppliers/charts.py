"""The supplier pages' SVG charts (server-rendered, no script): scores as bars, a supplier's score
history as a line, the grid lines at the risk thresholds."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ....domain import scorecard as sc
from ....services import suppliers as svc


@dataclass
class Bar:
    label: str
    href: str
    score: Decimal | None
    risk: str
    x: float
    y: float
    w: float
    h: float
    label_zh: str | None = None  # the registered Chinese name, for Chinese pages
    provisional: bool = False  # most of the weight not measured: drawn pale, said in its title
    coverage: Decimal = Decimal(0)


@dataclass
class Point:
    period: str
    score: Decimal | None
    risk: str
    x: float
    y: float
    provisional: bool = False


CHART_W, CHART_H, PAD_L, PAD_B, PAD_T = 560, 210, 36, 28, 22


def _y(score: Decimal | None) -> float:
    v = float(score or 0)
    return PAD_T + (CHART_H - PAD_T - PAD_B) * (1 - v / 100)


def bar_chart(rows: list[svc.SupplierListRow]) -> list[Bar]:
    rows = [r for r in rows if r.measured]  # a supplier without data has no score to draw
    if not rows:
        return []
    inner = CHART_W - PAD_L - 10
    step = inner / len(rows)
    w = min(60.0, step * 0.6)
    out = []
    for n, r in enumerate(rows):
        y = _y(r.score)
        out.append(
            Bar(
                r.name_en,
                f"/suppliers/{r.key}",
                r.score,
                r.risk,
                PAD_L + n * step + (step - w) / 2,
                y,
                w,
                CHART_H - PAD_B - y,
                r.name_zh,
                r.provisional,
                r.coverage,
            )
        )
    return out


def line_chart(points: list[sc.SeriesPoint]) -> list[Point]:
    if not points:
        return []
    inner = CHART_W - PAD_L - 60
    step = inner / max(1, len(points) - 1) if len(points) > 1 else 0
    return [
        Point(
            p.period,
            p.score,
            p.risk,
            PAD_L + 25 + n * step if len(points) > 1 else PAD_L + inner / 2,
            _y(p.score),
            p.provisional,
        )
        for n, p in enumerate(points)
    ]


def chart_env() -> dict[str, Any]:
    return {
        "chart_w": CHART_W,
        "chart_h": CHART_H,
        "pad_l": PAD_L,
        "pad_b": PAD_B,
        "gridlines": [(v, _y(Decimal(v))) for v in (0, 50, 65, 80, 100)],
    }
