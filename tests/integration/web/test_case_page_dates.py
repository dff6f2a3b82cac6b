"""The case page for a person: "At stake" follows the claim heads; "days left" counts from today
where the viewer is, while the legal deadlines keep their Chinese dates and say so."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

from pages_support import visible


def _dd(html: str, term: str) -> str:
    m = re.search(rf"<dt>{re.escape(term)}</dt><dd>(.*?)</dd>", html, re.S)
    assert m, term
    return " ".join(visible(m.group(1)))


def test_at_stake_follows_the_claim_heads(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    case_id = c.get("/api/cases").json()[0]["id"]
    before = c.get(f"/cases/{case_id}?lang=en").text
    total_before = Decimal(c.get(f"/api/cases/{case_id}").json()["totals"]["EUR"])
    assert _dd(before, "At stake").startswith(f"€{total_before:,.2f}")
    r = c.post(f"/api/cases/{case_id}/claims", json={"kind": "repair", "amount": "1000.00", "currency": "EUR"})
    assert r.status_code == 201, r.text
    after = c.get(f"/cases/{case_id}").text
    assert _dd(after, "At stake").startswith(f"€{total_before + 1000:,.2f}")
    assert "stated when the case was opened" in _dd(after, "At stake")


def test_days_left_count_from_the_viewers_today(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    ctx = c.app.state.ctx
    case_id = c.get("/api/cases").json()[0]["id"]
    # 23:30 on 3 December in Berlin = 06:30 on 4 December in Shanghai.
    ctx.clock = lambda: datetime(2026, 12, 3, 22, 30, tzinfo=UTC)

    def days_left(zone: str) -> tuple[str, list[int]]:
        c.cookies.set("tz", zone)
        html = c.get(f"/cases/{case_id}?lang=en").text
        table = html.split('id="deadline-table"')[1].split("</table>")[0]
        head, body = table.split("</thead>")
        left = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            if len(cells) >= 3 and cells[2].strip().isdigit():
                left.append(int(cells[2].strip()))
        return " ".join(visible(head)), left

    head_berlin, berlin = days_left("Europe/Berlin")
    head_shanghai, shanghai = days_left("Asia/Shanghai")
    assert "3 Dec 2026" in head_berlin and "4 Dec 2026" in head_shanghai
    assert "Asia/Shanghai" in head_berlin  # the deadlines' own zone is named
    assert berlin and len(berlin) == len(shanghai)
    assert [b - s for b, s in zip(berlin, shanghai, strict=True)] == [1] * len(berlin)
