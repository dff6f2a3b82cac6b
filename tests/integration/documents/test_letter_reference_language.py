"""A letter's reference is the same in every language and holds no English word (quality sweep).

The reference printed on a letter named the kind of letter by its English key,
CASE-2026-001/formal-complaint/20261203, so a Chinese letter carried an English word in its header and footer.
The kind is now a code (L1 … L7, the same in English and Chinese, never renumbered). A letter kept before keeps
the reference it was printed with, and a new draft of the same letter counts on from it (version 2)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

from pypdf import PdfReader
from sqlalchemy import update

from disputedesk.services import letters as svc
from disputedesk.store.db import unit_of_work
from disputedesk.store.models_documents import GeneratedLetter

from documents_support import load_full_demo

DAY = date(2026, 12, 3)


def _pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_a_chinese_letter_has_a_reference_without_english_words(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    load_full_demo(ctx)
    ctx.clock = lambda: datetime(2026, 12, 3, 8, 15, tzinfo=UTC)
    refs = {}
    for kind in ("formal-complaint", "demand", "support-request"):
        r = svc.render_letter(ctx, "demo", "CASE-2026-001", kind, lang="zh", letter_date=DAY)
        refs[kind] = r.letter.reference
        text = _pdf_text(r.data)
        assert f"我方编号：{r.letter.reference}" in text
        printed = re.findall(r"CASE-2026-001/\S+", text)
        assert printed and not [p for p in printed if re.search("[a-z]", p)], printed
    assert refs["formal-complaint"] == "CASE-2026-001/L2/20261203"
    assert len(set(refs.values())) == 3  # one reference a kind of letter
    en = svc.render_letter(ctx, "demo", "CASE-2026-001", "formal-complaint", lang="en", letter_date=DAY)
    assert en.letter.reference == refs["formal-complaint"]  # the same letter, the same reference in English


def test_a_letter_kept_before_keeps_its_reference_and_the_next_draft_counts_on(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    load_full_demo(ctx)
    ctx.clock = lambda: datetime(2026, 12, 3, 8, 15, tzinfo=UTC)
    first = svc.keep_letter(
        ctx,
        "demo",
        svc.render_letter(ctx, "demo", "CASE-2026-001", "formal-complaint", lang="zh", letter_date=DAY),
        actor="test",
    )
    old = "CASE-2026-001/formal-complaint/20261203"
    with unit_of_work(ctx.engine) as s:  # as letters kept before were referenced
        s.execute(update(GeneratedLetter).where(GeneratedLetter.id == first.id).values(reference=old))
    again = svc.render_letter(ctx, "demo", "CASE-2026-001", "formal-complaint", lang="zh", letter_date=DAY)
    assert again.letter.reference == "CASE-2026-001/L2/20261203-2"
    assert again.file_name.endswith("_20261203_v2_zh.pdf")
    svc.keep_letter(ctx, "demo", again, actor="test")
    views = {v.id: v for v in svc.list_letters(ctx, "demo")}
    assert views[first.id].reference == old and views[first.id].version == 1
    assert [v.version for v in views.values() if v.id != first.id] == [2]
