"""`disputedesk contract check FILE… [--json]` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from disputedesk.cli import app
from disputedesk.domain.contract_clarity import KINDS

runner = CliRunner()


def test_json_one_object_per_file_with_every_kind(fixtures: Path) -> None:
    files = [str(fixtures / "demo_contract.txt"), str(fixtures / "own" / "zh19_cnc_router_full.txt")]
    result = runner.invoke(app, ["contract", "check", *files, "--json", "--as-of", "2026-11-26"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 2
    objs = [json.loads(line) for line in lines]
    assert [o["file"] for o in objs] == files
    for o in objs:
        assert isinstance(o["score"], int) and o["language"] in ("en", "zh", "bilingual")
        assert [c["kind"] for c in o["clauses"]] and {c["kind"] for c in o["clauses"]} == set(KINDS)
        for c in o["clauses"]:
            assert set(c) >= {"kind", "present", "excerpts", "values", "issues"}
            for e in c["excerpts"]:
                assert e["text"] and set(e["location"]) >= {"page", "paragraph", "char_start", "char_end", "clause"}
        for v in o["vague_terms"]:
            assert set(v) >= {"term", "excerpt", "location", "why"}
        assert all(s["text_en"] and s["text_zh"] for s in o["suggestions"])
    assert objs[1]["language"] == "zh"


def test_bad_file_is_named_and_others_go_on(fixtures: Path, tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    result = runner.invoke(app, ["contract", "check", str(bad), str(fixtures / "demo_contract.txt"), "--json"])
    assert result.exit_code == 1
    assert "scan.pdf" in result.stderr
    assert len([line for line in result.stdout.splitlines() if line.startswith("{")]) == 1


def test_human_output_and_parameters(fixtures: Path) -> None:
    result = runner.invoke(
        app,
        ["contract", "check", str(fixtures / "demo_contract.txt"), "--response-hours", "2", "--seat", "Beijing"],
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "score" in out and "Findings" in out and "cl. 6.1" in out
    assert "within 2 Business Hours" in out and "仲裁地为北京" in out
    assert "draft — for review by counsel" in out


def test_bad_option_value_is_rejected(fixtures: Path) -> None:
    result = runner.invoke(app, ["contract", "check", str(fixtures / "demo_contract.txt"), "--as-of", "26.11.2026"])
    assert result.exit_code == 2
    assert "--as-of" in result.stderr


def test_contract_report_for_the_api_reads_docx_bytes() -> None:
    import io

    import docx

    from disputedesk.commands.contract import contract_report

    d = docx.Document()
    table = d.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "第二条 质保"
    table.rows[0].cells[1].text = "Article 2 Warranty"
    table.rows[1].cells[0].text = "质保期为验收合格后十八个月。"
    table.rows[1].cells[1].text = "The warranty period is 18 months after acceptance."
    buf = io.BytesIO()
    d.save(buf)
    from datetime import date

    rep = contract_report(buf.getvalue(), "upload.docx", as_of=date(2026, 11, 26))
    assert rep["file"] == "upload.docx" and rep["format"] == "docx" and rep["language"] == "bilingual"
    w = next(c for c in rep["clauses"] if c["kind"] == "warranty_period")
    assert w["present"] and w["values"]["months"] == "18"
    assert any(e["location"]["paragraph"] == 1 and "十八个月" in e["text"] for e in w["excerpts"])
    assert rep["support_terms_draft"]["warranty"]["months"] == "18"


def test_a_bilingual_clause_is_placed_once_in_the_checklist(tmp_path: Path) -> None:
    """English and Chinese in one paragraph give one excerpt per language at the same place: the checklist line
    said "cl. 2.1, para 3; cl. 2.1, para 3"."""
    contract = tmp_path / "bilingual.txt"
    contract.write_text(
        "1. Equipment 设备\nThe Seller supplies one laser cutter. 卖方提供激光切割机一台。\n2. Support 售后服务\n"
        "2.1 The Seller shall respond within 4 business hours. 卖方应在4个工作小时内响应。\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["contract", "check", str(contract), "--as-of", "2026-12-04"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.stdout.splitlines() if "response_time" in x and "✓" in x)
    assert line.count("cl. 2.1") == 1 and "4 business hours" in line
