"""A finding on the contract page shows the sentence that carries it, not only its clause number (issue 19, contract24):
a short inspection period and goods deemed to conform cite "买方收货后应当在10日内检查货物。" and the deemed-conformity
sentence, on the Chinese and the English page; the heading "第六条 检验和验收" alone is never the excerpt."""

from __future__ import annotations

from pages_support import upload_contract, visible

CHINESE = """买卖合同
第五条 付款
5.1 预付30%。
第六条 检验和验收
6.1 买方收货后应当在10日内检查货物。买方未在该期限内通知卖方的，视为货物数量和质量符合约定。
"""


def test_the_inspection_findings_show_their_sentence(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("empty")
    label = upload_contract(c, "inspection-zh.txt", CHINESE)
    for lang, short in (("zh", "检验期限（10天）短于30天"), ("en", "Inspection period of 10 days")):
        html = c.get(f"/contracts/{label}?lang={lang}").text
        findings = html.split('<ol class="findings">', 1)[1].split("</ol>", 1)[0]
        items = [" ".join(visible(li)) for li in findings.split("<li")[1:]]
        inspection = next(i for i in items if short in i)
        assert "买方收货后应当在10日内检查货物" in inspection, inspection
        deemed = next(i for i in items if "视为货物数量和质量符合约定" in i)
        assert ("：“" if lang == "zh" else ": “") in deemed
        found = html.split('<table class="grid">', 1)[1]
        assert "第六条 检验和验收</small>" not in found
