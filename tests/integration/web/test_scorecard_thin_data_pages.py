"""A supplier scored on a review alone (quality sweep): its pages showed "90 / 100" as confidently as for a supplier
measured on every part, although three quarters of the weight had no data. The supplier page, the ranking, the
score chart, the dashboard and the CLI now say the score is provisional and on how little it rests, in English and
in Chinese."""

from __future__ import annotations

from pages_support import reviewed_supplier, visible
from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.config import get_settings

REVIEW = {
    "period_start": "2026-07-01",
    "period_end": "2026-09-30",
    "product_quality": 5,
    "support_responsiveness": 4,
    "documentation": 4,
}


def _text(html: str) -> str:
    return " ".join(visible(html))


def test_the_supplier_page_says_the_score_is_provisional_and_how_little_it_rests_on(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    reviewed_supplier(c, ctx, REVIEW)
    html = c.get("/suppliers/quiet?lang=en").text
    en = _text(html.split('id="scorecard"')[1])
    assert "provisional" in en and "measured on 3 of 7 parts, 25 % of the weight: 75 % is not measured" in en
    assert 'class="risk low"' not in html
    assert "provisional: 25 % measured" in _text(html.split("<h1")[1].split("</p>")[0])  # beside the big number
    zh = _text(c.get("/suppliers/quiet?lang=zh").text.split('id="scorecard"')[1])
    assert "暂定" in zh and "仅依据 7 项中的 3 项，占权重的 25 %：其余 75 % 未计量" in zh
    assert "provisional" not in zh
    # a supplier measured on most of its weight: no such note
    measured = c.get("/suppliers/hengtuo?lang=en").text.split('id="scorecard"')[1].split("</p>")[0]
    assert "provisional" not in _text(measured) and "measured on" in _text(measured)


def test_the_ranking_and_the_chart_mark_a_provisional_score(client_for, ctx) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    reviewed_supplier(c, ctx, REVIEW)
    for lang, word in (("en", "provisional: 25 % measured"), ("zh", "暂定：仅 25 % 已计量")):
        html = c.get(f"/suppliers?lang={lang}").text
        row = html.split('<a href="/suppliers/quiet">', 1)[1].split("</tr>", 1)[0]
        assert word in _text(row), _text(row)
        hengtuo = html.split('<a href="/suppliers/hengtuo">', 1)[1].split("</tr>", 1)[0]
        assert word.split("：")[0].split(":")[0] not in _text(hengtuo)
        chart = html.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
        bar = chart.split("无锡静泵" if lang == "zh" else "Wuxi Quiet")[0].rsplit("<rect", 1)[1]
        assert 'class="bar-medium provisional"' in bar, bar


def test_the_cli_says_the_score_is_provisional(client_for, ctx, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    c = client_for("demo")
    reviewed_supplier(c, ctx, REVIEW)
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    try:
        out = CliRunner().invoke(app, ["supplier", "scorecard", "--workspace", "default"]).output
    finally:
        get_settings.cache_clear()
    line = next(x for x in out.splitlines() if "(quiet)" in x)
    assert "provisional" in line and "measured on 3 of 7 parts" in line, out
