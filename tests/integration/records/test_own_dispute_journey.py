"""A whole dispute of one's own from an empty workspace, through the CLI only (no demo loader, no
rows written by the test): the buyer, a supplier known by its trade name, the contract file and
its record, an order with its delivery, a payment, the mailbox, requests opened from the
suggested threads, support terms, an evaluation with its breach, a case whose deadline facts come
from the delivery, a formal complaint and an evidence bundle that verifies offline.
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from records_fixtures import MAILBOX, SERIAL, TERMS


def test_own_dispute_from_an_empty_workspace(cli, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: ARG001
    contract_file = tmp_path / "JH-2026-014 signed.txt"
    contract_file.write_text(
        "Purchase contract JH-2026-014\nArticle 7.2 Support: first response within 4 hours for critical faults.\n"
        "Governing law: the laws of the People's Republic of China.\n",
        encoding="utf-8",
    )
    note = tmp_path / "delivery-note.txt"
    note.write_text("Delivery note: VMC-850 JH850-2507-0113 received 15 July 2026\n", encoding="utf-8")

    cli(
        "buyer",
        "set",
        "--name",
        "Brandt Metallbau GmbH",
        "--email-domains",
        "brandt-metall.de",
        "--tz",
        "Europe/Berlin",
        "--country",
        "DE",
    )
    cli(
        "supplier",
        "add",
        "--name-en",
        "Jinhua Precision Machinery",
        "--key",
        "jinhua",
        "--email-domains",
        "jinhua-cnc.com",
    )
    cli("import", str(contract_file), str(note))
    cli(
        "contract", "add", "JH-2026-014", "--supplier", "jinhua", "--signed-on", "2026-05-04", "--currency", "EUR",
        "--value", "186000", "--warranty-months", "12", "--warranty-start", "delivery", "--inspection-days", "30",
        "--governing-law", "Laws of the People's Republic of China", "--evidence", "E-0001",
    )  # fmt: skip
    cli(
        "order", "add", "PO-7731", "--contract", "JH-2026-014", "--currency", "EUR", "--amount", "186000",
        "--ordered-on", "2026-05-10", "--delivered-on", "2026-07-15", "--item", f"VMC-850 {SERIAL}",
        "--delivery-note", "E-0002",
    )  # fmt: skip
    cli(
        "payment",
        "add",
        "--supplier",
        "jinhua",
        "--amount",
        "55800",
        "--currency",
        "EUR",
        "--paid-on",
        "2026-05-12",
        "--order",
        "PO-7731",
        "--account",
        "CN-BOC-6217000000001234",
    )
    cli("import", str(MAILBOX))

    suggested = json.loads(cli("request", "suggest", "--json").output)
    assert len(suggested) == 2 and all(s["supplier"] == "jinhua" for s in suggested)
    down = next(s for s in suggested if s["first_message_at"].startswith("2026-09-30"))
    number = cli(
        "request", "from-thread", str(down["thread"]), "--severity", "critical", "--contract", "JH-2026-014"
    ).output.strip()
    assert number == "SR-0001"
    terms = tmp_path / "terms.json"
    terms.write_text(json.dumps(TERMS), encoding="utf-8")
    cli("sla", "terms", "set", "JH-2026-014", str(terms), "--valid-from", "2026-05-04T00:00+08:00")
    cli("sla", "evaluate", "--as-of", "2026-11-30T12:00+01:00", "--workers", "1")
    shown = json.loads(cli("request", "show", "SR-0001", "--json").output)
    assert shown["evaluation"]["deadlines"][0]["status"] == "breached"
    assert shown["record"]["serial"] == SERIAL  # the recorded machine the thread's subject names

    case = cli("case", "open", "--request", "SR-0001").output.strip()
    assert case.startswith("CASE-")
    view = json.loads(cli("case", "show", case, "--json").output)
    notes = " | ".join(n["text"] for n in view["notes"])
    assert "received_on 2026-07-15: order PO-7731: delivered on 2026-07-15 (E-0002)" in notes
    assert "governing_law CN" in notes
    assert view["deadlines"], view.keys()
    assert [o["number"] for o in view["orders"]] == ["PO-7731"]  # the contract's orders
    # the ladder starts with the request that exists: the buyer's first mail is the proof
    # and the supplier's first real answer (not its bare acknowledgement the same day) the reply
    [first] = view["ladder"]
    assert (first["step"], first["sent_on"], first["proof"]) == ("support_request", "2026-09-30", "E-0004")
    assert (first["reply_on"], first["reply_evidence"]) == ("2026-10-10", "E-0008")
    assert "service@jinhua-cnc.com" in first["recipient"]
    r = cli("case", "open", "--request", "SR-0042", code=2)
    assert "request: no support request SR-0042 in this workspace" in r.output

    letter = tmp_path / "complaint.pdf"
    cli("letter", "render", case, "formal-complaint", "--lang", "en", "--out", str(letter), "--date", "2026-12-01")
    assert letter.read_bytes().startswith(b"%PDF")
    bundle = tmp_path / "bundle.zip"
    cli("bundle", "export", case, "--out", str(bundle))
    assert "OK" in cli("bundle", "verify", str(bundle)).output.upper()
    assert "OK" in cli("verify").output.upper()
