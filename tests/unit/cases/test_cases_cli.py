"""`disputedesk deadlines --facts FACTS.json [--json]` as a user runs it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from disputedesk.cli import app

FACTS = {
    "governing_law": "CN",
    "contract_type": "international_sale",
    "cisg_applies": True,
    "received_on": "2025-03-10",
    "inspection_period_days": 30,
    "warranty_months": 12,
    "warranty_starts_on": None,
    "knowledge_on": "2025-06-02",
    "demands": ["2025-07-01", "2026-01-15"],
    "acknowledgements": [],
    "award_performance_deadline": None,
}


def write(tmp_path, obj, name="facts.json"):
    p = tmp_path / name
    p.write_text(json.dumps(obj), encoding="utf-8")
    return p


def test_json_output(tmp_path):
    result = CliRunner().invoke(app, ["deadlines", "--facts", str(write(tmp_path, FACTS)), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    kinds = [d["kind"] for d in data]
    assert set(kinds) == {"notice_prc", "notice_cisg", "limitation", "limitation_longstop"}
    for d in data:
        assert {"kind", "due", "rule", "inputs", "provisional", "needs_counsel"} <= set(d)
    lim = next(d for d in data if d["kind"] == "limitation")
    assert lim["due"] == "2030-01-15"
    assert lim["provisional"] is True
    assert "Art. 594" in lim["rule"]
    assert lim["inputs"]["demands"] == ["2025-07-01", "2026-01-15"]


def test_human_table_shows_citations_and_flags(tmp_path):
    result = CliRunner().invoke(app, ["deadlines", "--facts", str(write(tmp_path, FACTS))])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "KIND" in out and "DUE" in out
    assert "2030-01-15" in out
    assert "PRC Civil Code Art. 594" in out
    assert "UNVERIFIED" in out and "PROVISIONAL" in out and "NEEDS COUNSEL" in out


def test_bad_facts_exit_2_naming_the_field(tmp_path):
    bad = dict(FACTS, demands=["2025-05-01"])  # before knowledge_on
    result = CliRunner().invoke(app, ["deadlines", "--facts", str(write(tmp_path, bad))])
    assert result.exit_code == 2
    assert "demands[0]" in result.stderr
    unknown = dict(FACTS, colour="red")
    result = CliRunner().invoke(app, ["deadlines", "--facts", str(write(tmp_path, unknown))])
    assert result.exit_code == 2 and "colour: unknown field" in result.stderr
    p = tmp_path / "broken.json"
    p.write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(app, ["deadlines", "--facts", str(p)])
    assert result.exit_code == 2 and "broken.json" in result.stderr
    result = CliRunner().invoke(app, ["deadlines", "--facts", str(tmp_path / "missing.json")])
    assert result.exit_code == 2 and "missing.json" in result.stderr
