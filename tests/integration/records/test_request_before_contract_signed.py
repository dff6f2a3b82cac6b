"""A support request under a contract cannot be opened before that contract was signed (issue 19).

Jinhua's contract JH-2026-014 was signed on 4 May 2026. A request under it opened on 20 April 2026 was
accepted and measured against terms that bound no one yet (Civil Code Arts. 490 and 502: a written contract
is formed when both sign, and takes effect then unless agreed otherwise). Now it is refused, naming the field,
in the page's language, on the page, the API and the command line; the same request without the contract is
accepted. Opening from a thread whose first buyer message predates the contract chosen names the contract."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient

from disputedesk.web.app import create_app

from records_fixtures import add_later_contract, seed
from support import api_token, make_user, sign_in

EARLY = "2026-04-20T10:00+08:00"  # before JH-2026-014 was signed (2026-05-04)


def test_api_page_and_cli_refuse_a_request_opened_before_its_contract(ctx, cli) -> None:  # type: ignore[no-untyped-def]
    seed(ctx)
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        add_later_contract(c)
        body = {"supplier": "jinhua", "title": "Spindle noise", "contract": "JH-2026-014", "opened_at": EARLY}
        r = c.post("/api/sla/requests", json=body)
        assert r.status_code == 422 and r.json()["field"] == "opened_at", r.text
        assert r.json()["error"] == (
            "opened at: 20 Apr 2026, 02:00 (UTC+00:00) is before contract JH-2026-014 was signed, on 4 May 2026: "
            "its support terms did not bind the supplier yet; correct the time, or leave the contract out"
        )
        assert c.get("/api/sla/requests").json()["requests"] == []  # nothing stored
        # the signing day itself (in the supplier's zone) is fine; so is the early time without the contract
        r = c.post("/api/sla/requests", json={**body, "opened_at": "2026-05-04T00:30+08:00"})
        assert r.status_code == 201, r.text
        number = r.json()["number"]
        r = c.post("/api/sla/requests", json={**body, "contract": None})
        assert r.status_code == 201 and r.json()["contract"] is None, r.text
        # correcting the time of a request under the contract to before the signing: refused, nothing changed
        r = c.patch(f"/api/sla/requests/{number}", json={"opened_at": EARLY})
        assert r.status_code == 422 and r.json()["field"] == "opened_at", r.text
        assert c.get(f"/api/sla/requests/{number}/record").json()["opened_at"] == "2026-05-03T16:30:00Z"
        # giving an early request the contract afterwards: refused, naming the contract
        early = c.post("/api/sla/requests", json={**body, "contract": None}).json()["number"]
        r = c.patch(f"/api/sla/requests/{early}", json={"contract": "JH-2026-014"})
        assert r.status_code == 422 and r.json()["field"] == "contract" and "was signed, on 4 May 2026" in r.text
        # from a thread whose buyer first wrote on 30 September, under a contract signed on 20 October
        spindle = next(s for s in c.get("/api/sla/suggested-requests").json() if "SP-0410" in s["subject"])
        r = c.post("/api/sla/requests/from-thread", json={"thread": spindle["thread"], "contract": "JH-2026-099"})
        assert r.status_code == 422 and r.json()["field"] == "contract", r.text
        assert r.json()["error"] == (
            "contract: the buyer's first message, on 30 Sept 2026, 14:30 (UTC+00:00), is before contract "
            "JH-2026-099 was signed, on 20 Oct 2026: choose the contract in force then, or none"
        )
    # the page: the user's zone and the page's language, the form kept
    with TestClient(create_app(ctx)) as c:
        tok = sign_in(c, "alice")
        data = {
            "supplier": "jinhua",
            "title": "Spindle noise again",
            "severity": "high",
            "contract": "JH-2026-014",
            "opened_at": "2026-04-20T04:00",
            "tz": "Europe/Berlin",
            "csrftoken": tok,
        }
        en = c.post("/requests/new", data=data)
        assert en.status_code == 422 and 'value="Spindle noise again"' in en.text
        assert (
            "20 Apr 2026, 04:00 (Europe/Berlin) is before contract JH-2026-014 was signed, on Mon 4 May 2026"
            in unescape(en.text)
        ), en.text[-1500:]
        zh = unescape(c.post("/requests/new?lang=zh", data=data).text)
        said = re.search(
            r"2026年4月20日 04:00（Europe/Berlin）早于合同 JH-2026-014 的签订日期，即2026年5月4日（星期一）：[^<]*", zh
        )
        assert said, zh[-1500:]
        assert "该合同的技术支持条款当时尚未约束供应商；请更正时间，或不指定该合同" in said.group(0)
        assert not re.search(r"[A-Za-z]{3,}", said.group(0).replace("Europe/Berlin", "").replace("JH-", ""))
    # the command line: one line in English and one in Chinese naming the field by its label, exit code 2
    r = cli(
        "request", "open", "--supplier", "jinhua", "--title", "x", "--contract", "JH-2026-014", "--opened-at", EARLY,
        code=2,
    )  # fmt: skip
    said = "opened at: 20 Apr 2026, 02:00 (UTC+00:00) is before contract JH-2026-014 was signed, on 4 May 2026"
    assert said in r.output and "2026年5月4日" in r.output
    assert len(r.output.strip().splitlines()) == 2
