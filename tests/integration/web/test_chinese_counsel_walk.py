"""What a Chinese-speaking counsel met entering a dispute through the pages (walk26): the support
terms' version table named its source "-0001 的合同检查" (the E cut off) and its author by a code
("contract-clarity"); a refused terms entry lost the date, source and status typed with it; the
draft terms' label said "(from the contract check of E-0001)" in English on every Chinese page;
evidence numbers typed with a Chinese comma (E-0013，E-0014) were read as one number; the case
page said "建议的下一步:" and "(5 天)"; a Chinese letter gave the bank account with ASCII commas;
the letter form listed a supplier as "浙江…有限公司 (key)"."""

from __future__ import annotations

import json
import re

from pages_support import visible


def _text(html: str) -> str:
    return " ".join(visible(html))


def test_terms_drafted_from_the_contract_check_say_so_in_words(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    r = c.post("/contracts/E-0001/draft-terms", follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    where = r.headers["location"].split("?")[0]
    zh = c.get(where + "?lang=zh")
    text = _text(zh.text)
    assert "E-0001 的合同检查" in text and "-0001 的合同检查" not in text.replace("E-0001 的合同检查", "")
    assert "contract-clarity" not in zh.text and "合同检查" in text
    assert "from the contract check" not in zh.text  # the draft's label has no English words
    en = _text(c.get(where + "?lang=en").text)
    assert "contract check of E-0001" in en and "the contract check" in en and "contract-clarity" not in en


def test_a_refused_terms_entry_keeps_the_date_source_and_status_typed(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    path = "/sla/terms/RF-EU-2025-1046"
    terms = json.dumps({"label": "Art. 6.5", "severities": {"critical": {"first_response": "4h"}}})
    for lang, says in (("zh", "没有 UTC 时差"), ("en", "UTC")):
        c.get(f"/lang/{lang}")
        form = {"terms": terms, "valid_from": "2026-03-02T00:00", "source": "合同第四条", "status": "draft"}
        r = c.post(path, data=form)
        assert r.status_code == 400 and says in _text(r.text)
        assert 'name="valid_from" placeholder="2026-05-04" value="2026-03-02T00:00"' in r.text
        assert 'name="source" value="合同第四条"' in r.text
        assert '<option value="draft" selected>' in r.text
        # not JSON: the other fields come back too
        r = c.post(path, data={**form, "terms": "{oops"})
        assert r.status_code == 400 and 'value="合同第四条"' in r.text and 'value="2026-03-02T00:00"' in r.text


def test_evidence_numbers_typed_with_a_chinese_comma(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    c.get("/lang/zh")
    for typed in ("E-9998，E-9999", "E-9998、E-9999", "E-9998；E-9999"):
        r = c.post("/requests/SR-0001/link", data={"messages": typed})
        text = _text(r.text)
        assert typed not in text, text[:400]  # each number is read on its own
        assert "E-9998" in text
    # a record form (an order's documents) takes them too
    order = c.get("/records/orders/new?contract=RF-EU-2025-1046&lang=zh")
    assert order.status_code == 200
    r = c.post(
        "/records/orders/new",
        data={
            "number": "PO-WALK-1",
            "contract": "RF-EU-2025-1046",
            "currency": "EUR",
            "amount": "10.00",
            "ordered_on": "2026-01-05",
            "evidence": "E-0001，E-0002",
        },
        follow_redirects=True,
    )
    assert r.status_code == 200, _text(r.text)[:400]
    text = _text(r.text)
    assert "订单 PO-WALK-1" in text and "E-0001" in text and "E-0002" in text


def test_case_page_next_step_and_response_window_in_chinese_punctuation(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    listing = c.get("/cases?lang=zh").text
    case = re.search(r'href="(/cases/\d+)"', listing)
    assert case, listing[:300]
    zh = _text(c.get(case.group(1) + "?lang=zh").text)
    assert "建议的下一步：" in zh and "建议的下一步:" not in zh
    assert not re.search(r"\(\d+ 天\)", zh) and re.search(r"（\d+ 天）", zh)
    en = _text(c.get(case.group(1) + "?lang=en").text)
    assert "Suggested next step:" in en and re.search(r"\(\d+ days\)", en)


def test_a_chinese_letter_gives_the_bank_account_with_chinese_commas(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    letter = {"case": "CASE-2026-001", "kind": "demand", "layout": "side-by-side", "format": "pdf"}
    zh = c.post("/documents/letters/preview", data={**letter, "lang": "zh"}, headers={"HX-Request": "true"})
    assert zh.status_code == 200, zh.text[:300]
    assert "Neckartal Volksbank eG，IBAN DE26641901100038172604，BIC GENODES1NTV" in zh.text
    en = c.post("/documents/letters/preview", data={**letter, "lang": "en"}, headers={"HX-Request": "true"})
    assert "Neckartal Volksbank eG, IBAN DE26641901100038172604, BIC GENODES1NTV" in en.text
    # and the form names a supplier with Chinese brackets on the Chinese page
    page = _text(c.get("/documents?lang=zh").text)
    assert "（ruifeng）" in page and " (ruifeng)" not in page


def test_a_refused_supplier_calendar_keeps_its_note(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    for lang, says in (("zh", "HH:MM-HH:MM"), ("en", "HH:MM-HH:MM")):
        c.get(f"/lang/{lang}")
        spec = json.dumps({"tz": "Asia/Shanghai", "windows": {"0": "9-18"}})
        r = c.post("/sla/suppliers/ruifeng/calendar", data={"spec": spec, "note": "工厂通知 2026-07"})
        assert r.status_code == 400 and says in _text(r.text)
        assert re.search(r'<input name="note" value="工厂通知 2026-07"', r.text), r.text[:200]
        r = c.post("/sla/suppliers/ruifeng/calendar", data={"spec": "{oops", "note": "工厂通知 2026-07"})
        assert r.status_code == 400 and 'value="工厂通知 2026-07"' in r.text
