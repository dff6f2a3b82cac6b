"""``disputedesk supplier check-uscc`` and ``check-csv`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from stdnum.cn import uscc as stdnum_uscc
from typer.testing import CliRunner

from disputedesk.cli import app

runner = CliRunner()
VALID = "91330200MA2H3K7L0" + stdnum_uscc.calc_check_digit("91330200MA2H3K7L0")
WRONG_CHECK = VALID[:17] + ("1" if VALID[17] != "1" else "2")


def test_valid_code_prints_its_parts_and_exits_0() -> None:
    r = runner.invoke(app, ["supplier", "check-uscc", VALID])
    assert r.exit_code == 0, r.output
    assert f"{VALID}: valid" in r.stdout
    assert "宁波市" in r.stdout and "enterprise" in r.stdout


def test_invalid_code_says_why_and_exits_non_zero() -> None:
    r = runner.invoke(app, ["supplier", "check-uscc", WRONG_CHECK])
    assert r.exit_code == 2
    assert "INVALID" in r.stderr and f"give {VALID[17]!r}" in r.stderr


def test_excluded_letter_names_position() -> None:
    r = runner.invoke(app, ["supplier", "check-uscc", VALID[:9] + "O" + VALID[10:]])
    assert r.exit_code == 2
    assert "position 10" in r.stderr


def test_json_output() -> None:
    r = runner.invoke(app, ["supplier", "check-uscc", "--json", "9133 0200 1234"])
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert data["valid"] is False and data["problems"][0]["kind"] == "length"
    ok = json.loads(runner.invoke(app, ["supplier", "check-uscc", "--json", VALID]).stdout)
    assert ok["parts"]["division"]["name"] == "宁波市"


def test_check_csv(tmp_path: Path) -> None:
    good = tmp_path / "suppliers.csv"
    good.write_bytes(f"企业名称,统一社会信用代码\n宁波海曙精工机械有限公司,{VALID}\n".encode("gbk"))
    r = runner.invoke(app, ["supplier", "check-csv", str(good)])
    assert r.exit_code == 0, r.output
    assert "1 supplier(s) OK (encoding gb18030)" in r.stdout

    bad = tmp_path / "bad.csv"
    bad.write_bytes(f"企业名称,统一社会信用代码\n宁波海曙精工机械有限公司,{WRONG_CHECK}\n".encode("gbk"))
    r = runner.invoke(app, ["supplier", "check-csv", str(bad)])
    assert r.exit_code == 2
    assert "row 2, column uscc" in r.stderr and "nothing would be imported" in r.stderr

    r = runner.invoke(app, ["supplier", "check-csv", str(tmp_path / "missing.csv")])
    assert r.exit_code == 2 and "cannot read" in r.stderr


FRAUD_MAIL = """Message-ID: <bank-change@ruifenglaser.cn>
Date: Mon, 12 Jan 2026 09:30:00 +0800
From: Huang Li <finance@ruifenglaser.cn>
To: Lena Hoffmann <l.hoffmann@auerbach-feinblech.de>
Subject: Invoice RF-CI-20260112
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Lena, our bank account has changed. Please remit the balance to our new account:
Account No.: 6222 0210 0104 5566 7788
"""


def test_scorecard_of_a_supplier_without_data_but_an_open_payment_warning_says_risk_high(tmp_path, monkeypatch):
    """Nothing measured yet (no request, checklist or review), but a mail asking to pay into a new account is
    open: the CLI must not read as "no risk" — it says risk high, why, and where to look."""
    from disputedesk.config import get_settings

    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DISPUTEDESK_DATABASE_URL", raising=False)
    monkeypatch.setenv("DISPUTEDESK_DEFAULT_WORKSPACE", "default")
    get_settings.cache_clear()
    mail = tmp_path / "bank-change.eml"
    mail.write_text(FRAUD_MAIL)
    try:
        for args in (
            ["init"],
            ["supplier", "add", "--name-en", "Ruifeng Laser", "--key", "ruifeng", "--email-domains", "ruifenglaser.cn"],
            ["import", str(mail)],
            ["supplier", "scan-payments"],
        ):
            r = runner.invoke(app, args)
            assert r.exit_code == 0, (args, r.output)
        r = runner.invoke(app, ["supplier", "scorecard"])
    finally:
        get_settings.cache_clear()
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("-. Ruifeng Laser (ruifeng): not enough data for a score or rank, risk high (red flags")
    assert "no score, risk or rank" not in r.stdout  # the branch for a supplier with nothing at all
    # the change request (high) and the unverified account it gives (medium); only the high one is a red flag
    # counted by message, as the warnings list counts them: one mail, two warnings
    assert "   messages with open payment warnings: 1 (2 warning(s); disputedesk supplier warnings)" in lines
    assert lines[-1] == (
        "   RED FLAG: 1 message with open high-severity payment warnings: confirm the bank details by a call-back to "
        "a number you already hold before paying"
    )
