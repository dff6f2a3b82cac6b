"""Supplier pages, API and CLI on the demo dispute (SQLite and PostgreSQL)."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from disputedesk.cli import app as cli_app
from disputedesk.config import get_settings
from disputedesk.services import suppliers as svc
from disputedesk.services.demo import demo_dir, load_demo_suppliers
from disputedesk.web.app import create_app

from support import api_token, demo_loaded, make_user, sign_in

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def supplier_app(ctx):  # type: ignore[no-untyped-def]
    """The app with the supplier routes ahead of the foundation's placeholder /suppliers pages
    (web/pages.py registers those first; they are to be deleted, then this changes nothing)."""
    from disputedesk.web.routes import suppliers as routes

    app = create_app(ctx)
    mine = [r for r in app.router.routes if getattr(r, "original_router", None) is routes.router]
    rest = [r for r in app.router.routes if r not in mine]
    app.router.routes[:] = rest[:1] + mine + rest[1:]
    return app


@pytest.fixture
def demo(ctx):  # type: ignore[no-untyped-def]
    demo_loaded(ctx, "demo", "Demo dispute", now=NOW)
    load_demo_suppliers(ctx, "demo", json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8")))
    make_user(ctx, "owner", "demo", "owner")
    return ctx


@pytest.fixture
def browser(demo):  # type: ignore[no-untyped-def]
    with TestClient(supplier_app(demo)) as c:
        sign_in(c, "owner")
        yield c


def browser_ctx(client):  # type: ignore[no-untyped-def]
    return client.app.state.ctx


def test_pages_render_in_english_and_chinese_and_forms_work(browser) -> None:
    c = browser
    page = c.get("/suppliers")
    assert page.status_code == 200
    text = page.text.split('id="ranking"')[1]
    assert text.index("Ningbo Hengtuo") < text.index("Shenzhen Ruifeng")  # ranked best first
    assert "<svg" in text and "<script" not in page.text.split("</header>")[1]
    detail = c.get("/suppliers/ruifeng")
    assert detail.status_code == 200
    for expected in (
        "91440300MA5DKR7T2J",
        "Verified beneficiary account",
        "755931872610801",
        "If support stalls now: next contact",
        "Registry entry checked",
        "What drove the score",
        "Score over time",
    ):
        assert expected in detail.text, expected
    assert re.search(r'href="/evidence/E-\d{4}"', detail.text)
    zh = c.get("/suppliers/ruifeng?lang=zh").text
    assert "付款安全" in zh and "尽职调查" in zh and "评分卡" in zh and "深圳市锐锋激光智能装备有限公司" in zh
    assert "尽职调查" in c.get("/suppliers?lang=zh").text or "排名" in c.get("/suppliers?lang=zh").text
    c.get("/suppliers?lang=en")

    # Add a supplier through the form: a bad USCC is refused with the field, the page keeps the input.
    bad = c.post("/suppliers", data={"name_zh": "苏州测试精密机械有限公司", "uscc": "91320505MA1N2K3P4X"})
    assert bad.status_code == 400 and "uscc:" in bad.text and "苏州测试精密机械有限公司" in bad.text
    ok = c.post(
        "/suppliers",
        data={"name_zh": "苏州测试精密机械有限公司", "uscc": "91320505MA1N2K3P42", "name_en": "Suzhou Test Precision"},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/suppliers/suzhou-test-precision"
    dup = c.post("/suppliers", data={"name_zh": "另一家公司", "uscc": "91320505MA1N2K3P42"})
    assert dup.status_code == 400 and "already supplier" in dup.text
    r = c.post(
        "/suppliers/suzhou-test-precision/due-diligence",
        data={"item": "factory_audit_or_video_inspection", "status": "done", "on": "2026-11-20", "by": "owner"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    r = c.post("/suppliers/suzhou-test-precision/evidence", data={"field": "uscc", "evidence": "E-9999"})
    assert r.status_code == 400 and "E-9999 does not exist" in r.text
    assert "Factory audit or video inspection" in c.get("/suppliers/suzhou-test-precision").text
    # CSV upload (htmx) in GBK: refused whole with the row named.
    csv = "企业名称,统一社会信用代码\n广州样例设备有限公司,91440101MA59ABCD1X\n".encode("gbk")
    r = c.post("/suppliers/import", files={"file": ("s.csv", csv, "text/csv")}, headers={"HX-Request": "true"})
    assert r.status_code == 400 and "nothing imported" in r.text and "<td>2</td>" in r.text
    fraud = [w for w in svc.list_payment_warnings(browser_ctx(c), "demo") if w.kind == "lookalike_sender"]
    if fraud:  # once the mail ingest fills messages: the evidence page's fragment
        frag = c.get(f"/payment-warnings/evidence/{fraud[0].evidence}")
        assert (
            frag.status_code == 200
            and "look-alike sender domain" in frag.text
            and "confirmed fraud attempt" in frag.text
        )
    dash = c.get("/")
    assert dash.status_code == 200 and "Payment warnings" in dash.text or "Riskiest suppliers" in dash.text


def test_api_profile_import_scorecard_and_next_contact(demo) -> None:
    ctx = demo
    with TestClient(supplier_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'demo')}"
        listing = c.get("/api/suppliers").json()
        assert [r["key"] for r in listing][:2] == ["hengtuo", "ruifeng"]
        d = c.get("/api/suppliers/ruifeng").json()
        assert d["uscc"] == "91440300MA5DKR7T2J" and d["evidence"]["uscc"]
        assert d["next_contact"]["contact"] and d["scorecard"]["components"]
        r = c.post("/api/suppliers", json={"name_zh": "宁波恒拓数控机械有限公司", "uscc": "91330206MA2H8LQ53M"})
        assert r.status_code == 400 and r.json()["field"] in ("uscc", "name_zh")
        r = c.post("/api/suppliers", json={"name_zh": "苏州测试精密机械有限公司", "uscc": "bad"})
        assert r.status_code == 400 and r.json()["field"] == "uscc"
        r = c.post("/api/suppliers", json={"name_en": "Colourful Ltd", "colour": "red"})  # typed body: fields named
        assert r.status_code == 422 and r.json()["field"] == "colour"
        assert "uscc" in c.get("/api/openapi.json").json()["components"]["schemas"]["NewSupplier"]["properties"]
        csv = "企业名称,统一社会信用代码,英文名称\n苏州测试精密机械有限公司,91320505MA1N2K3P42,Suzhou Test\n".encode(
            "gbk"
        )
        r = c.post("/api/suppliers/import", files={"file": ("s.csv", csv)})
        assert r.status_code == 201 and r.json()["encoding"] == "gb18030" and r.json()["created"] == ["suzhou-test"]
        r = c.post("/api/suppliers/import", files={"file": ("s.csv", csv)})
        assert r.status_code == 400 and r.json()["errors"][0]["row"] == 2
        r = c.get("/api/suppliers/ruifeng/next-contact", params={"level": "sales", "at": "2026-10-02T10:00:00+08:00"})
        body = r.json()
        assert body["contact"] == "Chen Zhiqiang" and "National Day" in body["reason"]
        r = c.post(
            "/api/suppliers/ruifeng/due-diligence",
            json={
                "item": "sanctions_and_export_control_screening",
                "status": "done",
                "on": "2026-11-20",
                "by": "owner",
            },
        )
        assert r.status_code == 201
        sc = c.get("/api/suppliers/scorecard").json()
        assert sc["ranking"][0]["key"] == "hengtuo" and sc["comparison"][0]["rank"] == 1
        assert c.post("/api/payment-warnings/scan").json()["new_warnings"] == 0
        assert isinstance(c.get("/api/payment-warnings", params={"supplier": "ruifeng"}).json(), list)
        assert c.get("/api/suppliers/nobody").status_code == 404


@pytest.fixture
def cli(settings, monkeypatch):  # type: ignore[no-untyped-def]
    """`disputedesk ARGS…` in this process, on the test's installation."""
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", settings.database_url)
    get_settings.cache_clear()
    run = CliRunner()
    yield lambda *args: run.invoke(cli_app, list(args), catch_exceptions=False)
    get_settings.cache_clear()


