"""Each support request is measured against its own contract's terms, in the version in force when it was
opened (issue 19).

Jinhua signed JH-2026-014 on 4 May 2026 (high: first response within 8 business hours) and JH-2026-099 on
20 October 2026 (high: within 2 business hours). Every request was judged by the most recently signed
contract's terms, JH-2026-099, even one under JH-2026-014 and one opened before JH-2026-099 existed. Now a
request under a contract is judged by that contract's terms; one naming no contract by the contract in force
when it was opened; the request's page, the API and ``request show`` say which terms, which version and why."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from pages_support import visible

from disputedesk.services import sla
from disputedesk.web.app import create_app

from records_fixtures import TERMS, add_later_contract, seed_parties
from support import api_token, make_user, sign_in

LATER = {**TERMS, "label": "JH-2026-099 Art. 5", "severities": {"high": {"first_response": "2h"}}}
AS_OF = "2026-12-01T12:00:00+08:00"


def _terms_line(html: str) -> str:
    dd = re.search(r"<dt>[^<]*(?:技术支持条款|Support terms)</dt><dd>(.*?)</dd>", html, re.S)
    assert dd, html[:300]
    return "".join(visible(dd.group(1)))


def test_each_request_is_measured_against_its_own_contracts_terms(ctx, cli) -> None:  # type: ignore[no-untyped-def]
    seed_parties(ctx)
    make_user(ctx, "alice", "default", "owner")
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'alice', 'default')}"
        add_later_contract(c)
        for contract, terms, start in (("JH-2026-014", TERMS, "2026-05-04"), ("JH-2026-099", LATER, "2026-10-20")):
            valid = sla.parse_time(f"{start}T00:00+08:00", "valid_from")
            sla.set_terms(ctx, "default", terms, contract_number=contract, valid_from=valid, actor="t")

        def opened(contract: str | None, at: str) -> str:
            body = {
                "supplier": "jinhua",
                "title": "Spindle alarm",
                "severity": "high",
                "opened_at": at,
                "contract": contract,
            }
            r = c.post("/api/sla/requests", json=body)
            assert r.status_code == 201, r.text
            return str(r.json()["number"])

        under_old = opened("JH-2026-014", "2026-11-02T10:00+08:00")  # under the older contract, after both signed
        before_new = opened(None, "2026-09-30T10:00+08:00")  # no contract: JH-2026-014 was the one in force
        after_new = opened(None, "2026-11-03T10:00+08:00")  # no contract: JH-2026-099 was signed by then
        assert c.post("/api/sla/evaluate", params={"as_of": AS_OF}).status_code == 200

        def judged(number: str) -> tuple[str | None, int | None, str]:
            d = c.get(f"/api/sla/requests/{number}").json()
            fr = next(x for x in d["evaluation"]["deadlines"] if x["kind"] == "first_response")
            return d["terms_contract"], d["terms_version"], fr["target"]

        assert judged(under_old) == ("JH-2026-014", 1, "8h")
        assert judged(before_new) == ("JH-2026-014", 1, "8h")
        assert judged(after_new) == ("JH-2026-099", 1, "2h")
        assert c.get(f"/api/sla/requests/{after_new}").json()["terms_basis"] == "in_force"
        # a later version of JH-2026-014 does not change a request opened before it was valid
        sla.set_terms(
            ctx, "default", {**TERMS, "severities": {"high": {"first_response": "1h"}}}, contract_number="JH-2026-014",
            valid_from=sla.parse_time("2026-11-20T00:00+08:00", "v"), actor="t",
        )  # fmt: skip
        assert c.post("/api/sla/evaluate", params={"as_of": AS_OF}).status_code == 200
        assert judged(under_old) == ("JH-2026-014", 1, "8h")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "alice")
        en = _terms_line(c.get(f"/requests/{under_old}").text)
        assert en.startswith("version 1 of the terms of contract JH-2026-014: JH-2026-014 Art. 7.2"), en
        assert "names no contract" not in en
        zh = _terms_line(c.get(f"/requests/{after_new}?lang=zh").text)
        assert zh.startswith("合同 JH-2026-099 的条款第1版：JH-2026-099 Art. 5"), zh
        assert "本请求未指定合同：适用提出请求时有效的合同的条款（即当天该供应商最近签订且条款已确认的合同）。" in zh, (
            zh
        )
        en = _terms_line(c.get(f"/requests/{before_new}?lang=en").text)
        assert en.startswith("version 1 of the terms of contract JH-2026-014"), en
        assert "the terms of the contract in force when it was opened apply" in en, en
    r = cli("request", "show", under_old, "--workspace", "default")
    assert "terms: JH-2026-014 Art. 7.2 (version 1 of the terms of contract JH-2026-014)" in r.output, r.output
