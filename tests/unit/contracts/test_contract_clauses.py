"""Clause splitting: numbered headings, Article N, 第N条, schedules/附件, bilingual layouts."""

from __future__ import annotations

from disputedesk.domain.contract_clarity import paragraphs_from_text, split_clauses


def labels(text: str) -> list[str | None]:
    return [c.label for c in split_clauses(paragraphs_from_text(text))]


def test_chinese_articles_split_on_di_n_tiao() -> None:
    text = (
        "买卖合同\n第一条 标的\n乙方出售机床一台。\n第七条 售后服务\n乙方应在24小时内响应。\n"
        "第十二条 争议解决\n提交仲裁。"
    )
    clauses = split_clauses(paragraphs_from_text(text))
    assert [c.label for c in clauses] == [None, "第一条", "第七条", "第十二条"]
    seventh = clauses[2]
    assert seventh.number == "7" and seventh.heading == "售后服务"
    assert "24小时内响应" in seventh.text


def test_numbered_and_article_headings_with_sub_clauses() -> None:
    text = (
        "ARTICLE 7 WARRANTY\nThe Seller warrants the goods.\n7.1 The warranty period is 12 months.\n"
        "7.2 Defects shall be repaired.\nArticle 8 Governing Law\nThis contract is governed by PRC law."
    )
    clauses = split_clauses(paragraphs_from_text(text))
    assert [c.label for c in clauses] == ["ARTICLE 7", "7.1", "7.2", "Article 8"]
    assert clauses[1].context == "WARRANTY"  # a sub-clause knows its parent's heading


def test_schedules_and_annexes_are_clauses() -> None:
    assert labels("1. Goods\nOne machine.\nSchedule 1\nPrices\nAnnex A Technical specification\n附件一 技术协议") == [
        "1",
        "Schedule 1",
        "Annex A",
        "附件一",
    ]


def test_wrapped_line_starting_with_a_number_is_not_a_heading() -> None:
    text = "5. Warranty\nThe warranty period is\n24 months from acceptance.\n6. Spare parts"
    assert labels(text) == ["5", "6"]


def test_alternating_bilingual_paragraphs_form_one_clause(fixtures) -> None:  # type: ignore[no-untyped-def]
    text = (fixtures / "own" / "bi01_alternating.txt").read_text(encoding="utf-8")
    clauses = split_clauses(paragraphs_from_text(text))
    warranty = next(c for c in clauses if c.number == "2")
    assert "12 months" in warranty.text and "十二个月" in warranty.text
    assert "Warranty" in warranty.heading and "质量保证" in warranty.heading


def test_two_column_rows_keep_both_languages(fixtures) -> None:  # type: ignore[no-untyped-def]
    text = (fixtures / "own" / "bi02_two_column.txt").read_text(encoding="utf-8")
    clauses = split_clauses(paragraphs_from_text(text))
    second = next(c for c in clauses if c.number == "2")
    assert "十八个月" in second.text and "18 months" in second.text
