"""An SLA address for something that does not exist (a mistyped contract, supplier or request) answers 404 in the
page's language: the Chinese page said "contract 'NO-SUCH' does not exist in workspace 'demo'" (quality sweep).
The API's 404 still names the thing in its JSON body."""

from __future__ import annotations

import pytest
from pages_support import visible


@pytest.mark.parametrize(
    ("url", "zh_says", "en_says"),
    [
        (
            "/sla/terms/NO-SUCH",
            "合同“NO-SUCH”在本工作区中不存在",
            "contract 'NO-SUCH' does not exist in this workspace",
        ),
        (
            "/sla/suppliers/nosuch",
            "供应商“nosuch”在本工作区中不存在",
            "supplier 'nosuch' does not exist in this workspace",
        ),
    ],
    ids=["terms", "supplier"],
)
def test_a_missing_sla_item_is_a_404_in_the_pages_language(client_for, url: str, zh_says: str, en_says: str) -> None:  # type: ignore[no-untyped-def]
    c = client_for("one supplier")
    zh = c.get(f"{url}?lang=zh")
    assert zh.status_code == 404
    text = " ".join(visible(zh.text))
    assert zh_says in text and "does not exist" not in text
    en = c.get(f"{url}?lang=en")
    assert en.status_code == 404 and en_says in " ".join(visible(en.text))


def test_the_api_names_the_missing_contract(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("one supplier")
    r = c.get("/api/sla/terms/NO-SUCH")
    assert r.status_code == 404 and "NO-SUCH" in r.text
