"""The demo dispute's source files are consistent, parse with standard tools and tell one story.

These tests read the committed files in src/disputedesk/demo/data (what `disputedesk demo` loads);
the last one rebuilds them with scripts/build_demo.py and checks the committed files are exactly
what the generator writes (skipped where the generator's own dependencies are missing).
"""

from __future__ import annotations

import email
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from datetime import datetime
from decimal import Decimal
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from stdnum.cn import uscc

import disputedesk.demo

DATA = Path(disputedesk.demo.__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[3]
KINDS = {
    "correspondence",
    "contract",
    "amendment",
    "delivery_note",
    "invoice",
    "payment_proof",
    "photo_video",
    "log_file",
    "other",
}
CJK = re.compile(r"[\u4e00-\u9fff]")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def dispute() -> dict:
    return json.loads((DATA / "dispute.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mails() -> dict[str, EmailMessage]:
    out = {}
    for path in sorted((DATA / "mail").glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(msg, EmailMessage)
        out[f"mail/{path.name}"] = msg
    return out


def data_files() -> list[str]:
    return sorted(
        p.relative_to(DATA).as_posix()
        for p in DATA.rglob("*")
        if p.is_file() and p.name not in ("dispute.json", "README.md")
    )


def subject_of(path: str) -> str:
    """The subject as a user should see it, also when the server sent raw 8-bit GBK."""
    raw = (DATA / path).read_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0]
    m = re.search(rb"^Subject:(.*(?:\r\n[ \t].*)*)", head, re.M)
    assert m, f"{path}: no Subject"
    value = m.group(1)
    if any(b > 127 for b in value):  # raw 8-bit header: Chinese servers send GBK bytes
        return value.decode("gb18030").replace("\r\n", "").strip()
    return str(email.message_from_bytes(raw, policy=policy.default)["subject"])


# --- files and references ---------------------------------------------------------------------


def test_every_file_is_listed_once_as_evidence_with_a_known_kind(dispute: dict) -> None:
    listed = [e["path"] for e in dispute["evidence"]]
    dupes = [p for p, n in Counter(listed).items() if n > 1]
    assert not dupes, f"listed more than once: {dupes}"
    assert sorted(listed) == data_files(), "evidence list and files under data/ differ"
    for e in dispute["evidence"]:
        assert e["kind"] in KINDS, e
        assert e["description"].strip(), e
        if e["path"].startswith("mail/"):
            assert e["kind"] == "correspondence", e


def test_every_document_and_message_reference_points_to_listed_evidence(dispute: dict) -> None:
    listed = {e["path"] for e in dispute["evidence"]}
    refs: list[str] = []
    for c in dispute["contracts"]:
        refs.append(c["document"])
        refs += [a["document"] for a in c["amendments"]]
    refs += [p["document"] for p in dispute["payments"]]
    refs += [d["document"] for d in dispute["deliveries"]]
    for sr in dispute["support_requests"]:
        refs += sr["messages"]
    for step in dispute["case"]["ladder"]:
        refs.append(step["evidence"])
    for claim in dispute["case"]["claims"]:
        refs += claim["evidence"]
    for s in dispute["suppliers"]:
        refs += [s["registry_evidence"]] if s.get("registry_evidence") else []
        refs += [d["evidence"] for d in s.get("due_diligence", []) if d["evidence"]]
    missing = sorted(set(refs) - listed)
    assert not missing, f"referenced but not in evidence: {missing}"
    for r in refs:
        assert (DATA / r).is_file(), r


def test_cross_references_between_records_resolve(dispute: dict) -> None:
    suppliers = {s["key"] for s in dispute["suppliers"]}
    contracts = {c["key"]: c for c in dispute["contracts"]}
    orders = {o["key"]: o for o in dispute["orders"]}
    serials = {u["serial"] for d in dispute["deliveries"] for u in d["units"]}
    assert {c["supplier"] for c in contracts.values()} <= suppliers
    assert {o["contract"] for o in orders.values()} <= set(contracts)
    assert {p["order"] for p in dispute["payments"]} <= set(orders)
    assert {d["order"] for d in dispute["deliveries"]} <= set(orders)
    for sr in dispute["support_requests"]:
        assert sr["supplier"] in suppliers
        assert sr["unit_serial"] in serials
        assert sr["severity"] in {"critical", "high", "normal", "low"}
    ruifeng = contracts["rf-contract"]
    assert ruifeng["warranty_months"] == 24
    assert len(ruifeng["amendments"]) == 1
    # two fibre lasers with serial numbers, and a second supplier with its own record
    assert {"RF3015G6-2512-0087", "RF3015G6-2512-0088"} <= serials
    assert len(suppliers) == 2


def test_payments_are_exact_and_add_up_to_the_contract_price(dispute: dict) -> None:
    for record in [*dispute["orders"], *dispute["payments"], *dispute["case"]["claims"]]:
        amount = record["amount"]
        assert isinstance(amount, str) and re.fullmatch(r"\d+\.\d{2}", amount), record
        assert record["currency"] in {"EUR", "USD", "CNY"}
    paid = sum(Decimal(p["amount"]) for p in dispute["payments"] if p["order"] == "rf-order")
    contract = next(c for c in dispute["contracts"] if c["key"] == "rf-contract")
    assert paid == Decimal(contract["total"]) == Decimal("297000.00")
    deposit = next(p for p in dispute["payments"] if "deposit" in p["purpose"])
    assert Decimal(deposit["amount"]) == Decimal(contract["total"]) * Decimal("0.30")
    for p in dispute["payments"]:
        assert p["method"] == "T/T"


def test_supplier_registration_codes_are_valid(dispute: dict) -> None:
    for s in dispute["suppliers"]:
        assert uscc.is_valid(s["uscc"]), s["uscc"]
        assert len(s["uscc"]) == 18
        assert CJK.search(s["name_zh"]) and CJK.search(s["address_zh"])
        assert s["registered_capital"]["currency"] == "CNY"
        Decimal(s["registered_capital"]["amount"])
        assert s["business_type"] in {"factory", "trading"}
        levels = {c["level"] for c in s["contacts"]}
        assert {"support_engineer", "general_manager"} <= levels
    # one wrong character is caught: the codes are not just 18 random characters
    code = dispute["suppliers"][0]["uscc"]
    assert not uscc.is_valid(code[:-1] + ("0" if code[-1] != "0" else "1"))


# --- the mail --------------------------------------------------------------------------------------


def test_between_30_and_60_messages_that_parse_with_the_standard_library(mails: dict) -> None:
    assert 30 <= len(mails) <= 60
    for path, msg in mails.items():
        assert not msg.defects, (path, msg.defects)
        assert msg["Message-ID"], path
        assert msg["From"] and msg["To"], path
        body = msg.get_body(preferencelist=("plain",))
        assert body is not None, path


def test_chinese_subjects_and_file_names_decode(dispute: dict) -> None:
    subjects = {p: subject_of(p) for p in sorted(str(f.relative_to(DATA)) for f in (DATA / "mail").glob("*.eml"))}
    for path, subject in subjects.items():
        assert "\ufffd" not in subject and "=?" not in subject, (path, subject)
    chinese = [s for s in subjects.values() if CJK.search(s)]
    assert len(chinese) >= 15
    raw = dispute["expectations"]["raw_8bit_subject"][0]
    assert subjects[raw].startswith("回复: URGENT")
    names = []
    for path in dispute["expectations"]["rfc2231_filenames"] + dispute["expectations"]["rfc2047_filenames"]:
        msg = email.message_from_bytes((DATA / path).read_bytes(), policy=policy.default)
        names += [part.get_filename() for part in msg.iter_attachments()]
    assert "RF-F3015操作说明书（节选）.pdf" in names
    assert "RF-CNC_V3.3.0_更新说明.txt" in names
    assert "锐锋售后服务条款2026版_v2.0.docx" in names


def test_bodies_in_legacy_chinese_charsets_decode_once_the_label_is_repaired(dispute: dict, mails: dict) -> None:
    charsets: Counter[str | None] = Counter()
    for msg in mails.values():
        for part in msg.walk():
            if part.get_content_maintype() == "text" and not part.is_attachment():
                charsets[part.get_content_charset()] += 1
    assert {"utf-8", "gbk", "gb18030", "gb2312", "big5"} <= set(charsets)

    # labelled gb2312, really GBK: strict gb2312 fails, gb18030 (a superset) gives the name right
    mislabelled = mails[dispute["expectations"]["charset_mislabelled_gb2312_is_gbk"][0]]
    part = mislabelled.get_body(preferencelist=("plain",))
    assert part.get_content_charset() == "gb2312"
    payload = part.get_payload(decode=True)
    with pytest.raises(UnicodeDecodeError):
        payload.decode("gb2312")
    assert "赵喆" in payload.decode("gb18030")

    gb18030 = mails[dispute["expectations"]["charset_gb18030"][0]]
    text = gb18030.get_body(preferencelist=("plain",)).get_content()
    assert "€2,350.00" in text and "陈志强" in text
    with pytest.raises(UnicodeDecodeError):  # the euro sign as GB18030 bytes is not GBK
        gb18030.get_body(preferencelist=("plain",)).get_payload(decode=True).decode("gbk")


def test_dates_are_tz_aware_in_the_senders_zone_and_threads_run_forward(mails: dict) -> None:
    by_id: dict[str, tuple[str, datetime]] = {}
    for path, msg in mails.items():
        sent = parsedate_to_datetime(msg["Date"])
        assert sent.tzinfo is not None, path
        sender = msg["From"].addresses[0].domain
        offset = sent.utcoffset()
        if sender.endswith(".de"):  # the buyer: Berlin time, with summer time where it applies
            assert offset == sent.astimezone(BERLIN).utcoffset(), path
        else:
            assert offset is not None and offset.total_seconds() == 8 * 3600, path
        by_id[msg["Message-ID"]] = (path, sent)
        for received in msg.get_all("Received") or []:
            when = parsedate_to_datetime(received.rsplit(";", 1)[1].split("(")[0].strip())
            assert abs((when - sent).total_seconds()) < 120, (path, received)
    offsets = {parsedate_to_datetime(m["Date"]).strftime("%z") for m in mails.values()}
    assert offsets == {"+0100", "+0200", "+0800"}
    threaded = 0
    for path, msg in mails.items():
        parent = msg["In-Reply-To"]
        if parent:
            assert parent in by_id, f"{path}: parent {parent} not in the demo"
            assert by_id[parent][1] <= by_id[msg["Message-ID"]][1], f"{path} is older than its parent"
            refs = msg["References"].split()
            assert refs[-1] == parent and all(r in by_id for r in refs), path
            threaded += 1
    assert threaded >= 30


def test_support_requests_start_with_their_first_message_and_run_in_order(dispute: dict, mails: dict) -> None:
    for sr in dispute["support_requests"]:
        opened = datetime.fromisoformat(sr["opened_at"])
        assert opened.tzinfo is not None
        dates = [parsedate_to_datetime(mails[p]["Date"]) for p in sr["messages"]]
        assert dates == sorted(dates), sr["key"]
        assert dates[0] == opened, sr["key"]


def test_the_story_has_auto_replies_acknowledgements_and_a_payment_fraud(dispute: dict, mails: dict) -> None:
    exp = dispute["expectations"]
    for path in exp["auto_replies"]:
        assert mails[path]["Auto-Submitted"] == "auto-replied"
    assert any("自动回复" in subject_of(p) for p in exp["auto_replies"])
    assert sum(1 for m in mails.values() if m["Auto-Submitted"]) == len(exp["auto_replies"])
    for path in exp["acknowledgement_only"]:
        text = mails[path].get_body(preferencelist=("plain",)).get_content()
        own = text.split("------------------ 原始邮件")[0]
        assert len(own.strip()) < 400 and re.search(r"收到|Received|已收到", own), path

    fraud_path = exp["bank_change_requests"][0]
    fraud = mails[fraud_path]
    ruifeng = dispute["suppliers"][0]
    sender_domain = fraud["From"].addresses[0].domain
    assert sender_domain not in ruifeng["email_domains"]
    assert sender_domain.replace("ss", "s") in ruifeng["email_domains"]  # a lookalike, one letter off
    text = fraud.get_body(preferencelist=("plain",)).get_content()
    assert "变更收款账户" in subject_of(fraud_path)
    assert ruifeng["bank_account"]["account"] not in text
    assert ruifeng["bank_account"]["beneficiary"] not in text  # beneficiary is not the legal name
    assert fraud["In-Reply-To"] in {m["Message-ID"] for m in mails.values()}  # hijacked thread

    assert fraud.get_body(preferencelist=("plain",)).get_content_charset() == "big5"
    assert "新帳戶" in text and "黃麗" in text  # traditional characters from a "Shenzhen" company
    html = fraud.get_body(preferencelist=("html",)).get_content()
    assert re.search(r'<img src="https?://', html)  # remote content a viewer must not load

    forwarded = mails[exp["forwarded_as_attachment"][0]]
    inner = [p for p in forwarded.walk() if p.get_content_type() == "message/rfc822"]
    assert inner and inner[0].get_payload(0)["Message-ID"] == fraud["Message-ID"]

    terms = mails[exp["unilateral_terms_change"][0]]
    assert "1,800" in terms.get_body(preferencelist=("plain",)).get_payload(decode=True).decode("gb18030")


def test_attachments_are_real_files_of_their_type(mails: dict) -> None:
    magic = {
        "application/pdf": b"%PDF-",
        "image/jpeg": b"\xff\xd8\xff",
        "image/png": b"\x89PNG\r\n\x1a\n",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": b"PK\x03\x04",
    }
    seen: Counter[str] = Counter()
    for path, msg in mails.items():
        for part in msg.iter_attachments():
            ctype = part.get_content_type()
            seen[ctype] += 1
            data = part.get_payload(decode=True) if ctype != "message/rfc822" else b""
            if ctype in magic:
                assert data.startswith(magic[ctype]), (path, part.get_filename())
    assert seen["application/pdf"] >= 4 and seen["image/jpeg"] >= 1 and seen["image/png"] >= 1
    assert seen["text/plain"] >= 2 and seen["message/rfc822"] == 1


def test_the_service_terms_attachment_is_byte_identical_to_the_document(dispute: dict, mails: dict) -> None:
    dup = dispute["expectations"]["duplicate_bytes"][0]
    msg = mails[dup["attached_to"]]
    attached = [p.get_payload(decode=True) for p in msg.iter_attachments() if p.get_filename().endswith(".docx")]
    assert attached == [(DATA / dup["file"]).read_bytes()]


# --- documents --------------------------------------------------------------------------------------


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def test_contract_pdf_text_holds_the_vague_support_clause_in_both_languages(dispute: dict) -> None:
    contract = next(c for c in dispute["contracts"] if c["key"] == "rf-contract")
    path = DATA / contract["document"]
    texts = [pdf_text(path)]
    if shutil.which("pdftotext"):
        texts.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout)
    for text in texts:
        flat = re.sub(r"\s+", " ", text)
        assert "Seller shall provide timely technical support." in flat
        assert "卖方应及时提供技术支持。" in flat.replace(" ", "")
        assert "24 months from the date of delivery" in flat
        assert "arbitration in Shenzhen" in flat
        assert dispute["suppliers"][0]["uscc"] in flat
        assert dispute["suppliers"][0]["name_zh"] in flat.replace(" ", "")
    amendment = re.sub(r"\s+", " ", pdf_text(DATA / contract["amendments"][0]["document"]))
    assert "within 24 hours" in amendment and "24小时内" in amendment.replace(" ", "")


def test_every_pdf_has_an_extractable_text_layer() -> None:
    for path in sorted((DATA / "documents").glob("*.pdf")):
        text = pdf_text(path)
        assert len(text) > 200 and "\x00" not in text, path.name


def test_docx_and_xlsx_open() -> None:
    import docx

    terms = docx.Document(str(DATA / "documents" / "Ruifeng_service-terms_2026_v2.0.docx"))
    full = "\n".join(p.text for p in terms.paragraphs)
    assert "远程服务计划" in full and "Remote Service Plan" in full
    with zipfile.ZipFile(DATA / "documents" / "downtime-log_2026.xlsx") as z:
        sheet = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml"))
        assert "RF3015G6-2512-0087" in sheet and "2026-03-27T15:05:00+01:00" in sheet


def test_photo_carries_its_capture_time(dispute: dict) -> None:
    photo = next(e["path"] for e in dispute["evidence"] if e["kind"] == "photo_video")
    data = (DATA / photo).read_bytes()
    assert data.startswith(b"\xff\xd8\xff") and b"Exif" in data[:64]
    assert b"2026:02:27 10:14:03" in data and b"+01:00" in data


def test_readme_tells_the_story_and_names_every_file(dispute: dict) -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "## The story" in readme and "## Timeline" in readme and "## The cast" in readme
    for e in dispute["evidence"]:
        assert Path(e["path"]).name in readme, e["path"]


def test_the_data_folder_stays_small() -> None:
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert total < 3_000_000


# --- reproducibility ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_generator_rebuilds_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    for module in ("fpdf", "openpyxl", "PIL", "fontTools"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"generator dependency {module} not installed (pip install fpdf2 openpyxl)")
    if not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists():
        pytest.skip("Noto CJK font not installed (Debian fonts-noto-cjk)")
    out = tmp_path / "data"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_demo.py"), "--out", str(out)], check=True, capture_output=True
    )
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file())
    assert built == committed
    changed = [p for p in built if (out / p).read_bytes() != (DATA / p).read_bytes()]
    assert not changed, f"committed files differ from the generator's output (rebuild them): {changed}"


