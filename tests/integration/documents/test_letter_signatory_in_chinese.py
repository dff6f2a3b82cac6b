"""A Chinese letter gives the buyer's signatory's role in Chinese, with the role as the buyer wrote it marked as the
original (quality sweep).

The buyer's contacts carry their role as typed ("Managing Director (Geschäftsführerin)"); a Chinese letter signed
"Katrin Albers, Managing Director (Geschäftsführerin)": an English title, an ASCII comma, nothing saying it was not
translated. It now signs "Katrin Albers，总经理（原文：Managing Director (Geschäftsführerin)）"; a role the letter
cannot name in Chinese is given as the original, marked so. The English letter signs as before."""

from __future__ import annotations

from datetime import date

from disputedesk.documents import letters as L
from disputedesk.services import letters as svc

from documents_support import load_full_demo

DAY = date(2026, 12, 3)


def _lines(letter: L.Letter, lang: str) -> list[str]:
    out: list[str] = []
    for b in letter.blocks[lang]:
        if b.table is not None:
            out += [" | ".join(row) for row in b.table.rows]
        else:
            out += b.text.splitlines()
    return out


def _letter(ctx, kind: str, lang: str) -> list[str]:  # type: ignore[no-untyped-def]
    return _lines(svc.render_letter(ctx, "demo", "CASE-2026-001", kind, lang=lang, letter_date=DAY).letter, lang)


def test_a_chinese_letter_signs_with_the_role_in_chinese_and_the_original_marked(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    load_full_demo(ctx)
    zh = _letter(ctx, "formal-complaint", "zh")
    assert "Katrin Albers，总经理（原文：Managing Director (Geschäftsführerin)）" in zh, zh[-4:]
    en = _letter(ctx, "formal-complaint", "en")
    assert "Katrin Albers, Managing Director (Geschäftsführerin)" in en, en[-4:]
    # the arbitration request's table of the parties: the buyer's legal representative the same way
    arb = _letter(ctx, "arbitration-request", "zh")
    rep = [row for row in arb if row.startswith("法定代表人")]
    assert rep and "Katrin Albers，总经理（原文：Managing Director (Geschäftsführerin)）" in rep[0], rep


def test_a_role_without_a_chinese_form_is_given_as_the_original_marked() -> None:
    facts = L.LetterFacts(signatory="Jonas Weber, Leiter Instandhaltung", buyer_name="Auerbach Feinblech GmbH")
    zh = _lines(L.build_letter("support-request", facts, "zh"), "zh")
    assert "Jonas Weber（职务原文：Leiter Instandhaltung）" in zh, zh[-4:]
    zh = _lines(L.build_letter("support-request", L.LetterFacts(signatory="王芳, 采购经理"), "zh"), "zh")
    assert "王芳，采购经理" in zh, zh[-4:]  # already Chinese: only the comma is the letter's
    zh = _lines(L.build_letter("support-request", L.LetterFacts(signatory="Katrin Albers"), "zh"), "zh")
    assert "Katrin Albers" in zh  # a name alone stays as it is


def test_a_chinese_letter_lists_the_contacts_for_replies_with_the_chinese_list_mark(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = sqlite_ctx
    load_full_demo(ctx)
    zh = "".join(_letter(ctx, "support-request", "zh"))
    assert "k.albers@auerbach-feinblech.de>、Jonas Reuter <" in zh, zh
    assert ">, " not in zh
    en = "".join(_letter(ctx, "support-request", "en"))
    assert "k.albers@auerbach-feinblech.de>, Jonas Reuter <" in en
    zh = _letter(ctx, "escalation", "zh")
    assert any(line.startswith("尊敬的陈志强") for line in zh), zh[:8]
