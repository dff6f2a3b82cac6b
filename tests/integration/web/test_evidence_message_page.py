"""A mail's evidence page as a person reads it: its heading lines in the page's language, and every
time in the viewer's zone with that zone named (not a raw UTC ISO stamp)."""

from __future__ import annotations

from pages_support import supplier_mail, visible

MAIL = supplier_mail("故障报告", "主轴报警 2041 再次出现，工程师下周到场。", "fault-1")


def _page(c, lang: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    html = c.get(f"/evidence/E-0001?lang={lang}").text
    preview = html.split('class="preview"')[1]
    return " ".join(visible(html.split('class="preview"')[0].split("<h1")[1])), " ".join(visible(preview))


def test_a_mails_page_names_the_zone_and_speaks_the_pages_language(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    assert c.post("/api/evidence", files={"files": ("fault.eml", MAIL, "message/rfc822")}).status_code == 201
    c.cookies.set("tz", "Europe/Berlin")

    facts, preview = _page(c, "zh")
    # 10:15 in Shenzhen (+08:00) is 03:15 in Berlin (+01:00 in March)
    assert "2026年3月3日 03:15:00（Europe/Berlin）" in facts  # the document date, its zone named
    assert "主题" in preview and "故障报告" in preview
    assert "2026年3月3日 03:15:00（Europe/Berlin）" in preview
    assert "主轴报警 2041" in preview
    for english in ("Subject:", "From:", "To:", "Date:", "2026-03-03T02:15:00+00:00"):
        assert english not in preview, english  # was: the stored heading lines, raw

    facts, preview = _page(c, "en")
    assert "3 Mar 2026, 03:15:00 (Europe/Berlin)" in facts
    assert "3 Mar 2026, 03:15:00 (Europe/Berlin)" in preview
    assert "+00:00" not in preview
