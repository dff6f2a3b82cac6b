"""Records set-up shared by the tests.

- ``seed_parties``/``seed``: a user's own dispute for the request tests: the buyer and one
  supplier, a contract, a machine, and the fixture mailbox (tests/fixtures/own-dispute) imported
  after the parties exist. The parties are written as rows here; the end-to-end tests create them
  through the records commands instead.
- ``seed_acme``: the small dispute of the case and race tests: evidence E-0001 …, a buyer, the
  supplier Acme, its contract C-1 of 10 Jan 2025 (EUR 100,000) and support request SR-0001.
- ``import_text_evidence``: small text files imported as evidence, in the order named.
- ``open_bank_statement_case``: the money tests' empty workspace: the bank statement (E-0001), the
  supplier Hengtai and a case opened on the /cases page, signed in as its owner.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from disputedesk.services.context import Context
from disputedesk.services.import_evidence import import_paths
from disputedesk.services.imports import Candidate, import_candidates
from disputedesk.services.workspaces import get_workspace
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import (
    Contract,
    Delivery,
    Order,
    Organization,
    ProductUnit,
    SupportRequest,
    Workspace,
)

MAILBOX = Path(__file__).parent / "fixtures" / "own-dispute" / "mailbox.mbox"
SERIAL = "JH850-2507-0113"
TERMS = {
    "label": "JH-2026-014 Art. 7.2",
    "severities": {
        "critical": {"first_response": "4h", "resolution": "3wd"},
        "high": {"first_response": "8h"},
        "normal": {"first_response": "8h"},
        "low": {"first_response": "16h"},
    },
    "acknowledgement_counts": False,
}


def seed_parties(ctx: Context, workspace: str = "default") -> None:
    with unit_of_work(ctx.engine) as s:
        ws = s.query(Workspace).filter_by(slug=workspace).one()
        buyer = Organization(
            workspace_id=ws.id,
            key="buyer",
            role="buyer",
            name_en="Brandt Metallbau GmbH",
            country="DE",
            email_domains=["brandt-metall.de"],
            details={"timezone": "Europe/Berlin"},
        )
        sup = Organization(
            workspace_id=ws.id,
            key="jinhua",
            role="supplier",
            name_en="Jinhua Precision Machinery Co., Ltd.",
            country="CN",
            email_domains=["jinhua-cnc.com"],
            details={"timezone": "Asia/Shanghai", "calendar": "cn"},
        )
        other = Organization(
            workspace_id=ws.id,
            key="other",
            role="supplier",
            name_en="Other Supplier Ltd.",
            country="CN",
            email_domains=["other.example"],
            details={"timezone": "Asia/Shanghai"},
        )
        s.add_all([buyer, sup, other])
        s.flush()
        c = Contract(
            workspace_id=ws.id,
            kind="contract",
            supplier_id=sup.id,
            buyer_id=buyer.id,
            number="JH-2026-014",
            signed_on=date(2026, 5, 4),
            currency="EUR",
            total=Decimal("186000.00"),
        )
        s.add(Contract(workspace_id=ws.id, kind="contract", supplier_id=other.id, number="OT-1"))
        s.add(c)
        s.flush()
        o = Order(workspace_id=ws.id, contract_id=c.id, number="PO-7731", currency="EUR", amount=Decimal("186000.00"))
        s.add(o)
        s.flush()
        d = Delivery(workspace_id=ws.id, order_id=o.id, delivered_on=date(2026, 7, 15))
        s.add(d)
        s.flush()
        s.add(ProductUnit(workspace_id=ws.id, delivery_id=d.id, model="VMC-850", serial=SERIAL))


def seed(ctx: Context, workspace: str = "default") -> None:
    seed_parties(ctx, workspace)
    report = import_paths(ctx, workspace, [MAILBOX], actor="test")
    assert not report.failed, report.as_dict()


def add_later_contract(client) -> None:  # type: ignore[no-untyped-def]
    """Through the API: a second Jinhua contract, JH-2026-099, signed on 20 October 2026 (after the spindle
    thread began, 30 September)."""
    later = {"number": "JH-2026-099", "supplier": "jinhua", "signed_on": "2026-10-20"}
    assert client.post("/api/contracts", json=later).status_code == 201


def seed_acme(ctx: Context, evidence: int) -> None:
    """Evidence items E-0001 … (``evidence`` small letters), a buyer, the supplier Acme with its
    contract C-1 (signed 10 Jan 2025, EUR 100,000.00) and support request SR-0001 (3 Jun 2025)."""
    import_candidates(
        ctx,
        "default",
        [
            Candidate(f"doc{i}.txt", f"test:doc{i}", (lambda i=i: io.BytesIO(f"letter {i}".encode())))
            for i in range(1, evidence + 1)
        ],
        actor="test",
    )
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, "default")
        sup = Organization(workspace_id=ws.id, key="acme", role="supplier", name_en="Acme Laser Co., Ltd.")
        s.add(Organization(workspace_id=ws.id, key="buyer", role="buyer", name_en="Buyer GmbH"))
        s.add(sup)
        s.flush()
        s.add(
            Contract(
                workspace_id=ws.id,
                kind="contract",
                supplier_id=sup.id,
                number="C-1",
                signed_on=date(2025, 1, 10),
                currency="EUR",
                total=Decimal("100000.00"),
            )
        )
        s.add(
            SupportRequest(
                workspace_id=ws.id,
                number="SR-0001",
                supplier_id=sup.id,
                title="machine down",
                opened_at=datetime(2025, 6, 3, 8, 0, tzinfo=UTC),
            )
        )


def import_text_evidence(ctx: Context, folder: Path, names: list[str]) -> None:
    """One small text file a name (``NAME: signed document text``), imported as evidence in order."""
    paths = []
    for n in names:
        p = folder / n
        p.write_text(f"{n}: signed document text\n", encoding="utf-8")
        paths.append(p)
    import_paths(ctx, "default", paths, actor="test")


def open_bank_statement_case(ctx: Context, title: str):  # type: ignore[no-untyped-def]
    """An empty workspace with the bank statement "credit 2400 EUR" (E-0001) and the supplier Hengtai
    CNC; a case opened on the /cases page with no amount. Returns (the signed-in owner's client, the
    case id, the page's CSRF token); the caller closes the client."""
    import re

    from pages_support import owner_client

    from support import CSRF_RE

    import_candidates(
        ctx, "default", [Candidate("bank-statement.txt", "t:bank", lambda: io.BytesIO(b"credit 2400 EUR"))], actor="t"
    )
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, "default")
        s.add(Organization(workspace_id=ws.id, key="hengtai", role="supplier", name_en="Hengtai CNC Co., Ltd."))
    c = owner_client(ctx)
    csrf = re.search(CSRF_RE, c.get("/cases").text).group(1)  # type: ignore[union-attr]
    form = {"csrftoken": csrf, "title": title, "supplier": "hengtai", "issues": "product_defect", "evidence": "E-0001"}
    r = c.post("/cases", data=form)
    assert r.status_code in (200, 303), re.findall(r"flash[^>]*>[^<]*", r.text)
    return c, r.url.path.rsplit("/", 1)[1], csrf
