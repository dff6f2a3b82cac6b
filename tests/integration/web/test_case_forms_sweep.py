"""A case's forms and figures as a buyer working in Chinese meets them (quality sweep): a refused
ladder step, claim, amount received or acknowledgement says in Chinese which field is wrong and
why; the orders' amounts, the demands and acknowledgements that restart limitation and the notes
written when the case was opened show money and dates as the rest of the page does."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from pages_support import bad_brackets, foreign_sentences, visible

from disputedesk.services import cases
from disputedesk.services.demo import demo_dir
from disputedesk.services.demo import load_demo_case as demo_case
from disputedesk.web.app import create_app

from support import demo_loaded, make_user, sign_in


@pytest.fixture
def case_client(sqlite_ctx):  # type: ignore[no-untyped-def]
    demo_loaded(sqlite_ctx, "demo", "Demo dispute")
    demo_case(sqlite_ctx, "demo", json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8")))
    case_id = cases.list_cases(sqlite_ctx, "demo")[0].id
    make_user(sqlite_ctx, "owner", "demo", "owner")
    with TestClient(create_app(sqlite_ctx)) as c:
        sign_in(c, "owner")
        yield c, case_id


def _alert(html: str) -> str:
    found = re.search(r'role="alert"[^>]*>(.*?)</p>', html, re.S)
    assert found, html[-2000:]
    return found.group(1)


STEP = {"step": "formal_complaint", "sent_on": "2026-08-20", "channel": "email", "recipient": "Mr Chen"}
REFUSED = [
    # form, what was typed, what the Chinese page says, what the English page says
    ("steps", {**STEP, "cure_deadline": "2026-08-10"}, "补救期限",
     "cure_deadline: 10 Aug 2026 is not after sent_on (20 Aug 2026)"),
    ("steps", {**STEP, "sent_on": "2099-01-04"}, "发出日期", "sent_on: 4 Jan 2099 is in the future"),
    ("claims", {"kind": "repair", "amount": "100", "currency": "RMB", "basis": "Art. 582"}, "币种",
     "currency: &#39;RMB&#39; is not an ISO 4217 currency code"),
    ("recovery", {"kind": "receipt", "on": "2026-11-20", "amount": "500", "currency": "EUR"}, "证据",
     "evidence: an amount received needs proof"),
    ("recovery", {"kind": "offer", "on": "2099-01-04", "amount": "500", "currency": "EUR"}, "日期",
     "on: 4 Jan 2099 is in the future"),
    ("acknowledgements", {"on": "2020-01-02", "summary": "admitted the fault"}, "日期",
     "on: 2 Jan 2020 is before the buyer knew of the breach (27 Mar 2026)"),
    ("claims", {"kind": "repair", "amount": "100", "currency": "EUR", "basis": "Art. 582",
                "evidence": "E-0001, E-9999"}, "证据", "evidence[1]: E-9999 does not exist in this workspace"),
    ("rates", {"base": "CNY", "quote": "EUR", "rate": "0.1234567890123", "on": "2026-08-20", "source": "ECB"},
     "汇率", "rate: 0.1234567890123 has more than"),
]  # fmt: skip


@pytest.mark.parametrize(("form", "typed", "field_zh", "said_en"), REFUSED, ids=[r[0] + "-" + r[2] for r in REFUSED])
def test_a_refused_case_form_names_the_field_in_the_pages_language(case_client, form, typed, field_zh, said_en) -> None:  # type: ignore[no-untyped-def]
    c, case_id = case_client
    r = c.post(f"/cases/{case_id}/{form}?lang=zh", data=typed)
    said = _alert(r.text)
    assert r.status_code == 400 and said.startswith(field_zh), said
    assert foreign_sentences(f"<p>{said}</p>") == [] and "_" not in said, said
    r = c.post(f"/cases/{case_id}/{form}?lang=en", data=typed)
    assert said_en in _alert(r.text)


def test_the_api_names_the_field_by_its_label_and_its_key(case_client) -> None:  # type: ignore[no-untyped-def]
    """The API's ``error`` names fields by their labels and writes dates as the pages do (api27);
    its ``field`` keeps the key as the body names it."""
    c, case_id = case_client
    r = c.post(f"/api/cases/{case_id}/steps", json={**STEP, "cure_deadline": "2026-08-10"})
    assert r.status_code in (400, 422) and r.json()["field"] == "cure_deadline", r.text
    assert "cure deadline: 10 Aug 2026 is not after sent on (20 Aug 2026)" in r.json()["error"], r.text


def test_a_cases_orders_demands_and_notes_show_money_and_dates_as_the_page_does(case_client) -> None:  # type: ignore[no-untyped-def]
    c, case_id = case_client
    ok = c.post(
        f"/cases/{case_id}/acknowledgements",
        data={"on": "2026-09-01", "summary": "admitted the fault"},
        follow_redirects=False,
    )
    assert ok.status_code == 303, ok.text[-1500:]
    zh = c.get(f"/cases/{case_id}?lang=zh").text
    en = c.get(f"/cases/{case_id}?lang=en").text
    orders = re.search(r"<dt>订单</dt><dd>(.*?)</dd>", zh, re.S).group(1)  # type: ignore[union-attr]
    assert re.search(r"€[\d,]+\.\d\d", orders) and " EUR)" not in orders, orders
    restart = zh.split("使诉讼时效重新计算的请求", 1)[1].split("</p>", 1)[0]
    used = restart.split("供应商的承认", 1)[0]
    assert "2026年9月1日" in restart and not re.search(r"\d{4}-\d\d-\d\d", restart) and "." not in used, restart
    assert "1 Sept 2026" in en.split("Demands that restart limitation", 1)[1].split("</p>", 1)[0]


def test_the_notes_of_a_case_opened_from_a_request_show_dates_in_the_pages_style(case_client) -> None:  # type: ignore[no-untyped-def]
    """Opened from a request, the case notes when the buyer knew: as a date of the page's style (the
    CLI and JSON keep the ISO date; the delivery's note: tests/integration/records/test_records_pages.py)."""
    c, _ = case_client
    r = c.post("/requests/SR-0001/case", follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    zh = c.get(r.headers["location"] + "?lang=zh").text
    notes = zh.split("<h2>备注</h2>", 1)[1].split("</ul>", 1)[0]
    assert "知道或应当知道之日 20" in notes, notes
    assert not re.search(r"\d{4}-\d\d-\d\d", notes), notes
    en = c.get(r.headers["location"] + "?lang=en").text
    notes = en.split("<h2>Notes</h2>", 1)[1].split("</ul>", 1)[0]
    assert not re.search(r"\d{4}-\d\d-\d\d", notes), notes
    assert re.search(r"\d{1,2} \w+ \d{4}: first support request", notes), notes


def test_the_reply_form_the_rates_and_the_bundles_ladder_steps_read_in_chinese(case_client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The reply form's steps and the exchange rates give their days in the page's style; the case
    bundle's chronology names a step's channel in Chinese in its Chinese column."""
    import csv
    import io
    import zipfile

    from disputedesk.services.bundle import export_bundle

    c, case_id = case_client
    r = c.post(f"/cases/{case_id}/rates", data={"base": "CNY", "quote": "EUR", "rate": "0.128", "on": "2026-08-20",
                                                 "source": "ECB"}, follow_redirects=False)  # fmt: skip
    assert r.status_code == 303, r.text[-1500:]
    zh = c.get(f"/cases/{case_id}?lang=zh").text
    assert "1 CNY = 0.128 EUR · 2026年8月20日" in zh
    positions = zh.split('name="position"', 1)[1].split("</select>", 1)[0]
    assert not re.search(r"\d{4}-\d\d-\d\d", positions) and "年" in positions, positions
    number = cases.get_case(c.app.state.ctx, "demo", case_id).number
    out = tmp_path / "case.zip"
    export_bundle(c.app.state.ctx, "demo", out, case=number, actor="test")
    with zipfile.ZipFile(out) as z:
        name = next(n for n in z.namelist() if n.endswith("chronology/chronology.csv"))
        rows = list(csv.reader(io.StringIO(z.read(name).decode("utf-8-sig"))))
    steps = [cell for row in rows for cell in row if cell.startswith("升级步骤")]
    assert steps and not any(re.search(r"（[A-Za-z ]+）", s) for s in steps), steps


def test_a_letter_marked_sent_with_a_bad_date_keeps_the_form_and_what_was_typed(case_client) -> None:  # type: ignore[no-untyped-def]
    """ "Record as sent" with a day in the future answered with a bare error page: the letters page
    comes back with the message in Chinese and the form open with what was typed."""
    c, case_id = case_client
    number = cases.get_case(c.app.state.ctx, "demo", case_id).number
    r = c.post("/documents/letters", data={"case": number, "kind": "formal-complaint", "lang": "both",
                                           "format": "pdf"}, follow_redirects=False)  # fmt: skip
    assert r.status_code == 303, r.text[-1500:]
    letter = re.search(r"letter=(\d+)", r.headers["location"]).group(1)  # type: ignore[union-attr]
    typed = {"sent_on": "2099-01-04", "channel": "挂号信", "recipient": "陈志强", "proof": "", "note": "EMS 1234"}
    r = c.post(f"/documents/letters/{letter}/sent?lang=zh", data=typed)
    assert r.status_code == 400 and _alert(r.text).startswith("发出日期"), r.text[-2000:]
    assert f'action="/documents/letters/{letter}/sent"' in r.text and "导航" not in _alert(r.text)
    posted = json.loads(re.search(r'id="posted-form">(.*?)</script>', r.text, re.S).group(1))  # type: ignore[union-attr]
    assert posted["action"] == f"/documents/letters/{letter}/sent" and posted["values"]["channel"] == "挂号信"
    assert posted["values"]["note"] == "EMS 1234"


def test_the_chinese_calendar_file_writes_the_facts_days_as_chinese_dates(case_client) -> None:  # type: ignore[no-untyped-def]
    """The .ics a Chinese reader downloads said "所依据的事实：收货日期 2026-02-26"."""
    c, case_id = case_client
    ics = c.get(f"/cases/{case_id}/deadlines.ics?lang=zh").text.replace("\r\n ", "").replace("\n ", "")
    used = "所依据的事实："
    facts = [line.split(used, 1)[1].split("\\n", 1)[0] for line in ics.splitlines() if used in line]
    assert facts and not any(re.search(r"\d{4}-\d\d-\d\d", f) for f in facts), facts
    assert any(re.search(r"\d{4}年\d{1,2}月\d{1,2}日", f) for f in facts), facts


def test_an_offer_on_a_chinese_case_page_is_written_with_chinese_punctuation(case_client) -> None:  # type: ignore[no-untyped-def]
    """An offer's line read "报价 (供应商, 进行中)" with English brackets and comma."""
    c, case_id = case_client
    offer = {"kind": "offer", "on": "2026-09-01", "amount": "50000", "currency": "EUR", "note": "first offer"}
    assert c.post(f"/cases/{case_id}/recovery", data=offer, follow_redirects=False).status_code == 303
    zh = c.get(f"/cases/{case_id}?lang=zh").text
    assert "报价（供应商，进行中）" in zh and "报价 (" not in zh, zh.split('id="recovery"', 1)[-1][:3000]
    assert "offer (supplier, open)" in c.get(f"/cases/{case_id}?lang=en").text


# A ladder step the case page refuses is told with the form's words: on a Chinese page the field's
# label ("发出日期"), on every page the steps' names ("律师函", "lawyer's demand letter"), never the
# stored step codes (``lawyer_demand``); the API too names fields by their labels (its ``field`` keeps
# the key) and steps by their names (an English page still names the field by its key, like the other
# English form messages).
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # sent_on, lawyer_demand, formal_complaint
LADDER = [
    # step and date typed, the Chinese page's words, the English page's, the API's
    ({"step": "formal_complaint", "sent_on": "2026-05-01"},
     ["发出日期：2026年5月1日早于上一步骤的日期（2026年8月3日）"],
     "sent_on: 1 May 2026 is before the previous step&#39;s date (3 Aug 2026)",
     "sent on: 1 May 2026 is before the previous step's date (3 Aug 2026)"),
    ({"step": "arbitration", "sent_on": "2026-11-01"}, ["步骤：申请仲裁跳过了律师函、调解：", "越级理由"],
     "step: request for arbitration skips lawyer&#39;s demand letter, mediation;",
     "step: request for arbitration skips lawyer's demand letter, mediation;"),
    ({"step": "bogus", "sent_on": "2026-11-01"}, ["步骤：“bogus”不是升级阶梯的步骤（可选：", "、律师函、"],
     "step: &#39;bogus&#39; is not a ladder step (platform dispute (Trade Assurance), support request,",
     "step: 'bogus' is not a ladder step (platform dispute (Trade Assurance), support request,"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "said_zh", "said_en", "api_en"), LADDER, ids=[t[0]["step"] for t in LADDER])
def test_a_refused_ladder_step_names_the_steps_by_their_titles(case_client, typed, said_zh, said_en, api_en) -> None:  # type: ignore[no-untyped-def]
    c, case_id = case_client
    typed = {**typed, "channel": "email", "recipient": "Mr Chen"}
    zh = _alert(c.post(f"/cases/{case_id}/steps?lang=zh", data=typed).text)
    assert all(part in zh for part in said_zh) and zh.startswith(said_zh[0]), zh
    assert not CODE.search(zh) and "'" not in zh and "&#39;" not in zh and foreign_sentences(f"<p>{zh}</p>") == [], zh
    assert said_en in _alert(c.post(f"/cases/{case_id}/steps?lang=en", data=typed).text)
    assert api_en in c.post(f"/api/cases/{case_id}/steps", json=typed).json()["error"]


# A way of sending on a Chinese page: the ladder form offered "email" (English) in its channel field; a
# channel typed in Chinese was kept as typed and shown with ASCII brackets ("快递 (EMS)"). The form now shows the
# Chinese word, keeps the key word ("courier (EMS)", as the API takes it) and the page writes 快递（EMS）.


def _channel_input(html: str) -> str:
    form = html.split('action="/cases/', 1)[1]
    return re.search(r'<input name="channel" value="([^"]*)"', form).group(1)  # type: ignore[union-attr]


def test_the_ladder_form_offers_the_channel_in_the_pages_language_and_keeps_the_key(case_client) -> None:  # type: ignore[no-untyped-def]
    c, case_id = case_client
    zh = c.get(f"/cases/{case_id}?lang=zh").text
    assert _channel_input(zh) == "电子邮件", _channel_input(zh)
    assert '<option value="快递">' in zh and '<option value="挂号信">' in zh  # the words it suggests
    assert _channel_input(c.get(f"/cases/{case_id}?lang=en").text) == "email"

    typed = {"step": "senior_management", "sent_on": "2026-11-03", "channel": "快递（EMS）", "recipient": "陈志强"}
    r = c.post(f"/cases/{case_id}/steps?lang=zh", data=typed, follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    ladder = c.get(f"/api/cases/{case_id}").json()["ladder"]
    assert [s["channel"] for s in ladder if s["sent_on"] == "2026-11-03"] == ["courier (EMS)"]

    zh = c.get(f"/cases/{case_id}?lang=zh").text
    assert "快递（EMS）" in "".join(visible(zh)) and bad_brackets(zh) == [], bad_brackets(zh)
    assert "courier (EMS)" in " ".join(visible(c.get(f"/cases/{case_id}?lang=en").text))


def test_a_letter_marked_sent_in_chinese_keeps_the_key_and_reads_in_chinese(case_client) -> None:  # type: ignore[no-untyped-def]
    c, case_id = case_client
    number = cases.get_case(c.app.state.ctx, "demo", case_id).number
    r = c.post("/documents/letters", data={"case": number, "kind": "formal-complaint", "lang": "both",
                                           "format": "pdf"}, follow_redirects=False)  # fmt: skip
    letter = re.search(r"letter=(\d+)", r.headers["location"]).group(1)  # type: ignore[union-attr]
    typed = {"sent_on": "2026-11-02", "channel": "挂号信 (EMS 1234)", "recipient": "陈志强"}
    r = c.post(f"/documents/letters/{letter}/sent?lang=zh", data=typed, follow_redirects=False)
    assert r.status_code == 303, r.text[-1500:]
    row = c.get("/documents?lang=zh").text.split(f'id="letter-{letter}"', 1)[1].split("</tr>", 1)[0]
    assert "2026年11月2日 · 挂号信（EMS 1234）" in "".join(visible(row)), visible(row)
    ladder = c.get(f"/api/cases/{case_id}").json()["ladder"]
    assert "registered mail (EMS 1234)" in [s["channel"] for s in ladder]
    en = c.get("/documents?lang=en").text.split(f'id="letter-{letter}"', 1)[1].split("</tr>", 1)[0]
    assert "2 Nov 2026 · registered mail (EMS 1234)" in " ".join(visible(en))
    assert 'class="case-ref"' in en and "white-space:nowrap" in c.get("/static/documents.css").text
