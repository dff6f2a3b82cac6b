"""The supplier chart draws the target of each severity level, at the target each request was judged by (issue 19).

One dashed line ran through every dot's target, zig-zagging between a critical request's 4 business hours and a
normal one's 8, and it took the targets from the supplier's newest terms, not from the terms the requests were
measured against. Now each level has its own line, spanning only that level's dots, with the level and its target
in the legend and in the line's tooltip, in the page's language; the API gives each response's own target."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from disputedesk.services import sla
from disputedesk.web.app import create_app

from sla_fixtures import TERMS, seed, t
from support import make_user, sign_in

NEWER = {**TERMS, "severities": {"critical": {"first_response": "2h"}, "normal": {"first_response": "16h"}}}


def test_each_level_has_its_own_target_line(ctx) -> None:  # type: ignore[no-untyped-def]
    seed(ctx)  # SR-0001 critical (opened 27 March), SR-0002 normal (21 April)
    sla.set_terms(ctx, "default", TERMS, contract_number="SC-1", valid_from=t("2026-01-01T00:00+08:00"), actor="t")
    # newer terms from 25 April: they do not move the targets of requests opened before
    sla.set_terms(ctx, "default", NEWER, contract_number="SC-1", valid_from=t("2026-04-25T00:00+08:00"), actor="t")
    sla.evaluate_all(ctx, "default", as_of=t("2026-05-01T00:00+00:00"), actor="t")
    responses = sla.supplier_report(ctx, "default", "acme")[0].to_dict()["responses"]
    assert {(r["request"], r["severity"], r["target_business_seconds"]) for r in responses} == {
        ("SR-0001", "critical", 4 * 3600),
        ("SR-0002", "normal", 8 * 3600),
    }
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        html = c.get("/sla/suppliers/acme").text
        assert '<polyline class="target"' not in html
        lines = re.findall(r'<line class="target sev-(\w+)" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)"', html)
        by_level = {sev: (float(x1), float(x2), float(y)) for sev, x1, x2, y in lines}
        assert set(by_level) == {"critical", "normal"} and len(lines) == 2, lines
        crit, norm = by_level["critical"], by_level["normal"]
        assert crit[2] > norm[2]  # 4 h is drawn lower than 8 h
        assert crit[1] < norm[0]  # the critical line ends before the normal request's dot: no line across levels
        dots = re.findall(r'<circle class="[^"]*" cx="([\d.]+)" cy="[\d.]+" r="5"><title>([^<]*)</title>', html)
        assert any("SR-0002" in unescape(title) and "(normal)" in unescape(title) for _x, title in dots), dots
        legend = unescape(re.search(r'<p class="sla-legend">(.*?)</p>', html, re.S).group(1))  # type: ignore[union-attr]
        assert "Target for critical: " in legend and "Target for normal: " in legend, legend
        zh = unescape(c.get("/sla/suppliers/acme?lang=zh").text)
        legend = re.search(r'<p class="sla-legend">(.*?)</p>', zh, re.S).group(1)  # type: ignore[union-attr]
        assert "“紧急”级别的目标：" in legend and "“一般”级别的目标：" in legend, legend
        assert "Target" not in legend and "critical" not in re.sub(r'class="[^"]*"', "", legend)
