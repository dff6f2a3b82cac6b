"""Letters a lawyer can send as they are (demo dispute): a Chinese letter is Chinese throughout
(the user's own English text shown as written and marked for translation), it is dated with the
sender's local date, it demands no cure for a request that is already resolved, and the legal
bases are cited by their Chinese titles."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from disputedesk.documents import letter_render as R
from disputedesk.documents import letters as L
from disputedesk.documents.legal_zh import UNTRANSLATED_ZH, citation_zh, zh_number
from disputedesk.domain.text import Text
from disputedesk.services import letters as svc
from disputedesk.web.i18n import english_prose

from documents_support import demo_context

ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'’()/-]+[A-Za-z]{2,}){2,}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from disputedesk.services import cases

    for ctx in demo_context(tmp_path_factory, "letters-person"):
        # A claim head the user gave no description: the code names it ("repair costs").
        cases.add_claim(
            ctx, "demo", "CASE-2026-001", {"kind": "repair", "amount": "410.00", "currency": "EUR"}, actor="test"
        )
        yield ctx


def _letter_text(letter: L.Letter, lang: str) -> list[str]:
    out = []
    for b in letter.blocks[lang]:
        if b.table is not None:
            out += [c for row in b.table.rows for c in row] + list(b.table.columns)
        else:
            out.append(b.text)
    return out


# Cells the generator writes itself (never the user's words): they must be in the letter's language.
GENERATED = {"breaches": ("what", "promised", "actual", "overdue"), "claims": ("basis",)}


def _user_values(f: L.LetterFacts) -> list[str]:
    """The user's own data in the facts (names, addresses, numbers, titles and descriptions they
    typed), longest first. A sentence the code wrote (a :class:`Text`, a breach's kind, a legal
    basis) is not among them: what is left after removing these is what the generator wrote."""
    values: list[str] = []
    for name, v in f.to_json().items():
        raw = getattr(f, name)
        if isinstance(raw, Text) or name in ("letter_date", "notes", "support_terms_zh"):
            continue
        if isinstance(v, str):
            # "Name, role" is shown as 名，中文职务（原文：role）: the role as typed is the user's own words too
            values += [v, *v.split("; "), *v.split(", ", 1)]
        elif isinstance(raw, list):
            for row in raw:
                values += [x for k, x in row.items() if not isinstance(x, Text) and k not in GENERATED.get(name, ())]
    return sorted({v for v in values if v}, key=len, reverse=True)


@pytest.mark.parametrize("kind", list(L.KINDS))
def test_a_chinese_letter_has_no_english_sentence_written_by_the_generator(demo, kind: str) -> None:
    r = svc.render_letter(demo, "demo", None, kind, lang="zh", fmt="pdf", letter_date=date(2026, 11, 2))
    f = r.letter.facts
    data = _user_values(f)
    texts = _letter_text(r.letter, "zh") + [r.letter.title, *r.letter.missing_labels("zh")]
    for text in texts:
        rest = text.replace(UNTRANSLATED_ZH, "")
        for v in data:
            rest = rest.replace(v, " ")
        # the same detectors as the pages' (tests/pages_support.foreign_sentences), and runs of
        # three Latin words ("Contract RF-EU-2025-1046" is the generator's English too)
        assert not english_prose(rest, words=1), (kind, english_prose(rest, words=1), text[:300])
        assert not ENGLISH_RUN.search(rest), (kind, ENGLISH_RUN.search(rest).group(0), text[:300])  # type: ignore[union-attr]
    # The user's own English text is there as written, and marked for translation: each part of
    # a list on its own ("A〔…〕；B〔…〕", never "A; B〔…〕").
    joined = "\n".join(_letter_text(r.letter, "zh"))
    for row in f.requests:
        if row["title"] in joined:
            assert row["title"] + UNTRANSLATED_ZH in joined, row["title"]
    if kind == "formal-complaint":
        wanted = [q["title"] for q in f.requests if q["status"] not in ("resolved", "closed")]
        assert "；".join(t + UNTRANSLATED_ZH for t in wanted) in joined
    if kind in ("demand", "arbitration-request"):
        assert "修理费用" in joined and "repair costs" not in joined  # the code's description, in Chinese
        assert "合同 RF-EU-2025-1046" in joined and "Contract RF-EU" not in joined  # the evidence list
    if kind == "arbitration-request":
        assert "未提供操作维护说明书或未提供译本" in joined  # the issue, not "missing or untranslated …"
        assert "missing or untranslated instructions" not in joined
        assert "《中华人民共和国民法典》第五百八十二条" in joined  # a claim's legal basis, in Chinese
        assert "PRC Civil Code" not in joined and "SPC " not in joined
    if kind == "formal-complaint":
        assert "24个工作小时" in joined  # the promised time (business hours), not "24h"
    if kind in ("formal-complaint", "support-request"):
        # the support terms: the measured time limits written in Chinese, the user's label marked
        assert "（约定时限：首次响应24个工作小时、答复24个工作小时；条款：RF-EU-2025-1046 Art. 6.1" in joined
        assert f"{f.support_terms}{UNTRANSLATED_ZH}）" in joined


def test_a_claim_description_written_by_the_code_is_shown_in_each_language(demo) -> None:
    from disputedesk.services import cases

    view = cases.get_case(demo, "demo", "CASE-2026-001", today=date(2026, 11, 2))
    head = view.heads[-1].head
    assert isinstance(head.description, Text) and head.description.msgid == "repair costs"  # kept when stored
    en = svc.render_letter(demo, "demo", None, "demand", lang="en", fmt="pdf", letter_date=date(2026, 11, 2))
    assert "repair costs" in "\n".join(_letter_text(en.letter, "en"))
    both = svc.render_letter(demo, "demo", None, "demand", lang="both", fmt="docx", letter_date=date(2026, 11, 2))
    text = R.docx_text(both.data)
    assert "repair costs\n修理费用" in text or ("repair costs" in text and "修理费用" in text)


def test_citations_in_chinese() -> None:
    assert citation_zh("PRC Civil Code Art. 582") == "《中华人民共和国民法典》第五百八十二条"
    assert (
        citation_zh("SPC Sales Interpretation Arts. 22–23")
        == "《最高人民法院关于审理买卖合同纠纷案件适用法律问题的解释》第二十二条至第二十三条"
    )
    assert citation_zh("CISG Art. 74 [wording UNVERIFIED] where the CISG applies") == (
        "《联合国国际货物销售合同公约》第七十四条〔条文措辞未经核实〕（适用该公约时）"
    )
    assert citation_zh("Contract Art. 5.2, 5.3") == "合同第5.2条、第5.3条"
    assert (
        citation_zh("PRC Civil Code Arts. 563(1)(3), 580")
        == "《中华人民共和国民法典》第五百六十三条第一款第（三）项、第五百八十条"
    )
    assert citation_zh("Clause 9 as amended") == "Clause 9 as amended" + UNTRANSLATED_ZH
    assert [zh_number(n) for n in (10, 14, 105, 195, 584, 1002)] == [
        "十", "十四", "一百零五", "一百九十五", "五百八十四", "一千零二",
    ]  # fmt: skip


def test_the_letter_is_dated_with_the_senders_local_date(demo) -> None:
    # 23:30 on 3 December in Berlin (the buyer) is already 06:30 on 4 December in Shanghai.
    before = demo.clock
    demo.clock = lambda: datetime(2026, 12, 3, 22, 30, tzinfo=UTC)
    try:
        r = svc.render_letter(demo, "demo", None, "formal-complaint", lang="both", fmt="pdf")
    finally:
        demo.clock = before
    assert r.letter.letter_date == date(2026, 12, 3)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(r.data)).pages)
    assert "3 December 2026" in text and "2026年12月3日" in text
    assert "4 December 2026" not in text and "2026年12月4日" not in text
    assert "20261203" in r.file_name


def test_no_cure_is_demanded_for_a_resolved_request(demo) -> None:
    r = svc.render_letter(demo, "demo", None, "formal-complaint", lang="en", fmt="pdf", letter_date=date(2026, 11, 2))
    f = r.letter.facts
    resolved = [q for q in f.requests if q["status"] in ("resolved", "closed")]
    assert resolved, "the demo has a resolved request (SR-0003)"
    assert f.cure_actions
    for q in resolved:
        assert q["title"] not in f.cure_actions
    for q in f.requests:
        if q not in resolved:
            assert q["title"] in f.cure_actions
    # The resolved request is still listed, with its status.
    table = next(b.table for b in r.letter.blocks["en"] if b.marker == "requests")
    assert table is not None and any(row[0] == resolved[0]["number"] and row[3] == "resolved" for row in table.rows)


def test_bilingual_tables_carry_both_languages(demo) -> None:
    r = svc.render_letter(
        demo, "demo", None, "arbitration-request", lang="both", fmt="pdf", letter_date=date(2026, 11, 2)
    )
    table = next(b.table for b in r.letter.blocks["zh"] if b.marker == "breaches")
    assert table is not None
    first = table.rows[0]
    assert "first response" in first[1] and "首次响应" in first[1]
    assert "个工作小时" in first[5] and "business hour" in first[5]
    assert not any(re.search(r"(?<![\d.,])1 business hours\b", row[5]) for row in table.rows)  # "1 business hour"
    claims = next(b.table for b in r.letter.blocks["zh"] if b.marker == "claims")
    assert (
        claims is not None and "《中华人民共和国民法典》" in claims.rows[0][2] and "PRC Civil Code" in claims.rows[0][2]
    )
    # a serial number is not English prose: not marked for translation
    units = r.letter.facts.units_zh or ""  # as the Chinese letter names the machines (序列号)
    named = "".join(b.text for b in r.letter.blocks["zh"] if units.split("；")[0] in b.text)
    assert units and named and "〔英文原文" not in named