@pytest.mark.usefixtures("demo")
def test_cli_import_scorecard_and_warnings(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("supplier", "scorecard", "-w", "demo", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert [c["key"] for c in data["ranking"]][:2] == ["hengtuo", "ruifeng"]
    assert all(c["components"] and c["drivers"] is not None for c in data["ranking"])
    r = cli("supplier", "scorecard", "-w", "demo")
    assert "1. Ningbo Hengtuo" in r.output and "SLA compliance" in r.output
    bad = tmp_path / "bad.csv"
    bad.write_bytes("企业名称,统一社会信用代码\n广州样例设备有限公司,91440101MA59ABCD1X\n".encode("gbk"))
    r = cli("supplier", "import", str(bad), "-w", "demo")
    assert r.exit_code == 2 and "row 2, column uscc" in r.output and "nothing imported" in r.output
    good = tmp_path / "good.csv"
    good.write_bytes("企业名称,统一社会信用代码\n广州样例设备有限公司,91440101MA59ABCD1D\n".encode("gbk"))
    r = cli("supplier", "import", str(good), "-w", "demo")
    assert r.exit_code == 0 and "1 supplier(s) imported (encoding gb18030)" in r.output
    r = cli("supplier", "add", "--name-zh", "广州样例设备有限公司", "--uscc", "91440101MA59ABCD1D", "-w", "demo")
    assert r.exit_code == 2 and "already supplier" in r.output
    r = cli("supplier", "list", "-w", "demo")
    assert "hengtuo" in r.output and "91440101MA59ABCD1D" in r.output
    r = cli(
        "supplier",
        "next-contact",
        "ruifeng",
        "--level",
        "support_engineer",
        "--at",
        "2026-10-02T10:00+08:00",
        "-w",
        "demo",
    )
    assert r.exit_code == 0 and "National Day" in r.output
    r = cli("supplier", "scan-payments", "-w", "demo")
    assert r.exit_code == 0 and "message(s) checked" in r.output
    r = cli("supplier", "warnings", "-w", "demo", "--json")
    assert r.exit_code in (0, 1)
    json.loads(r.output)


def test_a_new_supplier_is_not_scored_100_on_the_command_line(cli) -> None:  # type: ignore[no-untyped-def]
    """A supplier recorded a minute ago: the CLI says there is not enough data, as the web page does,
    instead of printing a perfect score for a supplier nobody measured."""
    assert cli("init").exit_code == 0
    assert cli("supplier", "add", "--name-en", "Hengtai CNC", "--key", "hengtai").exit_code == 0
    out = cli("supplier", "scorecard").output
    head = out.splitlines()[0]
    assert "not enough data" in head, out  # the web page's words for the same card
    assert "100.0 / 100" not in head and "risk medium" not in head
    assert "Dispute cases and outcomes" in out  # the breakdown is still there


def test_supplier_additions_are_typed_commands(demo) -> None:
    ctx = demo
    with TestClient(supplier_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'demo')}"
        schemas = c.get("/api/openapi.json").json()["components"]["schemas"]
        for name in ("FactEvidence", "Certification", "BankAccount", "DueDiligence", "Contact", "Review"):
            assert schemas[name]["properties"], name
        assert "swift" in schemas["BankAccount"]["properties"]
        r = c.post("/api/suppliers/ruifeng/certifications", json={"name": "CE", "colour": "red"})
        assert r.status_code == 422 and r.json()["field"] == "colour"
        r = c.post("/api/suppliers/ruifeng/certifications", json={"name": "CE", "evidence": "E-9999"})
        assert r.status_code == 400 and r.json()["field"] == "evidence"
        r = c.post("/api/suppliers/ruifeng/certifications", json={"name": "CE", "valid_from": "2026-01-01"})
        assert r.status_code == 201 and r.json() == {"ok": True, "result": None}
        assert c.post("/api/suppliers/ruifeng/nonsense", json={}).status_code in (404, 405)


def test_a_refused_form_comes_back_with_what_was_typed_without_javascript(browser) -> None:
    c = browser
    typed = {
        "beneficiary_name": "Shenzhen Ruifeng Laser 深圳锐锋",
        "account_number": "755931872610999",
        "bank_name": 'China Merchants Bank "Futian"',
        "iban": "DE00 1234 5678",
    }
    r = c.post("/suppliers/ruifeng/bank-accounts?lang=zh", data=typed)
    assert r.status_code == 400
    form = re.search(r'<form method="post" action="/suppliers/ruifeng/bank-accounts".*?</form>', r.text, re.S)
    assert form is not None
    for name, value in typed.items():  # in the HTML itself: no script needed
        assert f'name="{name}"' in form.group(0) and f'value="{html.escape(value)}"' in form.group(0), name
    before = r.text[: form.start()]
    assert before.rfind("<details") > before.rfind("</details>")  # the form is in an open section
    assert re.search(r"<details[^>]*\bopen", before[before.rfind("<details") :])
    # the message names the field and is in the page's language
    assert "“DE00 1234 5678”不是有效的IBAN" in r.text and "is not a valid IBAN" not in r.text


def test_refused_review_figures_and_a_too_large_csv_read_in_chinese(browser) -> None:
    """The review form's figures typed in hours, and the CSV size limit: the refusal names the
    field and the value in the page's language (no English sentence on a Chinese page)."""
    from pages_support import foreign_sentences

    c = browser
    review = {
        "reviewed_on": "2026-11-20",
        "period_start": "2026-07-01",
        "period_end": "2026-09-30",
        "product_quality": "3",
        "support_responsiveness": "2",
        "documentation": "2",
        "fig_requests": "4",
        "fig_met": "1",
        "fig_median_h": "zwölf",
    }
    r = c.post("/suppliers/ruifeng/reviews?lang=zh", data=review)
    assert r.status_code == 400
    assert "支持数据：“zwölf”不是小时数" in r.text and "is not a number of hours" not in r.text
    assert foreign_sentences(r.text) == []
    en = c.post("/suppliers/ruifeng/reviews?lang=en", data=review)
    assert en.status_code == 400 and "figures: 'zwölf' is not a number of hours" in html.unescape(en.text)
    # a count that is not a whole number: the same field, in Chinese
    r = c.post("/suppliers/ruifeng/reviews?lang=zh", data={**review, "fig_median_h": "12", "fig_met": "eins"})
    assert r.status_code == 400 and "支持数据：复核中的请求数、达标请求数和违约次数须为整数" in r.text
    assert foreign_sentences(r.text) == []

    big = b"name_zh,uscc\n" + b"x" * (5 * 1024 * 1024)
    r = c.post("/suppliers/import?lang=zh", files={"file": ("big.csv", big, "text/csv")})
    assert r.status_code == 400 and "文件：big.csv超过5 MB" in r.text, r.text[-2000:]
    assert foreign_sentences(r.text) == []
    api = c.post("/api/suppliers/import", files={"file": ("big.csv", big, "text/csv")})
    assert api.status_code == 400 and api.json()["error"] == "文件：超过5 MB", api.text  # the client's language