def test_the_timeline_runs_into_the_suppliers_holidays(dispute: dict, mails: dict) -> None:
    """The demo exercises the Chinese calendar: requests sent after hours and on the eve of
    statutory holidays, answers on the first working day after them, a make-up working day."""
    from disputedesk.domain.officialcal import get_calendar

    cn = get_calendar("cn")
    shanghai = ZoneInfo("Asia/Shanghai")

    def sent(key: str) -> datetime:
        path = next(p for p in mails if p.endswith(f"_{key}.eml"))
        return parsedate_to_datetime(mails[path]["Date"]).astimezone(shanghai)

    # Friday evening in Germany is Friday night in Shenzhen: the clock starts on Monday
    assert sent("sr-e207").strftime("%a %H:%M") == "Fri 23:40"
    assert sent("sr-e207-ack").strftime("%a") == "Mon"
    # a chaser sent on 30 April in Berlin arrives on Labour Day; the auto-reply names the make-up day
    assert sent("sr-e207-chase2").astimezone(BERLIN).day == 30
    assert cn.day(sent("sr-e207-chase2").date()).reason == "statutory_holiday"
    assert cn.day(datetime(2026, 5, 9).date()).reason == "makeup_workday"
    # the supplier's answer after Qingming (4-6 April) comes on the first working day
    assert cn.day(sent("sr-e207-sensor").date()).working
    assert not cn.day(datetime(2026, 4, 6).date()).working
    # reopened on the eve of the Dragon Boat Festival, acknowledged on the next working day
    assert not cn.day(sent("sr-e207-reopen").date().replace(day=19)).working
    assert sent("sr-e207-reopen-ack").date().isoformat() == "2026-06-22"
    # laser 2 stops on the eve of National Day; the first answer comes on 8 October
    assert all(not cn.day(datetime(2026, 10, d).date()).working for d in range(1, 8))
    assert sent("sr-e311-re").date().isoformat() == "2026-10-08"
    assert cn.day(sent("sr-e311-re").date()).working
    # and the dated ladder of the case stays in order
    ladder = [step["date"] for step in dispute["case"]["ladder"]]
    assert ladder == sorted(ladder)


