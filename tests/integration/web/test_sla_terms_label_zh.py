"""The support terms' label on Chinese SLA pages: the demo's terms say where they come from in Chinese
(第6.1条…), as terms a user enters with a Chinese label do; English pages keep the English label."""

from __future__ import annotations

from pages_support import visible


def test_the_terms_label_is_chinese_on_chinese_sla_pages(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    english = " ".join(visible(c.get("/sla").text))
    assert "RF-EU-2025-1046 Art. 6.1" in english and "Amendment No. 1" in english
    c.get("/lang/zh")
    for path in ("/sla", "/sla/suppliers/ruifeng", "/requests/SR-0001"):
        text = " ".join(visible(c.get(path).text))
        assert "RF-EU-2025-1046 第6.1条（“及时提供技术支持”）及第1号修正案新增的第6.5条" in text, path
        assert "Amendment No. 1" not in text and "read as business hours" not in text, path
    # the terms page: the demo's source said in Chinese
    text = " ".join(visible(c.get("/sla/terms/RF-EU-2025-1046").text))
    assert "演示数据" in text and "demo:" not in text
    # terms a user enters with a Chinese label: shown on Chinese pages, given back by the API
    terms = {"label": "HT-SC-2025-0317 Art. 3 (new)", "label_zh": "HT-SC-2025-0317 第3条（新）",
             "severities": {"critical": {"first_response": "4h"}}}  # fmt: skip
    r = c.put("/api/sla/terms/HT-SC-2025-0317", json={"terms": terms, "valid_from": "2026-11-01"})
    assert r.status_code == 201 and r.json()["terms"]["label_zh"] == "HT-SC-2025-0317 第3条（新）", r.text
    text = " ".join(visible(c.get("/sla/suppliers/hengtuo").text))
    assert "HT-SC-2025-0317 第3条（新）" in text and "Art. 3 (new)" not in text
