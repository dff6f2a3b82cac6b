"""The supplier's scorecard read in Chinese (quality sweep): the score chart named its quarters "2026-Q3" (a code,
not words) and the review's explanation put the reviewer's user name ("owner") into the Chinese sentence unmarked,
reading as a stray English word. The quarters are now words in the page's language (2026年第4季度 / Q3 2026) and the
reviewer's name is quoted and marked as the user's own."""

from __future__ import annotations

from pages_support import reviewed_supplier, visible

REVIEW = {
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "reviewed_on": "2026-10-15",
    "reviewer": "owner",
    "product_quality": 5,
    "support_responsiveness": 4,
    "documentation": 4,
}


def _scorecard(c, lang: str) -> str:  # type: ignore[no-untyped-def]
    return c.get(f"/suppliers/quiet?lang={lang}").text.split('id="scorecard"')[1]


def test_the_score_chart_names_quarters_in_words(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    reviewed_supplier(c, ctx, REVIEW)
    earlier = {**REVIEW, "period_start": "2026-04-01", "period_end": "2026-06-30", "reviewed_on": "2026-07-15"}
    assert c.post("/api/suppliers/quiet/reviews", json=earlier).status_code == 201
    zh = _scorecard(c, "zh").split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    # the axis names the year where it starts (8 full labels do not fit); each dot's tooltip names it in full
    assert [t for t in visible(zh) if "季度" in t][-2:] == ["2026年第3季度", "第4季度"], visible(zh)
    assert "2026年第4季度：" in zh and "Q" not in zh.replace("viewBox", "")
    en = _scorecard(c, "en").split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert [t for t in visible(en) if t.startswith("Q")][-2:] == ["Q3 2026", "Q4"]
    assert "Q4 2026:" in en and "2026-Q" not in en


def test_the_reviewers_name_is_marked_as_the_users_own(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    reviewed_supplier(c, ctx, REVIEW)
    zh = _scorecard(c, "zh")
    row = zh.split("</table>", 1)[0].rsplit("<tr", 1)[1]
    assert '“<span class="own" lang="en">owner</span>” 于 2026年10月15日 的评审' in row, row
    en = " ".join(visible(_scorecard(c, "en")))
    assert "review of 15 Oct 2026 by owner:" in en