def test_whatsapp_export_follows_the_android_german_layout(dispute: dict) -> None:
    chat = dispute["expectations"]["chat_exports"][0]
    lines = (DATA / chat["path"]).read_text(encoding="utf-8").splitlines()
    pattern = re.compile(r"^(\d{2})\.(\d{2})\.(\d{2}), (\d{2}):(\d{2}) - (?:([^:]+): )?(.+)$")
    stamps = []
    senders: Counter[str] = Counter()
    for line in lines:
        m = pattern.match(line)
        assert m, line
        day, month, year, hour, minute = (int(g) for g in m.groups()[:5])
        stamps.append(datetime(2000 + year, month, day, hour, minute, tzinfo=ZoneInfo(chat["timezone"])))
        if m.group(6):
            senders[m.group(6)] += 1
    assert stamps == sorted(stamps)
    assert sum(senders.values()) == chat["messages"]
    assert set(senders) == {"Jonas Reuter", "Kevin Liu"}
    assert any("👍" in line for line in lines) and any("<Medien ausgeschlossen>" in line for line in lines)


def test_deadline_facts_have_the_fields_the_deadline_command_expects(dispute: dict) -> None:
    facts = dispute["case"]["deadline_facts"]
    assert set(facts) == {
        "governing_law",
        "contract_type",
        "cisg_applies",
        "received_on",
        "inspection_period_days",
        "warranty_months",
        "warranty_starts_on",
        "knowledge_on",
        "demands",
        "acknowledgements",
        "award_performance_deadline",
    }
    delivery = next(d for d in dispute["deliveries"] if d["order"] == "rf-order")
    assert facts["received_on"] == delivery["delivered_on"]
    ladder = {step["step"]: step["date"] for step in dispute["case"]["ladder"]}
    assert facts["demands"] == [ladder["formal_complaint"], ladder["escalation_senior_management"]]
    assert facts["acknowledgements"] == [a["date"] for a in dispute["case"]["acknowledgements"]]


def test_the_second_supplier_answers_faster_than_the_first(dispute: dict, mails: dict) -> None:
    """What a scorecard should show: Hengtuo's first responses come within hours, Ruifeng's in days."""

    def first_response_hours(sr: dict) -> float:
        supplier = next(s for s in dispute["suppliers"] if s["key"] == sr["supplier"])
        opened = datetime.fromisoformat(sr["opened_at"])
        for path in sr["messages"]:
            msg = mails[path]
            if msg["From"].addresses[0].domain in supplier["email_domains"] and not msg["Auto-Submitted"]:
                return (parsedate_to_datetime(msg["Date"]) - opened).total_seconds() / 3600
        return float("inf")

    by_supplier: dict[str, list[float]] = {}
    for sr in dispute["support_requests"]:
        by_supplier.setdefault(sr["supplier"], []).append(first_response_hours(sr))
    assert max(by_supplier["hengtuo"]) < 8
    assert min(by_supplier["ruifeng"]) > 24
