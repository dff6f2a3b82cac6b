"""Letters on the demo case: every kind in both languages, DOCX and PDF, Chinese extractable;
missing facts named; a letter is kept as evidence and marking it sent reaches the ladder."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from disputedesk.documents import letter_render as R
from disputedesk.documents import letters as L
from disputedesk.services import letters as svc
from disputedesk.services.evidence import get_evidence

from documents_support import demo_context, load_full_demo


@pytest.fixture
def fresh_settings():  # type: ignore[no-untyped-def]
    """The CLI reads its settings once per process (cached): clear them around a CLI test."""
    from disputedesk.config import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    yield from demo_context(tmp_path_factory, "letters")


def pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).replace("\n", "")


@pytest.mark.parametrize("kind", list(L.KINDS))
def test_every_letter_renders_in_both_languages_as_pdf_and_docx(demo, kind: str) -> None:
    pdf = svc.render_letter(demo, "demo", None, kind, lang="both", fmt="pdf", letter_date=date(2026, 11, 2))
    text = pdf_text(pdf.data)
    k = L.KINDS[kind]
    assert "深圳市锐锋激光智能装备有限公司" in text  # the supplier's Chinese legal name, extractable
    assert "草稿——须经律师审阅" in text and "DRAFT — for review by counsel" in text
    assert "RF-EU-2025-1046" in text
    docx = svc.render_letter(demo, "demo", None, kind, lang="both", fmt="docx", letter_date=date(2026, 11, 2))
    body = R.docx_text(docx.data)
    assert "深圳市锐锋激光智能装备有限公司" in body and "RF-EU-2025-1046" in body
    assert "草稿——须经律师审阅" in body
    # The Chinese title of the letter kind appears in its own words.
    zh_title = L.render_blocks(kind, "zh", pdf.letter.facts)[0][0].text
    assert zh_title.replace(" ", "") in text.replace(" ", "") and zh_title in body
    assert k.title_zh


def test_case_facts_fill_the_letter(demo) -> None:
    r = svc.render_letter(demo, "demo", None, "demand", lang="en", fmt="pdf", letter_date=date(2026, 11, 2))
    f = r.letter.facts
    assert f.case_number and f.case_number.startswith("CASE-")
    assert f.supplier_uscc == "91440300MA5DKR7T2J"
    assert f.claims and f.claims_total and "EUR" in f.claims_total  # the claim table from the case
    assert f.breaches, "the SLA engine's breaches fill the breach table"
    text = pdf_text(r.data)
    assert "91440300MA5DKR7T2J" in text and "business hours" in text
    assert r.missing == []


def test_missing_facts_are_listed_by_name(demo) -> None:
    r = svc.render_letter(
        demo, "demo", None, "arbitration-request", lang="both", fmt="pdf", letter_date=date(2026, 11, 2)
    )
    assert "arbitration_institution" in r.missing  # the clause is the contract's (recorded), the institution is not
    text = pdf_text(r.data)
    assert "Missing facts" in text and "arbitral institution" in text
    assert "缺少下列事实" in text and "仲裁机构" in text
    r2 = svc.render_letter(
        demo,
        "demo",
        None,
        "arbitration-request",
        lang="zh",
        fmt="pdf",
        overrides={
            "arbitration_institution": "China International Economic and Trade Arbitration Commission",
            "arbitration_institution_zh": "中国国际经济贸易仲裁委员会",
            "arbitration_agreement": "因本合同引起的争议，提交深圳仲裁。",
        },
        letter_date=date(2026, 11, 2),
    )
    assert r2.missing == []
    assert "中国国际经济贸易仲裁委员会" in pdf_text(r2.data)


def test_a_supplier_without_chinese_name_or_contract_date(sqlite_ctx) -> None:
    from disputedesk.store.db import unit_of_work
    from disputedesk.store.models import Contract, Organization

    with unit_of_work(sqlite_ctx.engine) as s:
        s.add(Organization(workspace_id=1, key="acme", role="supplier", name_en="ACME Machines Ltd."))
        s.flush()
        s.add(Contract(workspace_id=1, supplier_id=s.query(Organization).one().id, number="AC-1"))
    r = svc.render_letter(sqlite_ctx, "default", "acme", "formal-complaint", lang="both", fmt="docx")
    assert r.subject.supplier_key == "acme" and r.subject.case_number is None
    for name in ("supplier_name_zh", "contract_date", "buyer_name"):
        assert name in r.missing
    body = R.docx_text(r.data)
    assert "[missing: contract date]" in body and "【缺少：卖方中文法定名称】" in body
    assert "卖方中文法定名称" in body  # the list at the top, in Chinese too
    with pytest.raises(LookupError, match="nosuch"):
        svc.render_letter(sqlite_ctx, "default", "nosuch", "demand")
    with pytest.raises(ValueError, match="kind"):
        svc.render_letter(sqlite_ctx, "default", "acme", "love-letter")


def test_pair_layout_gives_two_matched_files(demo) -> None:
    r = svc.render_letter(demo, "demo", None, "mediation", lang="both", fmt="docx", layout="pair")
    with zipfile.ZipFile(io.BytesIO(r.data)) as z:
        names = sorted(z.namelist())
        assert [n[-8:] for n in names] == ["_en.docx", "_zh.docx"]
        assert "调解建议函" in R.docx_text(z.read(names[1]))
        assert "Proposal to mediate" in R.docx_text(z.read(names[0]))


def test_kept_letter_is_evidence_and_sent_is_recorded(ctx) -> None:
    load_full_demo(ctx)
    r = svc.render_letter(ctx, "demo", None, "demand", lang="both", fmt="pdf")
    stored = svc.keep_letter(ctx, "demo", r, actor="counsel")
    item = get_evidence(ctx, "demo", stored.evidence)
    assert item.kind == "generated_document" and item.sha256 == stored.sha256
    assert [e["action"] for e in item.ledger] == ["evidence.added"]
    view, warnings = svc.mark_sent(
        ctx,
        "demo",
        stored.id,
        sent_on=ctx.clock().date(),
        channel="e-mail",
        recipient="chenzq@ruifenglaser.com",
        actor="counsel",
    )
    assert view.sent_on == ctx.clock().date() and view.sent_channel == "e-mail"
    item = get_evidence(ctx, "demo", stored.evidence)
    assert [e["action"] for e in item.ledger] == ["evidence.added", "letter.sent"]
    assert item.ledger[1]["payload"]["channel"] == "e-mail"
    # With a case, the ladder records the lawyer's demand (which restarts limitation, Civil Code Art. 195).
    from disputedesk.services import cases

    case = cases.get_case(ctx, "demo", r.subject.case_number)
    assert view.ladder_step is not None, warnings
    assert case.steps[-1].step.value == "lawyer_demand"
    assert case.steps[-1].restarts_limitation
    with pytest.raises(ValueError, match="already marked sent"):
        svc.mark_sent(ctx, "demo", stored.id, sent_on=ctx.clock().date(), channel="e-mail", actor="counsel")


@pytest.mark.usefixtures("fresh_settings")
def test_cli_letter_render(demo, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from disputedesk.cli import app

    env = {
        "DISPUTEDESK_DATA_DIR": str(demo.settings.data_dir),
        "DISPUTEDESK_DATABASE_URL": demo.settings.resolved_database_url,
    }
    out = tmp_path / "complaint.pdf"
    r = CliRunner().invoke(
        app,
        [
            "letter",
            "render",
            "-",
            "formal-complaint",
            "--lang",
            "zh",
            "--format",
            "pdf",
            "--out",
            str(out),
            "-w",
            "demo",
        ],
        env=env,
    )
    assert r.exit_code == 0, r.output
    assert "used the workspace's first case" in r.output and "kept as E-" in r.output
    assert "正式投诉" in pdf_text(out.read_bytes())
    r = CliRunner().invoke(app, ["letter", "render", "CASE-1999-9", "demand", "--out", str(out), "-w", "demo"], env=env)
    assert r.exit_code == 2 and "CASE-1999-9" in r.output


def test_a_chinese_letter_names_the_machine_and_is_named_in_chinese(demo) -> None:
    """A Chinese letter writes the machine's serial number in words (序列号, not S/N) and lists machines
    with Chinese punctuation; its file is named by the letter's Chinese title, as its reader calls it.
    The English letter and its file name are unchanged; a pair of files names each in its language."""
    day = date(2026, 11, 2)
    zh = svc.render_letter(demo, "demo", None, "support-request", lang="zh", fmt="docx", letter_date=day)
    machine = R.docx_text(zh.data).split("合同项下的设备（", 1)[1].split("）现需", 1)[0]
    assert "序列号 " in machine and "S/N" not in machine and ", " not in machine, machine
    assert "_技术支持请求函_20261102" in zh.file_name and zh.file_name.endswith("_zh.docx"), zh.file_name
    assert "support-request" not in zh.file_name
    en = svc.render_letter(demo, "demo", None, "support-request", lang="en", fmt="docx", letter_date=day)
    assert " S/N " in R.docx_text(en.data) and "_support-request_20261102" in en.file_name
    pair = svc.render_letter(demo, "demo", None, "mediation", lang="both", fmt="docx", layout="pair", letter_date=day)
    with zipfile.ZipFile(io.BytesIO(pair.data)) as z:
        names = sorted(z.namelist())
    assert "_mediation_20261102" in names[0] and "_调解建议函_20261102" in names[1], names
    assert "_mediation_" in pair.file_name and pair.file_name.endswith("_en+zh.zip")
