"""Suppliers end to end through the service (SQLite and PostgreSQL): profile, CSV import,
payment warnings from stored messages, escalation, reviews, scorecard and ranking, the demo."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from disputedesk.domain.suppliers import EscalationLevel
from disputedesk.ingest.mail.eml import parse_eml
from disputedesk.services import sla
from disputedesk.services import suppliers as svc
from disputedesk.services.demo import demo_dir, load_demo_sla, load_demo_suppliers
from disputedesk.services.imports import Candidate, import_candidates
from disputedesk.services.verify import verify
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import LedgerEntry, Message, Organization, Workspace

from support import demo_loaded

RUIFENG = {
    "name_zh": "深圳市锐锋激光智能装备有限公司",
    "name_en": "Shenzhen Ruifeng Laser Intelligent Equipment Co., Ltd.",
    "uscc": "91440300MA5DKR7T2J",
    "email_domains": "ruifenglaser.com",
    "registered_capital": "5000万元人民币",
    "kind": "factory",
}
HENGTUO = {
    "name_zh": "宁波恒拓数控机械有限公司",
    "name_en": "Ningbo Hengtuo CNC Machinery Co., Ltd.",
    "uscc": "91330206MA2H8LQ53M",
    "email_domains": "hengtuo-cnc.com",
}
NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


@pytest.fixture
def sctx(ctx):  # type: ignore[no-untyped-def]
    ctx.clock = lambda: NOW
    return ctx


def add_file(ctx, name: str, data: bytes, ws: str = "default") -> str:  # type: ignore[no-untyped-def]
    rep = import_candidates(ctx, ws, [Candidate(name, f"test:{name}", lambda: io.BytesIO(data))], actor="test")
    return rep.outcomes[0].evidence  # type: ignore[return-value]


def actions(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    with unit_of_work(ctx.engine) as s:
        return list(s.execute(select(LedgerEntry.action).order_by(LedgerEntry.seq)).scalars())


def test_profile_is_validated_deduplicated_edited_and_backed_by_evidence(sctx) -> None:
    ctx = sctx
    with pytest.raises(svc.SupplierError) as bad:
        svc.create_supplier(ctx, "default", {**RUIFENG, "uscc": "91440300MA5DKR7T2X"}, actor="t")
    assert bad.value.field == "uscc" and "check character" in str(bad.value)
    key = svc.create_supplier(ctx, "default", RUIFENG, actor="t")
    assert key == "shenzhen-ruifeng-laser"
    # The same code typed with spaces and lower case is the same supplier.
    with pytest.raises(
        svc.SupplierError, match="uscc: 91440300MA5DKR7T2J is already supplier 'shenzhen-ruifeng-laser'"
    ):
        svc.create_supplier(ctx, "default", {**HENGTUO, "uscc": "9144 0300 ma5d kr7t 2j"}, actor="t")
    with pytest.raises(svc.SupplierError, match="name_zh: .* is already supplier"):
        svc.create_supplier(ctx, "default", {**HENGTUO, "name_zh": "深圳市锐锋激光智能装备有限公司"}, actor="t")
    with pytest.raises(svc.SupplierError, match="email_domains: 'not a domain'"):
        svc.update_supplier(ctx, "default", key, {"email_domains": "not a domain"}, actor="t")

    changed = svc.update_supplier(
        ctx, "default", key, {"legal_representative": "陈志强", "websites": "https://www.ruifenglaser.com"}, actor="t"
    )
    assert changed == ["legal_representative", "websites"]
    label = add_file(ctx, "registry-extract.png", b"\x89PNG\r\n\x1a\n registry screenshot")
    svc.link_fact_evidence(ctx, "default", key, "uscc", label, actor="t", note="registry")
    with pytest.raises(svc.SupplierError, match="evidence: E-0099 does not exist"):
        svc.link_fact_evidence(ctx, "default", key, "uscc", "E-0099", actor="t")

    page = svc.supplier_page(ctx, "default", key)
    facts = {f.field: f for f in page.facts}
    assert facts["uscc"].evidence == [label]
    assert facts["registered_capital"].value[0] == 50_000_000
    assert facts["legal_representative"].value == "陈志强"
    assert any(g.kind == "missing" and g.severity == "high" for g in page.gaps)  # registry check not recorded yet
    assert {"supplier.created", "supplier.updated", "supplier.evidence_linked"} <= set(actions(ctx))
    assert verify(ctx, "default").ok


def test_csv_import_is_all_or_nothing_and_reads_gbk(sctx) -> None:
    ctx = sctx
    svc.create_supplier(ctx, "default", RUIFENG, actor="t")
    header = "企业名称,统一社会信用代码,英文名称,注册资本,类型,邮箱域名\n"
    good = header + (
        "宁波恒拓数控机械有限公司,91330206MA2H8LQ53M,Ningbo Hengtuo CNC Machinery Co. Ltd.,"
        "2000万元人民币,工厂,hengtuo-cnc.com\n"
        "苏州测试精密机械有限公司,91320505MA1N2K3P42,Suzhou Test Precision Machinery,500万美元,贸易公司,\n"
    )
    bad = good + "广州样例设备有限公司,91440101MA59ABCD1X,Guangzhou Sample Equipment,100万,工厂,\n"
    refused = svc.import_csv(ctx, "default", bad.encode("gbk"), source="供应商.csv", actor="t")
    assert not refused.ok and refused.created == []
    assert [(e.row, e.field) for e in refused.errors] == [(4, "uscc")]
    assert "row 4, column uscc" in str(refused.errors[0]) and "check character" in str(refused.errors[0])
    assert [r.key for r in svc.list_suppliers(ctx, "default")] == ["shenzhen-ruifeng-laser"]  # nothing half-imported

    dup = svc.import_csv(
        ctx, "default", (header + "深圳市锐锋激光智能装备有限公司,91440300MA5DKR7T2J,,,,\n").encode("gbk"), actor="t"
    )
    assert not dup.ok and "already a stored supplier" in dup.errors[0].message

    ok = svc.import_csv(ctx, "default", good.encode("gbk"), source="供应商.csv", actor="t")
    assert ok.ok and ok.encoding == "gb18030" and len(ok.created) == 2
    rows = {r.name_zh: r for r in svc.list_suppliers(ctx, "default")}
    assert rows["宁波恒拓数控机械有限公司"].uscc == "91330206MA2H8LQ53M"
    assert rows["宁波恒拓数控机械有限公司"].email_domains == ["hengtuo-cnc.com"]
    page = svc.supplier_page(ctx, "default", ok.created[1])
    assert page.profile is not None and page.profile.kind == "trading_company"
    assert page.profile.capital_currency == "USD" and page.profile.registered_capital == 5_000_000
    again = svc.import_csv(ctx, "default", good.encode("gbk"), actor="t")
    assert not again.ok and len(again.errors) == 4  # both rows, by USCC and by name


def _fraud_text() -> tuple[str, str, str]:
    raw = (demo_dir() / "mail" / "20260521T014700Z_fraud-bank-change.eml").read_bytes()
    m = parse_eml(raw)
    return str(m.from_), m.subject, m.text_body or m.html_text


def test_payment_warnings_are_stored_from_messages_and_reviewed(sctx) -> None:
    ctx = sctx
    key = svc.create_supplier(ctx, "default", RUIFENG, actor="t")
    svc.add_bank_account(
        ctx,
        "default",
        key,
        {
            "beneficiary_name": "SHENZHEN RUIFENG LASER INTELLIGENT EQUIPMENT CO., LTD.",
            "account_number": "755931872610801",
            "swift": "CMBCCNBS",
            "verified_on": "2025-10-21",
            "verified_by": "accounting, by phone",
        },
        actor="t",
    )
    sender, subject, text = _fraud_text()
    fraud_ev = add_file(ctx, "fraud.txt", text.encode())
    with unit_of_work(ctx.engine) as s:
        ws = s.execute(select(Workspace).where(Workspace.slug == "default")).scalar_one()
        from disputedesk.store.models import EvidenceItem

        ev_id = s.execute(select(EvidenceItem.id).where(EvidenceItem.number == int(fraud_ev[2:]))).scalar_one()
        base = {"workspace_id": ws.id, "channel": "email", "recipients": [], "flags": {}}
        s.add_all(
            [
                Message(
                    **base, evidence_id=ev_id, direction="supplier->buyer", sender=sender, subject=subject, text=text
                ),
                Message(
                    **base,
                    direction="supplier->buyer",
                    sender="Wang Lei <wanglei@ruifenglaser.com>",
                    subject="Re: E-207",
                    text="Please create a new account on our service portal and send the log to us. 请提供日志。",
                ),
                Message(
                    **base,
                    direction="supplier->buyer",
                    sender="Huang Li <finance@ruifenglaser.com>",
                    subject="Invoice RF-CI-20260112",
                    text="Please remit the balance to our account: Beneficiary: SHENZHEN RUIFENG LASER INTELLIGENT "
                    "EQUIPMENT CO., LTD.\nAccount No.: 7559 3187 2610 801\nSWIFT: CMBCCNBS",
                ),
                Message(
                    **base,
                    direction="internal",
                    sender="Lena <l.hoffmann@auerbach-feinblech.de>",
                    subject="Fwd: bank change?",
                    text="They say: our bank account has changed. Beneficiary: RUIFENG LASER TRADING (HK) LIMITED",
                ),
            ]
        )
    rep = svc.scan_payment_warnings(ctx, "default")
    assert (rep.scanned, rep.skipped_own, rep.flagged_messages) == (3, 1, 1)
    warnings = svc.list_payment_warnings(ctx, "default", supplier_key=key)
    kinds = {w.kind for w in warnings}
    assert {"lookalike_sender", "account_change_request", "beneficiary_name_mismatch", "different_account"} <= kinds
    assert all(w.evidence == fraud_ev and w.severity in ("high", "medium") for w in warnings)
    assert warnings[0].severity == "high" and "ruifenglasser.com" in warnings[0].sender
    assert svc.scan_payment_warnings(ctx, "default").new_warnings == 0  # idempotent
    assert svc.list_payment_warnings(ctx, "default", evidence=fraud_ev)[0].message_id == warnings[0].message_id

    with pytest.raises(svc.SupplierError, match="note: say why"):
        svc.review_payment_warning(ctx, "default", warnings[0].id, "dismissed", actor="t")
    svc.review_payment_warning(ctx, "default", warnings[0].id, "confirmed", actor="lena", note="fake, not paid")
    assert svc.list_payment_warnings(ctx, "default", status="confirmed")[0].reviewed_by == "lena"
    assert {"payment_warning.raised", "payment_warning.reviewed"} <= set(actions(ctx))
    page = svc.supplier_page(ctx, "default", key)
    assert page.verified_account is not None and page.verified_account.account_number == "755931872610801"
    assert len(page.warnings) == len(warnings)


def test_escalation_reviews_and_ranking_from_measured_data(sctx) -> None:
    ctx = sctx
    rf = svc.create_supplier(ctx, "default", RUIFENG, actor="t")
    ht = svc.create_supplier(ctx, "default", HENGTUO, actor="t")
    for name, level, hours in (
        ("Wang Lei", "support_engineer", ("09:00", "18:00")),
        ("Kevin Liu", "sales", ("09:00", "18:00")),
        ("Chen Zhiqiang", "general_manager", ("09:00", "18:00")),
    ):
        svc.add_contact(
            ctx,
            "default",
            rf,
            {
                "name": name,
                "level": level,
                "role": "General manager and legal representative" if level == "general_manager" else None,
                "channels": [
                    {"channel": "phone", "address": "+86 755 0000", "start": hours[0], "end": hours[1]},
                    {
                        "channel": "email",
                        "address": f"{name.split()[0].lower()}@ruifenglaser.com",
                        "start": hours[0],
                        "end": hours[1],
                    },
                ],
            },
            actor="t",
        )
    with pytest.raises(svc.SupplierError, match=r"channels\[1\].channel"):
        svc.add_contact(
            ctx,
            "default",
            rf,
            {"name": "X", "level": "sales", "channels": [{"channel": "fax", "address": "1"}]},
            actor="t",
        )
    # National Day: the service manager level is empty and skipped, email proposed, answered after the holiday.
    p = svc.propose_escalation(
        ctx, "default", rf, EscalationLevel.SUPPORT_ENGINEER, datetime(2026, 10, 2, 3, 0, tzinfo=UTC)
    )
    assert p.contact is not None and p.contact.name == "Kevin Liu" and p.channel.channel.value == "email"
    assert "no contact recorded for service manager" in p.reason and "National Day" in p.reason
    assert p.answer_from is not None and p.answer_from.date() == date(2026, 10, 8)
    top = svc.propose_escalation(ctx, "default", rf, "general_manager", NOW)
    assert top.contact is None and "lawyer's letter" in top.reason

    registry = add_file(ctx, "registry.png", b"\x89PNG\r\n\x1a\n registry")
    for key in (rf, ht):
        svc.record_due_diligence(
            ctx,
            "default",
            key,
            {"item": "registry_checked", "status": "done", "on": "2026-09-01", "by": "jonas", "evidence": registry},
            actor="t",
        )
    svc.record_due_diligence(
        ctx,
        "default",
        rf,
        {
            "item": "beneficiary_account_in_legal_name",
            "status": "failed",
            "on": "2026-05-21",
            "by": "lena",
            "note": "HK account",
        },
        actor="t",
    )
    svc.set_review_schedule(ctx, "default", rf, "quarterly", "2026-10-01", actor="t")
    svc.set_review_schedule(ctx, "default", ht, "quarterly", "2026-12-01", actor="t")
    assert [(r.supplier_key, r.status) for r in svc.review_reminders(ctx, "default")] == [(rf, "overdue"), (ht, "due")]
    svc.add_review(
        ctx,
        "default",
        rf,
        {
            "period_start": "2026-01-01",
            "period_end": "2026-09-30",
            "product_quality": 3,
            "support_responsiveness": 1,
            "documentation": 1,
            "figures": {
                "requests": 3,
                "sla_met": 0,
                "median_first_response_s": 432000,
                "first_response_target_s": 86400,
                "breaches_by_severity": {"critical": 1},
            },
            "actions": "No new orders\nFormal complaint",
        },
        actor="jonas",
    )
    svc.add_review(
        ctx,
        "default",
        ht,
        {
            "period_start": "2026-01-01",
            "period_end": "2026-09-30",
            "product_quality": 4,
            "support_responsiveness": 5,
            "documentation": 4,
            "figures": {"requests": 2, "sla_met": 2, "median_first_response_s": 5400, "first_response_target_s": 14400},
        },
        actor="jonas",
    )
    assert svc.review_reminders(ctx, "default") == []  # today's reviews fulfil both (14 days early is fine)
    with pytest.raises(svc.SupplierError, match="product_quality"):
        svc.add_review(
            ctx,
            "default",
            ht,
            {"period_start": "2026-01-01", "period_end": "2026-02-01", "product_quality": 7},
            actor="t",
        )

    cards = svc.scorecards(ctx, "default")
    assert [c.key for c in cards] == [ht, rf]
    best, worst = cards[0].card, cards[1].card
    assert best.score is not None and worst.score is not None and best.score > worst.score
    assert worst.risk in ("high", "critical")
    assert any("problem found" in f for f in worst.red_flags) and any(
        "critical SLA breach" in f for f in worst.red_flags
    )
    sla = next(c for c in worst.components if c.key == "sla_compliance")
    assert sla.explanation.startswith("0 of 3 requests met every SLA target")
    assert "SLA compliance" in worst.drivers[0]
    assert cards[1].figures_source == "review of 2026-11-26"
    history = svc.score_history(ctx, "default", rf)
    assert [p.period for p in history][-2:] == ["2026-Q3", "2026-Q4"]
    # The review's figures (January-September) are not counted in the quarter it was written in.
    assert history[-1].score is not None and history[-1].score != worst.score
    assert svc.record_score_snapshots(ctx, "default", actor="t") == 2
    assert svc.score_snapshots(ctx, "default", rf)[0].score == worst.score


def test_demo_suppliers_full_profile_flagged_fraud_and_ranking(sctx) -> None:
    ctx = sctx
    demo_loaded(ctx, "demo", "Demo")
    spec = json.loads((demo_dir() / "dispute.json").read_text(encoding="utf-8"))
    load_demo_sla(ctx, "demo", spec)
    load_demo_suppliers(ctx, "demo", spec)
    load_demo_suppliers(ctx, "demo", spec)  # twice: nothing doubled
    page = svc.supplier_page(ctx, "demo", "ruifeng")
    facts = {f.field: f for f in page.facts}
    assert facts["uscc"].evidence and facts["registered_capital"].value[0] == 50_000_000
    assert page.verified_account is not None and page.verified_account.account_number == "755931872610801"
    assert {r.item: r.status for r in page.checklist}["registry_checked"] == "done"
    assert {c.level for c in page.contacts} >= {"support_engineer", "service_manager", "sales", "general_manager"}
    assert page.proposal.contact is not None and len(page.reviews) == 1 and page.schedule is not None
    with unit_of_work(ctx.engine) as s:
        n_messages = len(list(s.execute(select(Message.id)).scalars()))
        n_orgs = len(list(s.execute(select(Organization.id).where(Organization.role == "supplier")).scalars()))
    assert n_orgs == 2
    if n_messages:  # the mail ingest fills messages from the demo's .eml files
        fraud = [w for w in page.warnings if w.sender and "ruifenglasser.com" in w.sender]
        assert fraud and {w.status for w in fraud} == {"confirmed"}
        assert {"lookalike_sender", "beneficiary_name_mismatch"} <= {w.kind for w in fraud}
    ranking = [r.key for r in svc.list_suppliers(ctx, "demo")]
    assert ranking.index("hengtuo") < ranking.index("ruifeng")
    # The scorecard's support figures are the SLA engine's, unchanged.
    if sla is not None and hasattr(sla, "supplier_report"):
        card = next(c for c in svc.scorecards(ctx, "demo") if c.key == "ruifeng")
        report = sla.supplier_report(ctx, "demo", "ruifeng")[0].overall
        requests = [
            r for r in sla.list_requests(ctx, "demo", supplier_key="ruifeng") if r.sla_status in ("met", "breached")
        ]
        met = sum(1 for r in requests if r.sla_status == "met")
        comps = {c.key: c for c in card.card.components}
        assert card.figures_source == "SLA engine"
        assert comps["sla_compliance"].explanation.startswith(f"{met} of {len(requests)} requests")
        median = report["median_first_response_seconds"]
        if median is not None:
            figures = svc.sla_figures(ctx, "demo", "ruifeng", None, NOW.date())
            assert figures is not None and figures.median_first_response.total_seconds() == median


def test_supplier_zone_given_on_the_profile_is_the_zone_the_sla_engine_counts_in(sctx) -> None:
    ctx = sctx
    key = svc.create_supplier(ctx, "default", {**HENGTUO, "timezone": "Asia/Taipei"}, actor="t")
    cal = sla.get_calendar(ctx, "default", key)
    assert cal.spec["tz"] == "Asia/Taipei"
    svc.update_supplier(ctx, "default", key, {"timezone": "Asia/Tokyo"}, actor="t")
    assert sla.get_calendar(ctx, "default", key).spec["tz"] == "Asia/Tokyo"
    with unit_of_work(ctx.engine) as s:
        org = s.execute(select(Organization).where(Organization.key == key)).scalar_one()
        assert org.details["timezone"] == "Asia/Tokyo"
