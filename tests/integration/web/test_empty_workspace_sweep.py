"""A buyer bringing their own dispute into an empty workspace through the forms (quality sweep,
browser25): what the pages then say must match what was entered."""

from __future__ import annotations

import json
import re

import pytest
from pages_support import alert, foreign_sentences, owner_client, visible


def _supplier(c) -> str:  # type: ignore[no-untyped-def]
    """The supplier added through the suppliers form; its key (from the page it leads to)."""
    r = c.post("/suppliers", data={"name_en": "Jinhua Precision", "kind": "factory"}, follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    return str(r.headers["location"].rstrip("/").rsplit("/", 1)[-1])


TERMS = {"label": "Art. 7.2", "severities": {"critical": {"first_response": "4h", "resolution": "2wd"}}}


def test_a_request_names_the_terms_version_the_terms_page_shows(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """Two contracts, each with its first terms version: the request is counted under the newer
    contract's version 1, and says "version 1" (not the number the database gave the row)."""
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        for number, signed in (("JH-2026-001", "2026-03-02"), ("JH-2026-002", "2026-05-04")):
            contract = {"number": number, "supplier": key, "signed_on": signed}
            r = c.post("/records/contracts/new", data=contract, follow_redirects=False)
            assert r.status_code == 303, r.text[-1500:]
            terms = {"terms": json.dumps(TERMS), "valid_from": f"{signed}T00:00+08:00", "status": "confirmed"}
            r = c.post(f"/sla/terms/{number}", data=terms, follow_redirects=False)
            assert r.status_code in (200, 303), r.text[-1500:]
        versions = c.get("/api/sla/terms/JH-2026-002").json()["versions"]
        assert [v["version"] for v in versions] == [1]
        ask = {"supplier": key, "title": "Spindle alarm", "severity": "critical", "contract": "JH-2026-002",
               "opened_at": "2026-06-01T10:00", "tz": "Europe/Berlin"}  # fmt: skip
        r = c.post("/requests/new", data=ask, follow_redirects=False)
        assert r.status_code == 303, r.text[-1500:]
        for lang, says, wrong in (
            ("en", "version 1 of the terms of contract JH-2026-002", "version 2"),
            ("zh", "合同 JH-2026-002 的条款第1版", "第2版"),
        ):
            page = " ".join(visible(c.get(f"{r.headers['location']}?lang={lang}").text))
            assert says in page and wrong not in page, (lang, page[page.find("Art. 7.2") :][:200])
        assert c.get("/api/sla/requests/SR-0001").json()["terms_version"] == 1
    finally:
        c.__exit__(None, None, None)


def test_a_case_refused_from_a_request_says_why_in_the_pages_language(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """A request opened before its order was delivered: "Open a case from this request" is refused
    with the reason in the page's language, not the deadline engine's English field names."""
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        contract = {"number": "JH-2026-001", "supplier": key, "signed_on": "2026-05-04", "warranty_months": "12",
                    "warranty_start": "delivery"}  # fmt: skip
        assert c.post("/records/contracts/new", data=contract, follow_redirects=False).status_code == 303
        order = {"number": "PO-1", "contract": "JH-2026-001", "currency": "EUR", "amount": "1000",
                 "ordered_on": "2026-05-10", "delivered_on": "2026-07-15"}  # fmt: skip
        assert c.post("/records/orders/new", data=order, follow_redirects=False).status_code == 303
        ask = {"supplier": key, "title": "Spindle alarm", "severity": "critical", "contract": "JH-2026-001",
               "opened_at": "2026-06-01T10:00", "tz": "Europe/Berlin"}  # fmt: skip
        assert c.post("/requests/new", data=ask, follow_redirects=False).status_code == 303
        for lang in ("zh", "en"):
            r = c.post(f"/requests/SR-0001/case?lang={lang}", follow_redirects=False)
            said = alert(r.text)
            assert r.status_code == 422 and "knowledge_on" not in said and "received_on" not in said, said
            if lang == "zh":
                assert "早于合同 JH-2026-001 项下的首次交货日期，即2026年7月15日" in said, said
                assert foreign_sentences(r.text) == [], foreign_sentences(r.text)
            else:
                assert "SR-0001 was opened on Mon 1 Jun 2026, before the first delivery" in said, said
        assert c.get("/api/cases").json() == []  # nothing half-written
    finally:
        c.__exit__(None, None, None)


def _chosen_step(html: str) -> str:
    """The "Step answered" choice of the reply form as the page offers it: the selected option's text."""
    select = html.split('name="position"', 1)[1].split("</select>", 1)[0]
    chosen = re.search(r"<option[^>]*\bselected\b[^>]*>([^<]*)", select)
    return chosen.group(1) if chosen else re.search(r"<option[^>]*>([^<]*)", select).group(1)  # type: ignore[union-attr]


def test_the_reply_form_offers_the_step_awaiting_a_reply_and_keeps_it_when_refused(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """A reply recorded on the case page goes to the step the user chose: the form starts on the
    newest step still awaiting a reply (not step 1, whose reply a second entry would replace), says
    which steps already have one, and a refused reply comes back with the same step chosen."""
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        contract = {"number": "JH-2026-001", "supplier": key, "signed_on": "2026-01-05"}
        assert c.post("/records/contracts/new", data=contract, follow_redirects=False).status_code == 303
        order = {"number": "PO-1", "contract": "JH-2026-001", "currency": "EUR", "amount": "1000",
                 "ordered_on": "2026-01-10", "delivered_on": "2026-02-02"}  # fmt: skip
        assert c.post("/records/orders/new", data=order, follow_redirects=False).status_code == 303
        ask = {"supplier": key, "title": "Spindle alarm", "severity": "critical", "contract": "JH-2026-001",
               "opened_at": "2026-03-02T10:00", "tz": "Europe/Berlin"}  # fmt: skip
        assert c.post("/requests/new", data=ask, follow_redirects=False).status_code == 303
        r = c.post("/requests/SR-0001/case", follow_redirects=False)
        assert r.status_code == 303, r.text[-1500:]
        case = r.headers["location"]
        # step 1 is the request the case was opened from (no mail recorded for it: no proof)
        sent = {"step": "formal_complaint", "sent_on": "2026-04-01", "channel": "email", "recipient": "Mr Chen"}
        r = c.post(f"{case}/steps", data=sent, follow_redirects=False)
        assert r.status_code == 303, alert(r.text)
        reply = {"position": "1", "reply_on": "2026-03-10"}
        assert c.post(f"{case}/reply", data=reply, follow_redirects=False).status_code == 303

        en = c.get(f"{case}?lang=en").text
        assert _chosen_step(en).startswith("2. formal complaint"), _chosen_step(en)
        first = en.split('name="position"', 1)[1].split("</option>", 1)[0]
        assert "replied 10 Mar 2026" in first, first
        zh = c.get(f"{case}?lang=zh").text
        assert _chosen_step(zh).startswith("2. "), _chosen_step(zh)
        assert "已答复 2026年3月10日" in zh.split('name="position"', 1)[1].split("</select>", 1)[0]

        for lang in ("en", "zh"):
            r = c.post(f"{case}/reply?lang={lang}", data={"position": "2", "reply_on": "2026-03-20"})
            assert r.status_code == 400 and "2026" in alert(r.text), r.text[-1500:]
            assert _chosen_step(r.text).startswith("2. "), (lang, _chosen_step(r.text))
        steps = c.get("/api/cases/CASE-2026-001").json()["ladder"]
        assert [s.get("reply_on") for s in steps] == ["2026-03-10", None], steps
    finally:
        c.__exit__(None, None, None)


LETTER = {"case": "", "kind": "formal-complaint", "lang": "both", "layout": "side-by-side", "format": "pdf"}


def test_a_letter_is_not_kept_with_a_past_deadline_a_future_contract_or_a_bad_uscc(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """Facts typed on the letter form are checked like the same facts elsewhere: a cure deadline
    the letter sets lies after the letter's date, the contract was signed by then, and a USCC is a
    valid one; a refused letter is not kept as evidence and the form keeps what was typed."""
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        for fact, typed, en, zh in (
            ("cure_deadline", "2020-01-02", "cure_deadline: 2 Jan 2020 is not after the letter", "补救期限"),
            ("reply_by", "2020-01-02", "reply_by: 2 Jan 2020 is not after the letter", "答复期限"),
            ("contract_date", "2099-01-04", "contract_date: 4 Jan 2099 is after the letter", "合同签订日期"),
            ("supplier_uscc", "123", "is not a valid USCC", "统一社会信用代码"),
        ):
            form = {**LETTER, "case": key, f"fact_{fact}": typed}
            for lang, says in (("en", en), ("zh", zh)):
                r = c.post(f"/documents/letters?lang={lang}", data=form, follow_redirects=False)
                said = alert(r.text)
                assert r.status_code == 400 and says in said, (fact, lang, said)
                assert f'name="fact_{fact}" autocomplete="off" value="{typed}"' in r.text or typed in r.text
                if lang == "zh":
                    assert foreign_sentences(said) == [], said
        assert "No letter drafted yet" in c.get("/documents?lang=en").text
        ok = {**LETTER, "case": key, "fact_cure_deadline": "2099-01-04", "fact_supplier_uscc": "91330701MA2E123455"}
        assert c.post("/documents/letters", data=ok, follow_redirects=False).status_code == 303
    finally:
        c.__exit__(None, None, None)


def test_the_dashboard_of_a_chinese_reader_names_a_cases_deadlines_and_money_in_chinese(sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The dashboard's coming case deadlines keep their sentence when read back from the day's
    cache, and the ledger's money entries of a case have their Chinese names."""
    from datetime import UTC, datetime

    from disputedesk.services.import_evidence import import_paths

    sqlite_ctx.clock = lambda: datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    proof = tmp_path / "bank-statement.txt"
    proof.write_text("Credit EUR 5000.00 from Jinhua Precision, 1 June 2026\n", encoding="utf-8")
    import_paths(sqlite_ctx, "default", [proof], actor="test")
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        contract = {"number": "JH-2025-031", "supplier": key, "signed_on": "2025-11-03", "warranty_months": "12",
                    "warranty_start": "acceptance", "inspection_days": "30"}  # fmt: skip
        assert c.post("/records/contracts/new", data=contract, follow_redirects=False).status_code == 303
        order = {"number": "PO-1", "contract": "JH-2025-031", "currency": "EUR", "amount": "1000",
                 "ordered_on": "2025-11-10", "delivered_on": "2025-12-15", "accepted_on": "2026-01-10"}  # fmt: skip
        assert c.post("/records/orders/new", data=order, follow_redirects=False).status_code == 303
        ask = {"supplier": key, "title": "Spindle alarm", "severity": "critical", "contract": "JH-2025-031",
               "opened_at": "2026-02-13T10:00", "tz": "Europe/Berlin"}  # fmt: skip
        assert c.post("/requests/new", data=ask, follow_redirects=False).status_code == 303
        case = c.post("/requests/SR-0001/case", follow_redirects=False).headers["location"]
        money = {"kind": "receipt", "on": "2026-06-01", "amount": "5000", "currency": "EUR", "evidence": "E-0001"}
        assert c.post(f"{case}/recovery", data=money, follow_redirects=False).status_code == 303
        for _ in range(2):  # computed, then read back from the day's cache
            zh = " ".join(visible(c.get("/?lang=zh").text))
            assert "质量异议通知的最长期限（检验期限未涵盖的瑕疵）" in zh, zh[:3000]
            assert "defects the inspection period does not cover" not in zh
            assert "案件：已记录收款" in zh and "case receipt recorded" not in zh, zh[-3000:]
        en = " ".join(visible(c.get("/?lang=en").text))
        assert "defects the inspection period does not cover" in en
    finally:
        c.__exit__(None, None, None)


@pytest.mark.parametrize(
    ("url", "zh_says", "en_says"),
    [
        ("/cases/CASE-2026-999", "案件“CASE-2026-999”在本工作区中不存在", "case 'CASE-2026-999' does not exist"),
        ("/records/contracts/NOPE", "合同“NOPE”在本工作区中不存在", "contract 'NOPE' does not exist"),
        ("/records/orders/NOPE", "订单“NOPE”在本工作区中不存在", "order 'NOPE' does not exist"),
        ("/threads/999", "会话 999 不存在", "thread 999 does not exist"),
        ("/documents/bundles/999", "证据包导出 999 在本工作区中不存在", "bundle export 999 does not exist"),
        ("/evidence/E-9999", "E-9999 在工作区“default”中不存在", "E-9999 does not exist in workspace 'default'"),
    ],
    ids=["case", "contract", "order", "thread", "bundle", "evidence"],
)
def test_an_address_with_nothing_behind_it_says_so_in_the_pages_language(sqlite_ctx, url, zh_says, en_says) -> None:  # type: ignore[no-untyped-def]
    """A mistyped or stale link in an empty workspace: a 404 whose sentence is in the page's language."""
    c = owner_client(sqlite_ctx)
    try:
        zh = c.get(f"{url}?lang=zh")
        text = " ".join(visible(zh.text))
        assert zh.status_code == 404 and zh_says in text and "does not exist" not in text, text[-600:]
        en = c.get(f"{url}?lang=en")
        assert en.status_code == 404 and en_says in " ".join(visible(en.text))
    finally:
        c.__exit__(None, None, None)


def test_switching_language_or_workspace_after_a_refused_form_stays_on_a_page(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """A refused form is shown again at the address it was sent to; the 中文/English links and the
    workspace switcher then lead to the page the form belongs to, not to a 405 for that address."""
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        closure = {"start": "2026-02-20", "end": "2026-02-10", "label": "factory shutdown"}
        refused = c.post(f"/sla/suppliers/{key}/closures?lang=en", data=closure)
        assert refused.status_code == 400 and "end" in alert(refused.text)
        switch = re.search(r'<form method="get" action="([^"]*)" class="ws">', refused.text)
        assert switch and switch.group(1) == f"/sla/suppliers/{key}", switch
        assert c.get(f"{switch.group(1)}?ws=default").status_code == 200
        here = f"http://testserver/sla/suppliers/{key}/closures"
        r = c.get("/lang/zh", headers={"referer": here}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"http://testserver/sla/suppliers/{key}"
        page = c.get(r.headers["location"])
        assert page.status_code == 200 and "供应商" in page.text
        for sent_to, belongs_to in (("/records/payments/new", "/records/payments/new"), ("/cases/7/steps", "/cases/7")):
            r = c.get("/lang/en", headers={"referer": f"http://testserver{sent_to}?x=1"}, follow_redirects=False)
            assert r.headers["location"].startswith(f"http://testserver{belongs_to}"), (sent_to, r.headers["location"])
    finally:
        c.__exit__(None, None, None)


def test_a_record_in_a_currency_that_does_not_exist_is_refused(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """Three letters are not a currency: a contract or payment in "XYZ" was kept (and a case opened on
    it would count in it), while a case's own money refuses it."""
    c = owner_client(sqlite_ctx)
    try:
        key = _supplier(c)
        contract = {"number": "JH-1", "supplier": key, "signed_on": "2026-05-04", "currency": "XYZ", "value": "100"}
        pay = {"supplier": key, "currency": "XYZ", "amount": "100", "paid_on": "2026-05-12"}
        for url, form in (("/records/contracts/new", contract), ("/records/payments/new", pay)):
            for lang, says in (("en", "is not a currency code such as EUR"), ("zh", "币种")):
                r = c.post(f"{url}?lang={lang}", data=form)
                assert r.status_code == 422 and says in alert(r.text), (url, lang, alert(r.text))
        assert (
            c.post("/records/contracts/new", data={**contract, "currency": "cny"}, follow_redirects=False).status_code
            == 303
        )
    finally:
        c.__exit__(None, None, None)
