"""A payment warning quotes a name (the beneficiary, a look-alike mail domain) in the quotation marks of the page's
language (quality sweep).

The reasons were written with the names in Python's quotes ('hsjg-rnachinery.com'), so a Chinese page read
发件人域名 'hsjg-rnachinery.com' 看起来像…: ASCII quotes in a Chinese sentence. A Chinese page now quotes with “…”;
an English page keeps its 'x'. Warnings stored before keep their row as written and are shown the same way."""

from __future__ import annotations

import json
import re

from pages_support import visible
from sqlalchemy import text

from disputedesk.services import suppliers as svc


def _warnings(c, lang: str) -> str:  # type: ignore[no-untyped-def]
    """The reasons of the warnings on the supplier's page (without the quoted messages, the supplier's own text)."""
    html = c.get(f"/suppliers/ruifeng?lang={lang}").text
    section = html.split('id="payment"', 1)[1].split("</section>", 1)[0]
    return " | ".join(" ".join(visible(s)) for s in re.findall(r"</span><small>(.*?)</small>", section, re.S))


def _quoting_reasons(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    rows = svc.list_payment_warnings(ctx, "default")
    quoting = [str(w.reason) for w in rows if w.kind in ("lookalike_sender", "beneficiary_name_mismatch")]
    assert quoting, [w.kind for w in rows]
    return quoting


def test_a_chinese_page_quotes_names_in_chinese_quotation_marks(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    en = _warnings(c, "en")
    for reason in _quoting_reasons(ctx):
        assert reason in en  # the English page as before: 'name'
    zh = _warnings(c, "zh")
    assert re.search(r"发件人域名“[\w.-]+”看起来像供应商的“[\w.-]+”", zh), zh[:600]
    assert "'" not in zh, re.findall(r".{20}'.{20}", zh)


def test_a_warning_stored_with_python_quotes_reads_the_same(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    before = _warnings(c, "zh")
    with ctx.engine.begin() as conn:
        rows = conn.execute(text("SELECT id, reason FROM payment_warnings")).all()
        for wid, reason in rows:
            if not reason.startswith('{"msgid"'):
                continue
            stored = json.loads(reason)
            for key, v in stored["params"].items():
                if isinstance(v, dict) and "quoted" in v:
                    stored["params"][key] = repr(v["quoted"])  # as rows were written before
            conn.execute(
                text("UPDATE payment_warnings SET reason = :r WHERE id = :i"),
                {"r": json.dumps(stored, ensure_ascii=False), "i": wid},
            )
    assert _warnings(c, "zh") == before
    assert all("'" in r for r in _quoting_reasons(ctx))  # the English reason unchanged
