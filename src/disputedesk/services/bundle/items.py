"""The bundle's items: which evidence a case or a selection takes in, and each item's title,
language, printout and translation."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...documents import channels
from ...documents.legal_zh import without_language
from ...domain.labels import evidence_label
from ...store.db import unit_of_work
from ...store.models import (
    Contract,
    Delivery,
    EvidenceItem,
    Message,
    Order,
    Payment,
    SupportRequest,
    Workspace,
)
from ...store.models_documents import EvidenceNote
from ..context import Context
from ..evidence import parse_label
from ..workspaces import get_workspace

CHUNK = 1024 * 1024
TEXT_LIMIT = 400_000  # characters of a printout / translation extract
VOLUME_ITEMS = 400  # printouts per volume (one PDF)
VOLUME_PAGES = 1500

# What an item of each kind usually proves (the user can override it per item).
PROVES: dict[str, tuple[str, str]] = {
    "correspondence": (
        "What was asked, promised, answered or left unanswered, and when",
        "双方往来通信的内容及时间：请求、承诺、答复或未答复的事实",
    ),
    "contract": (
        "The parties' obligations, including the support, warranty and dispute-resolution terms",
        "双方的合同义务，包括技术支持、质量保证及争议解决条款",
    ),
    "amendment": ("The agreed change to the contract and its date", "双方对合同的变更约定及其日期"),
    "delivery_note": ("Delivery and receipt of the goods, and the date", "货物交付、签收的事实及日期"),
    "invoice": ("The price invoiced", "发票所载价款"),
    "payment_proof": ("The buyer's payment: amount, date and payee", "买方已付款的事实：金额、日期及收款人"),
    "photo_video": ("The condition of the equipment as shown", "设备的实际状况"),
    "log_file": ("Faults and downtime of the equipment as recorded", "设备故障及停机的记录"),
    "generated_document": ("The notice given by the buyer and its content", "买方发出的通知及其内容"),
    "other": ("Supporting fact (to be described by counsel)", "辅助事实（待律师说明）"),
}
KIND_ZH = {
    "correspondence": "往来通信",
    "contract": "合同",
    "amendment": "合同变更",
    "delivery_note": "交货单",
    "invoice": "发票",
    "payment_proof": "付款凭证",
    "photo_video": "照片/视频",
    "log_file": "日志文件",
    "generated_document": "生成文件",
    "other": "其他",
}
TRANSLATION_MARK = "translation — not verified"
TRANSLATION_MARK_ZH = "译文——未经核实"


class BundleError(ValueError):
    """The bundle cannot be built as asked; the message names the case, item or file."""


@dataclass
class Item:
    id: int
    number: int
    sha256: str
    size: int
    media_type: str
    original_name: str
    kind: str
    source: str
    imported_by: str
    imported_at: datetime
    description: str | None
    document_date: datetime | None
    ledger_seq: int
    text: str | None
    title: str
    proves_en: str
    proves_zh: str
    translation_zh: str | None
    certified: str | None
    language: str | None
    headers: list[tuple[str, str]] = field(default_factory=list)
    original_path: str = ""
    printout_path: str | None = None
    translation_path: str | None = None
    pages: tuple[int, int] | None = None  # pages of its printout in volume ``volume``
    volume: int = 0
    page_count: int = 0  # pages of a PDF original

    @property
    def page_text(self) -> str:
        if self.pages:
            return f"vol. {self.volume} 第{self.volume}册 p. {self.pages[0]}–{self.pages[1]}"
        if self.page_count:
            return f"PDF {self.page_count} p. 共{self.page_count}页"
        return ""

    @property
    def label(self) -> str:
        return evidence_label(self.number)

    @property
    def when(self) -> datetime | None:
        return self.document_date


@dataclass
class BundleResult:
    path: Path
    bag_name: str
    items: int
    files: int
    payload_bytes: int
    ledger_head: tuple[int, str] | None
    manifest_sha256: str
    scope: str
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bag": self.bag_name,
            "items": self.items,
            "files": self.files,
            "payload_bytes": self.payload_bytes,
            "ledger_head": list(self.ledger_head) if self.ledger_head else None,
            "manifest_sha256": self.manifest_sha256,
            "scope": self.scope,
            "notes": self.notes,
        }


Progress = Callable[[str, int, int], None]


# -- choosing the items ----------------------------------------------------------------------


def _case_evidence(ctx: Context, workspace: str, case_ref: str) -> tuple[str, set[int], list[str], CaseScope]:
    """Evidence numbers that belong to a case (services.cases), and notes for the report."""
    try:
        from .. import cases as case_service
    except ImportError as exc:  # pragma: no cover - cases area not installed
        raise BundleError(f"case {case_ref!r}: cases are not available in this installation; use --all") from exc
    view = case_service.get_case(ctx, workspace, case_ref)
    labels: set[str] = set()
    labels.update(e["label"] for e in view.evidence if e.get("label"))
    for st in view.steps:
        labels.update(x for x in (st.proof, st.reply_evidence) if x)
    for h in view.heads:
        labels.update(h.head.evidence)
    for a in view.acknowledgements:
        if a.get("evidence"):
            labels.add(a["evidence"])
    for m in view.money:
        labels.update(m.evidence)
    # the evidence of the case's dated notes ("counsel instructed"), as a case share link sees it
    labels.update(str(n["evidence"]) for n in view.notes if isinstance(n, dict) and n.get("evidence"))
    numbers = {parse_label(x) for x in labels}
    notes: list[str] = []
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        # The contract, its amendments, payments and deliveries, and the mail of the case's requests.
        contract_ids: list[int] = []
        if view.contract and view.contract.get("id"):
            contract_ids.append(int(view.contract["id"]))
        else:
            from ...store.models import Case

            row = s.execute(select(Case).where(Case.workspace_id == ws.id, Case.id == view.id)).scalar_one()
            if row.contract_id:
                contract_ids.append(row.contract_id)
        if contract_ids:
            amend = s.execute(select(Contract.id).where(Contract.parent_id.in_(contract_ids))).scalars().all()
            contract_ids += list(amend)
            ev_ids = set(s.execute(select(Contract.evidence_id).where(Contract.id.in_(contract_ids))).scalars().all())
            order_ids = s.execute(select(Order.id).where(Order.contract_id.in_(contract_ids))).scalars().all()
            ev_ids |= set(
                s.execute(select(Payment.evidence_id).where(Payment.order_id.in_(order_ids or [-1]))).scalars().all()
            )
            ev_ids |= set(
                s.execute(select(Delivery.evidence_id).where(Delivery.order_id.in_(order_ids or [-1]))).scalars().all()
            )
            ev_ids.discard(None)
            numbers |= set(
                s.execute(select(EvidenceItem.number).where(EvidenceItem.id.in_(ev_ids or {-1}))).scalars().all()
            )
        sr_numbers = [sr.get("number") for sr in view.support_requests if isinstance(sr, dict)]
        sr_numbers += [sr for sr in view.support_requests if isinstance(sr, str)]
        if sr_numbers:
            sr_ids = (
                s.execute(
                    select(SupportRequest.id).where(
                        SupportRequest.workspace_id == ws.id, SupportRequest.number.in_(sr_numbers)
                    )
                )
                .scalars()
                .all()
            )
            msg_ev = (
                s.execute(
                    select(EvidenceItem.number)
                    .join(Message, Message.evidence_id == EvidenceItem.id)
                    .where(Message.workspace_id == ws.id, Message.support_request_id.in_(sr_ids or [-1]))
                )
                .scalars()
                .all()
            )
            numbers |= set(msg_ev)
    if not numbers:
        notes.append(f"case {view.number} has no evidence linked to it yet")
    scope = CaseScope(
        supplier_key=(view.supplier or {}).get("key"),
        events=[
            Event(
                st.sent_on,
                f"Ladder step {st.position}: {st.title} ({st.channel}, to {st.recipient})",
                f"升级步骤 {st.position}：{LADDER_ZH.get(st.step.value, st.title)}（{_channel_zh(st.channel)}）",
                st.proof or "",
            )
            for st in view.steps
        ],
    )
    return view.number, numbers, notes, scope


# The evidence list's words for an item without a language of its own, by its media type.
NO_LANGUAGE = {
    "image": "none (image) 无（图像）",
    "video": "none (video) 无（视频）",
    "audio": "none (sound) 无（录音）",
}


def _item_language(media_type: str, msg: Message | None, note: EvidenceNote | None, text: str | None) -> str | None:
    """A mail's recorded language, else the language of the item's text. A photo or a video has
    none of its own (words OCR found on a nameplate do not make it an English document) unless a
    translation was recorded for it (a photographed letter): then its text's."""
    if msg and msg.language:
        return msg.language
    if without_language(media_type) and not (note and (note.translation_zh or note.certified_translation_id)):
        return None
    return _language(text)


