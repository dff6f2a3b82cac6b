"""The vault's lists as a person reads them: the zone of the times shown is named once per list,
and the integrity check's result is one sentence in the page's language (Chinese punctuation)."""

from __future__ import annotations

import re

from pages_support import supplier_mail, visible

MAIL = supplier_mail("Spindle alarm", "Spindle alarm 2041 again.", "fault-2")


def test_lists_name_the_zone_of_their_times(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    assert c.post("/api/evidence", files={"files": ("fault.eml", MAIL, "message/rfc822")}).status_code == 201
    c.cookies.set("tz", "America/New_York")
    table = c.get("/evidence?lang=en").text.split('id="evidence-table"')[1].split("</thead>")[0]
    assert "Dated (America/New_York)" in " ".join(visible(table))
    zh = " ".join(visible(c.get("/search?q=spindle&lang=zh").text))
    assert (
        "America/New_York" in zh and "2026年3月2日 21:15" in zh
    )  # 10:15 in Shenzhen, 21:15 the day before in New York
    en = " ".join(visible(c.get("/search?q=spindle&lang=en").text))
    assert "times in America/New_York" in en


def test_the_integrity_check_reads_as_one_chinese_sentence(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    assert c.post("/api/evidence", files={"files": ("fault.eml", MAIL, "message/rfc822")}).status_code == 201
    page = c.get("/?lang=zh").text
    csrf = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    said = " ".join(visible(c.post("/verify?lang=zh", headers={"X-CSRF-Token": csrf, "HX-Request": "true"}).text))
    assert said.startswith("完整无篡改"), said
    assert "。" in said and ", " not in said and not said.endswith("."), said  # was: "…哈希值, 2 条台账记录已复核."
    en = " ".join(visible(c.post("/verify?lang=en", headers={"X-CSRF-Token": csrf, "HX-Request": "true"}).text))
    assert "1 item re-hashed" in en or "items re-hashed" in en
