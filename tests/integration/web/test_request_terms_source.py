"""A support request's page says in its language where the SLA terms it is judged by come from (quality sweep).

The line gave the terms' label as written (English, e.g. "RF-EU-2025-1046 Art. 6.1 …") and a version that was
in fact the terms' row number: Hengtuo's first and only version read （第2版）. SR-0002 names no contract; its
terms are those of Ruifeng's contract RF-EU-2025-1046, which the page did not say. The line now says which
contract's terms apply and which version, in the page's language, with the label marked as the user's words, and
says why where the request names no contract."""

from __future__ import annotations

import re

from pages_support import visible


def _terms(html: str) -> str:
    dd = re.search(r"<dt>[^<]*(?:技术支持条款|Support terms)</dt><dd>(.*?)</dd>", html, re.S)
    assert dd, html[:300]
    return "".join(visible(dd.group(1)))


def test_the_request_page_says_whose_terms_apply_and_which_version(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    zh = _terms(c.get("/requests/SR-0002?lang=zh").text)
    assert zh.startswith("合同 RF-EU-2025-1046 的条款第1版：RF-EU-2025-1046 第6.1条"), zh
    assert "本请求未指定合同：适用提出请求时有效的合同的条款（即当天该供应商最近签订且条款已确认的合同）。" in zh, zh
    html = c.get("/requests/SR-0002?lang=zh").text
    assert "RF-EU-2025-1046 Art. 6.1" not in html  # the label in its Chinese form (the terms' label_zh)
    en = _terms(c.get("/requests/SR-0002?lang=en").text)
    assert en.startswith("version 1 of the terms of contract RF-EU-2025-1046: RF-EU-2025-1046 Art. 6.1"), en
    assert "The request names no contract" in en
    hengtuo = _terms(c.get("/requests/SR-0004?lang=zh").text)
    assert hengtuo.startswith("合同 HT-SC-2025-0317 的条款第1版："), hengtuo  # its only version, not the row number
    api = c.get("/api/sla/requests/SR-0004").json()
    assert api["terms_version"] == 1 and api["terms_contract"] == "HT-SC-2025-0317", api