def _language(text: str | None) -> str | None:
    if not text:
        return None
    sample = text[:20000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    letters = sum(1 for ch in sample if ch.isalpha())
    if not letters:
        return None
    share = cjk / letters
    if share >= 0.5:
        return "zh"
    if share <= 0.02:
        return "en" if sum(1 for ch in sample if ch.isascii() and ch.isalpha()) > letters * 0.8 else "other"
    return "mixed"


def _title(item: EvidenceItem, subject: str | None, note: EvidenceNote | None) -> str:
    if note and note.title:
        return note.title
    if subject:
        return subject
    if item.description:
        first = re.split(r"(?<=[.。!?！？:：])\s", item.description.strip(), maxsplit=1)[0]
        return first[:160] + ("…" if len(first) > 160 else "")
    return item.original_name


MAIL_PARSE_LIMIT = 64 * 1024 * 1024


def _mail_printout(ctx: Context, sha256: str, size: int) -> tuple[list[tuple[str, str]], str | None]:
    """Headers (charset-repaired by the mail reader) and body text of a mail, for its printout."""
    if size > MAIL_PARSE_LIMIT:
        return [], None
    try:
        from ...ingest.mail.eml import parse_eml

        with ctx.blobs.open(sha256) as f:
            msg = parse_eml(f.read())
    except Exception:  # noqa: BLE001 - the printout falls back to the stored text; the original is in the bundle
        return [], None
    headers = [
        ("From", str(msg.from_) if msg.from_ else ""),
        ("To", ", ".join(str(a) for a in msg.to)),
        ("Cc", ", ".join(str(a) for a in msg.cc)),
        ("Date", msg.date.strftime("%Y-%m-%d %H:%M UTC") if msg.date else ""),
        ("Subject", msg.subject),
    ]
    names = [a.filename for a in msg.attachments if getattr(a, "filename", None)]
    if names:
        headers.append(("Attachments", ", ".join(str(n) for n in names)))
    return [(k, v) for k, v in headers if v], (msg.text_body or msg.html_text or None)


def _load_items(ws: Workspace, s, numbers: set[int] | None, head_seq: int) -> list[Item]:  # type: ignore[no-untyped-def]
    q = select(EvidenceItem).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.ledger_seq <= head_seq)
    if numbers is not None:
        q = q.where(EvidenceItem.number.in_(sorted(numbers) or [-1]))
    rows = list(s.execute(q.order_by(EvidenceItem.number)).scalars())
    ids = [r.id for r in rows]
    notes: dict[int, EvidenceNote] = {}
    msgs: dict[int, Message] = {}
    certified_numbers: dict[int, int] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        for n in s.execute(select(EvidenceNote).where(EvidenceNote.evidence_id.in_(chunk))).scalars():
            notes[n.evidence_id] = n
        for m in s.execute(select(Message).where(Message.evidence_id.in_(chunk))).scalars():
            msgs.setdefault(m.evidence_id, m)
    cert_ids = {n.certified_translation_id for n in notes.values() if n.certified_translation_id}
    if cert_ids:
        certified_numbers = dict(
            s.execute(select(EvidenceItem.id, EvidenceItem.number).where(EvidenceItem.id.in_(cert_ids))).all()
        )
    items: list[Item] = []
    for r in rows:
        note = notes.get(r.id)
        msg = msgs.get(r.id)
        text = (msg.text if msg and msg.text else None) or r.text
        proves_en, proves_zh = PROVES.get(r.kind, PROVES["other"])
        cert = None
        if note and note.certified_translation_id:
            cert = evidence_label(certified_numbers.get(note.certified_translation_id, 0))
        items.append(
            Item(
                id=r.id,
                number=r.number,
                sha256=r.sha256,
                size=r.size,
                media_type=r.media_type,
                original_name=r.original_name,
                kind=r.kind,
                source=r.source,
                imported_by=r.imported_by,
                imported_at=r.imported_at,
                description=r.description,
                document_date=r.document_date or (msg.sent_at if msg else None),
                ledger_seq=r.ledger_seq,
                text=text,
                title=_title(r, msg.subject if msg else None, note),
                proves_en=(note.proves_en if note and note.proves_en else proves_en),
                proves_zh=(note.proves_zh if note and note.proves_zh else proves_zh),
                translation_zh=note.translation_zh if note else None,
                certified=cert,
                language=_item_language(r.media_type, msg, note, text),
            )
        )
    return items


@dataclass
class Event:
    when: date | datetime
    en: str
    zh: str
    evidence: str = ""


@dataclass
class CaseScope:
    supplier_key: str | None
    events: list[Event]


def _channel_zh(channel: str) -> str:
    """A way of sending typed as a known word ("email", "快递") in Chinese, the rest as typed (in full-width
    brackets: 快递（EMS）); anything else as typed."""
    from ...documents.catalogue import translations

    word, rest = channels.shown(channel or "", "zh", translations("zh").gettext)
    return rest if word is None else word + rest


LADDER_ZH = {
    "support_request": "技术支持请求",
    "platform_dispute": "平台纠纷",
    "formal_complaint": "正式投诉（催告）",
    "senior_management": "致管理层升级",
    "lawyer_demand": "律师函",
    "mediation": "调解",
    "arbitration": "仲裁申请",
    "litigation": "诉讼",
}
