"""The evidence bundle: one ZIP for counsel or a tribunal that anyone can check offline.

A BagIt bag (RFC 8493, the Library of Congress format) inside a ZIP::

    <bag>/bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
    <bag>/tools/verify_bundle.py, tools/archives.py      the stand-alone verifier (stdlib only;
    <bag>/tools/timestamp_token.py                        checks timestamp tokens with rfc3161-client)
    <bag>/data/README.txt                                 how to check the bundle (EN + 中文)
    <bag>/data/evidence-list/evidence-list.csv|.pdf       证据目录: number, title, date, source,
                                                          what it proves, pages, translation
    <bag>/data/chronology/chronology.csv|.pdf             the case in date order
    <bag>/data/items/E-0007/original/<file name>          the original bytes
    <bag>/data/printouts/printouts-001.pdf               printouts of the correspondence, in
                                                          volumes; every page carries the item
                                                          number and its SHA-256
    <bag>/data/items/E-0007/translation.zh.txt            foreign-language items: "not verified"
    <bag>/data/items.json                                 the item manifest (hashes, paths, pages)
    <bag>/data/ledger/entries.jsonl                       every ledger entry about these items
    <bag>/data/ledger/chain.jsonl                         seq, prev and hash of every entry up to
                                                          the head, so the entries' place in the
                                                          chain can be checked
    <bag>/data/ledger/timestamps/ts-000123.tsr, .head.txt the chain's trusted timestamps (RFC 3161),
                                                          also in entries.jsonl; README.txt there
                                                          gives the OpenSSL commands

Written as a stream (1 MiB chunks; originals stored uncompressed, ZIP_STORED) into a temporary
name beside the target, and renamed only when complete: an interrupted export leaves no file
under the final name. ``disputedesk.documents.bundle_verify`` checks it.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import hashlib
import io
import json
import os
import re
import tempfile
import unicodedata
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import select

from .. import __version__
from ..documents import pdf as pdfs
from ..documents.timestamp_token import TIMESTAMP_ACTION, head_message
from ..store.db import lock_workspace, unit_of_work
from ..store.ledger import LedgerWriter, iter_entries
from ..store.models import (
    Contract,
    Delivery,
    EvidenceItem,
    LedgerEntry,
    Message,
    Order,
    Organization,
    Payment,
    SupportRequest,
    Workspace,
)
from ..store.models_documents import BundleExport, EvidenceNote
from .context import Context
from .evidence import parse_label
from .workspaces import get_workspace

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
        return f"E-{self.number:04d}"

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
        from . import cases as case_service
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
            from ..store.models import Case

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
                f"升级步骤 {st.position}：{LADDER_ZH.get(st.step.value, st.title)}（{st.channel}）",
                st.proof or "",
            )
            for st in view.steps
        ],
    )
    return view.number, numbers, notes, scope


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
        from ..ingest.mail.eml import parse_eml

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
            cert = f"E-{certified_numbers.get(note.certified_translation_id, 0):04d}"
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
                language=(msg.language if msg and msg.language else None) or _language(text),
            )
        )
    return items


# -- writing the bag --------------------------------------------------------------------------


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|%]')


def safe_name(name: str, fallback: str = "original") -> str:
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("_", name).strip().lstrip(".")
    if len(name.encode()) > 150:
        stem, dot, ext = name.rpartition(".")
        ext = ext if dot and len(ext) <= 12 else ""
        base = (stem if dot else name).encode()[: 140 - len(ext)].decode("utf-8", "ignore")
        name = f"{base}.{ext}" if ext else base
    return name or fallback


class BagZip:
    """A BagIt bag written straight into a ZIP, hashing every file as it is written."""

    def __init__(self, out: BinaryIO, root: str, when: datetime) -> None:
        self.zf = zipfile.ZipFile(out, "w", allowZip64=True)
        self.root = root.rstrip("/") + "/"
        self.when = when.astimezone(UTC).timetuple()[:6]
        self.payload: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.payload_bytes = 0
        self._buf = bytearray(CHUNK)

    def _info(self, rel: str, compress: bool, size: int | None) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(self.root + rel, date_time=self.when)  # type: ignore[arg-type]
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o100644 << 16
        if size is not None:
            info.file_size = size
        return info

    def _record(self, rel: str, digest: str, size: int, tag: bool) -> None:
        if tag:
            self.tags[rel] = digest
        else:
            if rel in self.payload:
                raise BundleError(f"{rel}: written twice")
            self.payload[rel] = digest
            self.payload_bytes += size

    def write_stream(self, rel: str, src: BinaryIO, *, size: int | None = None, tag: bool = False) -> tuple[str, int]:
        h = hashlib.sha256()
        n = 0
        view = memoryview(self._buf)
        with self.zf.open(self._info(rel, False, size), "w", force_zip64=size is None) as dst:
            while True:
                got = src.readinto(view)  # type: ignore[attr-defined]
                if not got:
                    break
                chunk = view[:got]
                h.update(chunk)
                dst.write(chunk)
                n += got
        digest = h.hexdigest()
        self._record(rel, digest, n, tag)
        return digest, n

    def write_bytes(self, rel: str, data: bytes, *, tag: bool = False, compress: bool = True) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self.zf.writestr(self._info(rel, compress and len(data) > 512, None), data)
        self._record(rel, digest, len(data), tag)
        return digest

    def close(self) -> None:
        self.zf.close()


def _manifest(entries: dict[str, str]) -> bytes:
    return "".join(f"{d}  {p}\n" for p, d in sorted(entries.items())).encode("utf-8")


# -- the export --------------------------------------------------------------------------------


def export_bundle(
    ctx: Context,
    workspace: str,
    out: Path,
    *,
    case: str | None = None,
    labels: Iterable[str] | None = None,
    all_items: bool = False,
    actor: str,
    progress: Progress | None = None,
) -> BundleResult:
    """Build the bundle at ``out`` (atomically). Exactly one of ``case``, ``labels``, ``all_items``."""
    chosen = [x for x in (case, labels, all_items or None) if x]
    if len(chosen) != 1:
        raise BundleError("choose one: a case, a selection of evidence numbers, or all evidence (--all)")
    out = Path(out)
    if out.is_dir():
        raise BundleError(f"--out {out}: is a folder; give a file name such as bundle.zip")
    if not out.parent.exists():
        raise BundleError(f"--out {out}: folder {out.parent} does not exist")
    notes: list[str] = []
    numbers: set[int] | None = None
    scope = "all"
    case_scope: CaseScope | None = None
    if case:
        scope, numbers, more, case_scope = _case_evidence(ctx, workspace, case)
        notes += more
    elif labels:
        numbers = {parse_label(x) for x in labels}
        scope = "selection"
    _stamp_before_export(ctx, workspace, actor, notes)
    now = ctx.clock()
    fonts = pdfs.Fonts.find()
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        head = s.execute(
            select(LedgerEntry.seq, LedgerEntry.hash)
            .where(LedgerEntry.workspace_id == ws.id)
            .order_by(LedgerEntry.seq.desc())
            .limit(1)
        ).first()
        head_seq = head[0] if head else 0
        items = _load_items(ws, s, numbers, head_seq)
        if numbers is not None:
            found = {i.number for i in items}
            missing = sorted(numbers - found)
            if missing and scope == "selection":
                raise BundleError(f"evidence {', '.join(f'E-{n:04d}' for n in missing)} does not exist")
        workspace_name = ws.name
        buyer = s.execute(
            select(Organization.name_en).where(Organization.workspace_id == ws.id, Organization.role == "buyer")
        ).scalar()
        chrono_records = _record_events(s, ws, case_scope) if (scope == "all" or case_scope) else []
    bag_name = safe_name(f"DisputeDesk-bundle-{workspace}-{scope}-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}")
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    total = len(items)
    report: Progress = progress or (lambda *_: None)
    bag: BagZip | None = None
    try:
        with open(tmp, "wb") as fh:
            bag = BagZip(fh, bag_name, now)
            volume: pdfs.PrintoutVolume | None = None
            volumes = 0

            def close_volume() -> None:
                nonlocal volume
                if volume is not None:
                    buf = io.BytesIO()
                    volume.output(buf)
                    bag.write_bytes(f"data/printouts/printouts-{volumes:03d}.pdf", buf.getvalue(), compress=False)
                    volume = None

            for n, it in enumerate(items, 1):
                base = f"data/items/{it.label}"
                it.original_path = f"{base}/original/{safe_name(it.original_name, it.label)}"
                with ctx.blobs.open(it.sha256) as src:
                    digest, size = bag.write_stream(it.original_path, src, size=it.size)
                if digest != it.sha256:
                    raise BundleError(
                        f"{it.label}: the stored original no longer has its SHA-256 (vault damaged); "
                        "run `disputedesk verify`"
                    )
                if it.kind == "correspondence":
                    body = it.text
                    if it.media_type == "message/rfc822":
                        it.headers, mail_body = _mail_printout(ctx, it.sha256, it.size)
                        body = mail_body or body
                    if volume is None or volume.items >= VOLUME_ITEMS or volume.pages >= VOLUME_PAGES:
                        close_volume()
                        volumes += 1
                        volume = pdfs.PrintoutVolume(fonts, f"Printouts 打印件 · volume 第 {volumes} 册")
                    it.pages = volume.add(
                        label=it.label,
                        sha256=it.sha256,
                        headers=it.headers or [("File", it.original_name)],
                        body=(body or "")[:TEXT_LIMIT],
                    )
                    it.printout_path = f"data/printouts/printouts-{volumes:03d}.pdf"
                    it.volume = volumes
                elif it.media_type == "application/pdf":
                    it.page_count = _pdf_pages(ctx, it.sha256)
                if it.language in ("en", "other", "mixed") and it.text:
                    it.translation_path = f"{base}/translation.zh.txt"
                    bag.write_bytes(it.translation_path, _translation_text(it).encode("utf-8"))
                report("items", n, total)
            close_volume()
            report("ledger", 0, total)
            ledger_head, entries_n = _write_ledger(ctx, workspace, bag, {i.sha256 for i in items}, head_seq)
            bag.write_bytes("data/items.json", _items_json(items, workspace, scope, ledger_head).encode("utf-8"))
            report("lists", 0, total)
            _write_lists(bag, items, fonts, scope, workspace_name, buyer, chrono_records, now)
            bag.write_bytes(
                "data/README.txt", _readme(scope, workspace_name, len(items), ledger_head, now).encode("utf-8")
            )
            for rel, src_name in (
                ("tools/verify_bundle.py", "bundle_verify.py"),
                ("tools/timestamp_token.py", "timestamp_token.py"),
            ):
                bag.write_bytes(rel, (resources.files("disputedesk.documents") / src_name).read_bytes(), tag=True)
            bag.write_bytes(
                "tools/archives.py", (resources.files("disputedesk.ingest") / "archives.py").read_bytes(), tag=True
            )
            bag.write_bytes("bagit.txt", b"BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n", tag=True)
            info = _bag_info(bag, scope, workspace_name, buyer, len(items), ledger_head, entries_n, now)
            bag.write_bytes("bag-info.txt", info.encode("utf-8"), tag=True)
            manifest = _manifest(bag.payload)
            manifest_sha = bag.write_bytes("manifest-sha256.txt", manifest, tag=True)
            bag.zf.writestr(bag._info("tagmanifest-sha256.txt", True, None), _manifest(bag.tags))
            bag.close()
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        if bag is not None:
            with contextlib.suppress(Exception):
                bag.zf.close()
            bag.zf.fp = None  # nothing more to write: the partial file is deleted
        tmp.unlink(missing_ok=True)
        raise
    report("done", total, total)
    result = BundleResult(
        out, bag_name, len(items), len(bag.payload), bag.payload_bytes, ledger_head, manifest_sha, scope, notes
    )
    _record_export(ctx, workspace, result, actor)
    return result


def _stamp_before_export(ctx: Context, workspace: str, actor: str, notes: list[str]) -> None:
    """With a TSA configured, the head the bundle ends at gets a trusted timestamp first (unless it
    has one), so the bundle carries a token for every entry it holds. A TSA that fails is noted."""
    from .timestamps import TimestampError, configured, take_timestamp

    if not configured(ctx):
        return
    try:
        take_timestamp(ctx, workspace, actor=actor)
    except TimestampError as exc:
        notes.append(f"the latest ledger entries carry no trusted timestamp: {exc}")


def _pdf_pages(ctx: Context, sha256: str) -> int:
    try:
        from pypdf import PdfReader

        with ctx.blobs.open(sha256) as f:
            return len(PdfReader(f).pages)
    except Exception:  # noqa: BLE001 - an unreadable PDF is still evidence; it just has no page numbers
        return 0


def _translation_text(it: Item) -> str:
    status_en = (
        f"certified translation attached as {it.certified}"
        if it.certified
        else "not verified: no certified translation attached"
    )
    status_zh = f"经认证的译文见 {it.certified}" if it.certified else "未经核实：尚未附经认证的译文"
    body = it.translation_zh or (
        "（尚未录入译文。请委托翻译机构出具中文译文。）\n"
        "(No translation entered yet: have a translation agency translate it.)"
    )
    return (
        f"{TRANSLATION_MARK_ZH} / {TRANSLATION_MARK.upper()}\n"
        f"证据 Evidence {it.label} · {it.original_name}\n"
        f"SHA-256 {it.sha256}\n"
        f"原文语言 Original language: {it.language}\n"
        f"状态 Status: {status_zh} / {status_en}\n"
        "依据 Basis: 《中华人民共和国民事诉讼法》第七十三条第二款；《最高人民法院关于民事诉讼证据的若干规定》第十七条"
        " (PRC Civil Procedure Law Art. 73(2); SPC Evidence Provisions (2019) Art. 17)\n\n"
        "—— 译文 Translation ——\n"
        f"{body}\n\n"
        "—— 原文（摘录） Original text (extract) ——\n"
        f"{(it.text or '')[:TEXT_LIMIT]}\n"
    )


def _write_ledger(
    ctx: Context, workspace: str, bag: BagZip, subjects: set[str], head_seq: int
) -> tuple[tuple[int, str] | None, int]:
    """chain.jsonl straight into the zip; the full entries spooled to a temp file, then added."""
    last: tuple[int, str] | None = None
    count = 0
    stamps: list[tuple[int, dict[str, Any]]] = []
    with tempfile.TemporaryFile() as spool, unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        h = hashlib.sha256()
        size = 0
        info = bag._info("data/ledger/chain.jsonl", True, None)
        with bag.zf.open(info, "w", force_zip64=True) as dst:
            for e in iter_entries(s, ws):
                if e.seq > head_seq:
                    break
                line = (json.dumps({"seq": e.seq, "prev": e.prev_hash, "hash": e.hash}) + "\n").encode()
                h.update(line)
                dst.write(line)
                size += len(line)
                last = (e.seq, e.hash)
                if e.action == TIMESTAMP_ACTION:
                    stamps.append((e.seq, e.payload_obj()))
                if e.subject in subjects or e.action == TIMESTAMP_ACTION:
                    full = {
                        "seq": e.seq,
                        "workspace": e.workspace,
                        "at": e.at,
                        "actor": e.actor,
                        "action": e.action,
                        "subject": e.subject,
                        "payload": e.payload,
                        "prev_hash": e.prev_hash,
                        "hash": e.hash,
                    }
                    spool.write((json.dumps(full, ensure_ascii=False) + "\n").encode("utf-8"))
                    count += 1
        bag._record("data/ledger/chain.jsonl", h.hexdigest(), size, False)
        spool.flush()
        spool.seek(0)
        sh = hashlib.sha256()
        ssize = 0
        with bag.zf.open(bag._info("data/ledger/entries.jsonl", True, None), "w", force_zip64=True) as dst:
            while chunk := spool.read(CHUNK):
                sh.update(chunk)
                dst.write(chunk)
                ssize += len(chunk)
        bag._record("data/ledger/entries.jsonl", sh.hexdigest(), ssize, False)
    _write_timestamps(ctx, workspace, bag, stamps, last)
    return last, count


def _write_timestamps(
    ctx: Context, workspace: str, bag: BagZip, stamps: list[tuple[int, dict[str, Any]]], last: tuple[int, str] | None
) -> None:
    """The trusted timestamps (RFC 3161) of the chain as files, so that anyone can check them with
    OpenSSL too: ``ts-NNNNNN.tsr`` (the TSA's reply, also in ledger entry NNNNNN's payload) and
    ``ts-NNNNNN.head.txt`` (the text it stamps), with the TSA's CA certificate if one is configured."""
    if not stamps:
        return
    from .timestamps import TimestampError, trust_pem

    hashes: dict[int, str] = {}
    heads = {int(p.get("head", 0)) for _seq, p in stamps}
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        q = select(LedgerEntry.seq, LedgerEntry.hash).where(
            LedgerEntry.workspace_id == ws.id, LedgerEntry.seq.in_(heads)
        )
        for seq, h in s.execute(q).all():
            hashes[int(seq)] = str(h)
    base = "data/ledger/timestamps"
    lines = []
    for seq, payload in stamps:
        head = int(payload.get("head", 0))
        try:
            raw = base64.b64decode(payload["token"], validate=True)
        except (KeyError, ValueError):
            continue
        bag.write_bytes(f"{base}/ts-{seq:06d}.tsr", raw, compress=False)
        if head in hashes:
            bag.write_bytes(f"{base}/ts-{seq:06d}.head.txt", head_message(workspace, head, hashes[head]))
        lines.append(
            f"ts-{seq:06d}: entries #1–#{head} existed by {payload.get('time')} ({payload.get('tsa')})\n"
            f"    openssl ts -verify -data data/ledger/timestamps/ts-{seq:06d}.head.txt "
            f"-in data/ledger/timestamps/ts-{seq:06d}.tsr -CAfile TSA-CA.pem\n"
        )
    try:
        pem = trust_pem(ctx)
    except TimestampError:
        pem = None
    if pem:
        bag.write_bytes(f"{base}/tsa-ca.pem", pem)
    head_note = f" The bundle's head is entry #{last[0]}." if last else ""
    bag.write_bytes(
        f"{base}/README.txt",
        (
            "Trusted timestamps (RFC 3161) of this ledger, from an independent time-stamping authority.\n"
            "Each token stamps the SHA-256 of its .head.txt, which names a ledger entry and its hash; that\n"
            "hash commits to every entry before it, so the token proves those entries existed, unchanged,\n"
            f"by the token's time.{head_note} `disputedesk bundle verify --tsa-ca TSA-CA.pem BUNDLE.zip`\n"
            "checks every token against the chain; without DisputeDesk, OpenSSL checks one token:\n\n"
            + "".join(lines)
            + "\nTSA-CA.pem is the TSA's CA certificate as published by the TSA"
            + (" (tsa-ca.pem here is the sender's copy: compare it)." if pem else ".")
            + "\n"
        ).encode("utf-8"),
    )


def _items_json(items: list[Item], workspace: str, scope: str, head: tuple[int, str] | None) -> str:
    return json.dumps(
        {
            "format": "disputedesk-bundle/1",
            "workspace": workspace,
            "scope": scope,
            "ledger_head": {"seq": head[0], "hash": head[1]} if head else None,
            "items": [
                {
                    "label": it.label,
                    "number": it.number,
                    "sha256": it.sha256,
                    "size": it.size,
                    "media_type": it.media_type,
                    "kind": it.kind,
                    "original_name": it.original_name,
                    "original": it.original_path,
                    "printout": it.printout_path,
                    "translation": it.translation_path,
                    "printout_pages": list(it.pages) if it.pages else None,
                    "pdf_pages": it.page_count or None,
                    "date": it.when.isoformat() if it.when else None,
                    "imported_at": it.imported_at.isoformat(),
                    "imported_by": it.imported_by,
                    "source": it.source,
                    "ledger_seq": it.ledger_seq,
                    "language": it.language,
                }
                for it in items
            ],
        },
        ensure_ascii=False,
        indent=1,
    )


def _short_source(it: Item) -> str:
    src = it.source
    if "/" in src:
        src = "/".join(src.rstrip("/").split("/")[-2:])
    return src


def _fmt_date(d: datetime | date | None) -> str:
    if d is None:
        return "—"
    if isinstance(d, datetime):
        return d.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return d.isoformat()


def _translation_status(it: Item) -> tuple[str, str]:
    if not it.translation_path:
        return "", ""
    if it.certified:
        return f"certified: {it.certified}", f"经认证：{it.certified}"
    return f"{TRANSLATION_MARK} ({it.translation_path[5:]})", f"{TRANSLATION_MARK_ZH}（{it.translation_path[5:]}）"


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


def _record_events(s, ws: Workspace, case_scope: CaseScope | None) -> list[Event]:  # type: ignore[no-untyped-def]
    """Dated facts from the records (contracts, payments, deliveries, requests; a case's ladder),
    limited to the case's supplier when the bundle is for a case."""
    events: list[Event] = list(case_scope.events) if case_scope else []
    labels = dict(
        s.execute(select(EvidenceItem.id, EvidenceItem.number).where(EvidenceItem.workspace_id == ws.id)).all()
    )

    def lab(i: int | None) -> str:
        return f"E-{labels[i]:04d}" if i in labels else ""

    supplier_id = None
    if case_scope and case_scope.supplier_key:
        supplier_id = s.execute(
            select(Organization.id).where(
                Organization.workspace_id == ws.id, Organization.key == case_scope.supplier_key
            )
        ).scalar()
    contracts = list(s.execute(select(Contract).where(Contract.workspace_id == ws.id)).scalars())
    if supplier_id is not None:
        contracts = [c for c in contracts if c.supplier_id == supplier_id]
    contract_ids = {c.id for c in contracts}
    orders = list(s.execute(select(Order).where(Order.workspace_id == ws.id)).scalars())
    if supplier_id is not None:
        orders = [o for o in orders if o.contract_id in contract_ids]
    order_ids = {o.id for o in orders}
    for c in contracts:
        if c.signed_on:
            what = "Amendment" if c.kind == "amendment" else "Contract"
            zh = "合同变更" if c.kind == "amendment" else "合同"
            events.append(Event(c.signed_on, f"{what} {c.number} signed", f"签订{zh} {c.number}", lab(c.evidence_id)))
    for p in s.execute(select(Payment).where(Payment.workspace_id == ws.id)).scalars():
        if supplier_id is not None and p.order_id not in order_ids:
            continue
        events.append(
            Event(
                p.paid_on,
                f"Payment {p.amount} {p.currency} ({p.method}{', ' + p.reference if p.reference else ''})",
                f"付款 {p.amount} {p.currency}（{p.method}）",
                lab(p.evidence_id),
            )
        )
    for d in s.execute(select(Delivery).where(Delivery.workspace_id == ws.id)).scalars():
        if supplier_id is not None and d.order_id not in order_ids:
            continue
        events.append(Event(d.delivered_on, "Goods delivered", "货物交付", lab(d.evidence_id)))
    for r in s.execute(select(SupportRequest).where(SupportRequest.workspace_id == ws.id)).scalars():
        if supplier_id is not None and r.supplier_id != supplier_id:
            continue
        events.append(
            Event(
                r.opened_at, f"Support request {r.number} opened: {r.title}", f"提出技术支持请求 {r.number}：{r.title}"
            )
        )
    return events


def _sort_key(e: Event) -> tuple[str, str]:
    w = e.when
    if isinstance(w, datetime):
        return (w.astimezone(UTC).strftime("%Y-%m-%d %H:%M"), e.evidence)
    return (w.isoformat() + " 00:00", e.evidence)


def _write_lists(
    bag: BagZip,
    items: list[Item],
    fonts: pdfs.Fonts,
    scope: str,
    workspace_name: str,
    buyer: str | None,
    records: list[Event],
    now: datetime,
) -> None:
    # Evidence list (证据目录) as CSV (full text) and PDF.
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(
        [
            "number 编号",
            "title 名称",
            "date 日期",
            "kind 类别",
            "source 来源",
            "what it proves 证明目的 (EN)",
            "证明目的 what it proves (ZH)",
            "pages in bundle 页码",
            "file 文件",
            "sha256",
            "language 语言",
            "translation 译文",
            "translation status 译文状态",
        ]
    )
    for it in items:
        t_en, t_zh = _translation_status(it)
        w.writerow(
            [
                it.label,
                it.title,
                _fmt_date(it.when),
                f"{it.kind.replace('_', ' ')} {KIND_ZH.get(it.kind, '')}".strip(),  # words, not the stored code
                f"{it.source} (imported {_fmt_date(it.imported_at)} by {it.imported_by})",
                it.proves_en,
                it.proves_zh,
                it.page_text,
                it.printout_path or it.original_path,
                it.sha256,
                it.language or "",
                t_en,
                t_zh,
            ]
        )
    bag.write_bytes("data/evidence-list/evidence-list.csv", ("\ufeff" + buf.getvalue()).encode("utf-8"))
    pdf_buf = io.BytesIO()
    pdfs.table_pdf(
        pdf_buf,
        fonts=fonts,
        title=f"证据目录 Evidence list — {workspace_name}",
        intro=[
            f"Scope 范围: {scope} · {len(items)} items 项 · prepared 制作于 {_fmt_date(now)}"
            + (f" · submitted by 提交人: {buyer}" if buyer else ""),
            "Pages: where the item's printout is in the printout volumes (printouts/), or how many pages a PDF "
            "original has. 页码：该证据打印件在打印件分册（printouts/）中的册数及页码，或 PDF 原件的页数。",
            f"Translations are marked “{TRANSLATION_MARK}” until a certified translation is attached. "
            f"译文在附经认证的译文之前均标注“{TRANSLATION_MARK_ZH}”。",
        ],
        columns=[
            pdfs.Column("No.\n编号", 0.9),
            pdfs.Column("Title 名称", 4.2),
            pdfs.Column("Date 日期", 1.6),
            pdfs.Column("Kind 类别", 1.3),
            pdfs.Column("Source 来源", 2.0),
            pdfs.Column("What it proves 证明目的", 4.2),
            pdfs.Column("Pages 页码", 0.9),
            pdfs.Column("Translation 译文", 1.7),
        ],
        rows=[
            [
                it.label,
                it.title,
                _fmt_date(it.when),
                f"{it.kind.replace('_', ' ')}\n{KIND_ZH.get(it.kind, '')}",
                _short_source(it),
                f"{it.proves_en}\n{it.proves_zh}",
                it.page_text or "—",
                "\n".join(x for x in _translation_status(it) if x).split(" (")[0] if it.translation_path else "",
            ]
            for it in items
        ],
        footer=f"证据目录 Evidence list · {workspace_name}",
    )
    bag.write_bytes("data/evidence-list/evidence-list.pdf", pdf_buf.getvalue(), compress=False)

    # Chronology.
    events = list(records)
    for it in items:
        if it.when:
            events.append(
                Event(
                    it.when,
                    f"{it.kind.replace('_', ' ').capitalize()}: {it.title}",
                    f"{KIND_ZH.get(it.kind, '')}：{it.title}",
                    it.label,
                )
            )
    events.sort(key=_sort_key)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["date 日期", "event", "事件", "evidence 证据"])
    for e in events:
        w.writerow([_fmt_date(e.when), e.en, e.zh, e.evidence])
    bag.write_bytes("data/chronology/chronology.csv", ("\ufeff" + buf.getvalue()).encode("utf-8"))
    pdf_buf = io.BytesIO()
    pdfs.table_pdf(
        pdf_buf,
        fonts=fonts,
        title=f"大事记 Chronology — {workspace_name}",
        intro=[f"Scope 范围: {scope} · {len(events)} events 事件 · times in UTC 时间为协调世界时"],
        columns=[
            pdfs.Column("Date 日期", 1.5),
            pdfs.Column("Event", 5),
            pdfs.Column("事件", 5),
            pdfs.Column("Evidence 证据", 1),
        ],
        rows=[[_fmt_date(e.when), e.en, e.zh, e.evidence] for e in events],
        footer=f"大事记 Chronology · {workspace_name}",
    )
    bag.write_bytes("data/chronology/chronology.pdf", pdf_buf.getvalue(), compress=False)


def _bag_info(
    bag: BagZip,
    scope: str,
    workspace_name: str,
    buyer: str | None,
    items: int,
    head: tuple[int, str] | None,
    entries: int,
    now: datetime,
) -> str:
    files = len(bag.payload)
    lines = [
        f"Source-Organization: {buyer or workspace_name}",
        f"Bagging-Date: {now.astimezone(UTC).date().isoformat()}",
        f"Bag-Software-Agent: DisputeDesk {__version__} (https://github.com/LibraryOfCongress/bagit-python format)",
        f"External-Description: Evidence bundle ({scope}) of {workspace_name}: {items} items",
        f"Payload-Oxum: {bag.payload_bytes}.{files}",
        f"DisputeDesk-Scope: {scope}",
        f"DisputeDesk-Items: {items}",
        f"DisputeDesk-Ledger-Entries: {entries}",
        f"DisputeDesk-Ledger-Head: {head[0]} {head[1]}" if head else "DisputeDesk-Ledger-Head: none",
        f"DisputeDesk-Exported-At: {now.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
    ]
    return "\n".join(unicodedata.normalize("NFC", ln).replace("\n", " ") for ln in lines) + "\n"


def _readme(scope: str, workspace_name: str, items: int, head: tuple[int, str] | None, now: datetime) -> str:
    head_text = f"#{head[0]} {head[1]}" if head else "(no ledger entries)"
    return f"""DisputeDesk evidence bundle — {workspace_name}
Scope: {scope} · {items} items · exported {now.astimezone(UTC):%Y-%m-%d %H:%M} UTC
Ledger head: {head_text}

WHAT IS IN IT
  evidence-list/    the evidence list (证据目录) as PDF and CSV: number, title, date, source,
                    what each item proves, its pages in this bundle and its translation status
  chronology/       the case in date order (PDF and CSV)
  printouts/        printouts of the correspondence (volumes of up to {VOLUME_ITEMS} items), derived
                    from the originals; every page carries the item number and its SHA-256
  items/E-nnnn/     original/ holds the original file, byte for byte as imported;
                    translation.zh.txt (foreign-language items) is marked "{TRANSLATION_MARK}"
                    until a certified translation is attached
  items.json        every item with its SHA-256, size, paths and ledger sequence number
  ledger/           entries.jsonl: every ledger entry about these items; chain.jsonl: sequence
                    number, previous hash and hash of every entry up to the head above

HOW TO CHECK IT (offline, no DisputeDesk installation needed)
  1. python3 tools/verify_bundle.py BUNDLE.zip     (Python 3.9+, standard library only)
     or, with DisputeDesk installed: disputedesk bundle verify BUNDLE.zip
     It re-hashes every file and names any file changed, missing or added, re-computes every
     ledger entry's hash and checks that the entries link into one chain up to the head.
  2. Any BagIt validator accepts the unzipped folder, e.g. bagit.py --validate FOLDER
     (https://github.com/LibraryOfCongress/bagit-python).
  3. Compare the ledger head printed above and by the verifier with the one the sender gave you
     separately: a bundle rewritten consistently from end to end can only be caught that way.

Ledger hash: SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of
  {{"seq","workspace","at","actor","action","subject","payload","prev"}}; the first "prev" is 64 zeros.

This bundle was generated by software. DisputeDesk explains; counsel decides. Not legal advice.

----------------------------------------------------------------------------------------------

DisputeDesk 证据包 —— {workspace_name}
范围：{scope} · 共 {items} 项证据 · 导出时间 {now.astimezone(UTC):%Y-%m-%d %H:%M}（UTC）
账本头：{head_text}

内容
  evidence-list/    证据目录（PDF 与 CSV）：编号、名称、日期、来源、证明目的、在本证据包中的
                    页码及译文状态
  chronology/       案件大事记（PDF 与 CSV）
  printouts/        往来通信的打印件（分册，每册至多 {VOLUME_ITEMS} 项），由电子数据原件直接打印输出，
                    每页均载明证据编号及其 SHA-256 值（《最高人民法院关于民事诉讼证据的若干规定》第十五条）
  items/E-nnnn/     original/ 为导入时的原始文件（逐字节保存，未作任何改动）；
                    translation.zh.txt（外文证据）在附经认证的译文之前标注“{TRANSLATION_MARK_ZH}”
  items.json        每项证据的 SHA-256、大小、路径及账本序号
  ledger/           entries.jsonl：与上述证据有关的全部账本记录；chain.jsonl：截至上述账本头的
                    每条记录的序号、前一记录哈希值及本记录哈希值

如何核验（离线进行，无需安装 DisputeDesk）
  1. 运行 python3 tools/verify_bundle.py 证据包.zip（Python 3.9 及以上版本，仅使用标准库）；
     已安装 DisputeDesk 的，也可运行 disputedesk bundle verify 证据包.zip。
     程序将重新计算每个文件的哈希值，指明被修改、缺失或新增的文件，重新计算每条账本记录的
     哈希值，并核对各记录是否依次链接至上述账本头。
  2. 解压后的文件夹可由任何 BagIt 校验工具验证，例如 bagit.py --validate 文件夹。
  3. 请将上述账本头及校验程序输出的账本头与发送方另行提供的账本头进行比对：只有这样，才能
     发现被从头到尾一致改写的证据包。

本证据包由软件生成。DisputeDesk 仅作说明，由律师作出判断。本文件不构成法律意见。
"""


def _record_export(ctx: Context, workspace: str, result: BundleResult, actor: str) -> None:
    """An export touches evidence: it is a ledger entry (the bag's manifest hash as fingerprint)."""
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="bundle.exported",
            at=ctx.clock(),
            payload={
                "bag": result.bag_name,
                "file": result.path.name,
                "scope": result.scope,
                "items": result.items,
                "files": result.files,
                "payload_bytes": result.payload_bytes,
                "manifest_sha256": result.manifest_sha256,
                "ledger_head": list(result.ledger_head) if result.ledger_head else None,
            },
        )
    writer.write_anchor(ctx.blobs)


# -- notes, background exports (web) ------------------------------------------------------------


def set_note(
    ctx: Context,
    workspace: str,
    label: str,
    *,
    actor: str,
    title: str | None = None,
    proves_en: str | None = None,
    proves_zh: str | None = None,
    translation_zh: str | None = None,
    certified_translation: str | None = None,
) -> None:
    """Describe an item for the evidence list; a ledger entry records the change."""
    number = parse_label(label)
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        lock_workspace(s, ws.id)
        item = s.execute(
            select(EvidenceItem).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == number)
        ).scalar_one_or_none()
        if item is None:
            raise LookupError(f"{label} does not exist in workspace {workspace!r}")
        cert_id = None
        if certified_translation:
            cn = parse_label(certified_translation)
            cert_id = s.execute(
                select(EvidenceItem.id).where(EvidenceItem.workspace_id == ws.id, EvidenceItem.number == cn)
            ).scalar_one_or_none()
            if cert_id is None:
                raise ValueError(f"certified_translation: {certified_translation} does not exist")
        note = s.execute(select(EvidenceNote).where(EvidenceNote.evidence_id == item.id)).scalar_one_or_none()
        if note is None:
            note = EvidenceNote(workspace_id=ws.id, evidence_id=item.id, updated_at=ctx.clock(), updated_by=actor)
            s.add(note)
        changed: dict[str, Any] = {}
        for name, value in (
            ("title", title),
            ("proves_en", proves_en),
            ("proves_zh", proves_zh),
            ("translation_zh", translation_zh),
        ):
            if value is not None:
                value = value.strip() or None
                setattr(note, name, value)
                changed[name] = value
        if certified_translation is not None:
            note.certified_translation_id = cert_id
            changed["certified_translation"] = certified_translation or None
        note.updated_at = ctx.clock()
        note.updated_by = actor
        writer = LedgerWriter(s, ws)
        writer.append(
            actor=actor,
            action="evidence.described",
            at=ctx.clock(),
            subject=item.sha256,
            payload={"number": item.number, **changed},
        )
    writer.write_anchor(ctx.blobs)


def exports_dir(ctx: Context, workspace: str) -> Path:
    d = Path(ctx.settings.data_dir) / "exports" / workspace
    d.mkdir(parents=True, exist_ok=True)
    return d


def start_export(ctx: Context, workspace: str, *, case: str | None, labels: list[str] | None, actor: str) -> int:
    """Record a queued export and run it in a background thread; returns the export id."""
    import threading

    scope = case or ("selection" if labels else "all")
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        row = BundleExport(
            workspace_id=ws.id,
            scope=scope,
            selection=list(labels or []),
            status="queued",
            created_at=ctx.clock(),
            created_by=actor,
        )
        s.add(row)
        s.flush()
        export_id = row.id
    # Also a job, so /jobs shows the export and its progress beside imports (the file is written
    # by this process, so the export runs here rather than on a queue worker).
    from . import jobs

    job_id = jobs.track(ctx, workspace, "bundle_export", {"export": export_id, "scope": scope}, actor=actor)
    t = threading.Thread(
        target=run_export,
        args=(ctx, workspace, export_id, case, labels, actor, job_id),
        daemon=True,
        name=f"bundle-{export_id}",
    )
    t.start()
    return export_id


def run_export(
    ctx: Context,
    workspace: str,
    export_id: int,
    case: str | None,
    labels: list[str] | None,
    actor: str,
    job_id: int | None = None,
) -> None:
    import time

    from . import jobs

    last = [0.0]

    def update(**values: Any) -> None:
        with unit_of_work(ctx.engine) as s:
            row = s.get(BundleExport, export_id)
            if row is not None:
                for k, v in values.items():
                    setattr(row, k, v)

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5 or stage == "done":
            last[0] = now
            update(status="running", stage=stage, done=done, total=total)
            if job_id is not None:
                jobs.tracked_progress(ctx, job_id, done, total, stage)

    out = exports_dir(ctx, workspace) / f"bundle-{export_id}.zip"
    try:
        update(status="running", stage="collect")
        res = export_bundle(
            ctx,
            workspace,
            out,
            case=case,
            labels=labels or None,
            all_items=not case and not labels,
            actor=actor,
            progress=progress,
        )
        update(
            status="done",
            stage="done",
            file_name=f"{res.bag_name}.zip",
            path=str(out),
            sha256=res.manifest_sha256,
            size=out.stat().st_size,
            items=res.items,
            finished_at=ctx.clock(),
        )
        if job_id is not None:
            jobs.finish_tracked(
                ctx, job_id, result={"export": export_id, "items": res.items, "file": f"{res.bag_name}.zip"}
            )
    except Exception as exc:  # noqa: BLE001 - shown on the page
        update(status="failed", error=str(exc), finished_at=ctx.clock())
        if job_id is not None:
            jobs.finish_tracked(ctx, job_id, error=str(exc))


@dataclass
class ExportView:
    id: int
    scope: str
    status: str
    stage: str | None
    done: int
    total: int
    file_name: str | None
    size: int | None
    items: int | None
    manifest_sha256: str | None
    error: str | None
    created_at: datetime
    created_by: str
    finished_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["created_at"] = self.created_at.isoformat()
        d["finished_at"] = self.finished_at.isoformat() if self.finished_at else None
        return d


def _export_view(r: BundleExport) -> ExportView:
    return ExportView(
        r.id,
        r.scope,
        r.status,
        r.stage,
        r.done,
        r.total,
        r.file_name,
        r.size,
        r.items,
        r.sha256,
        r.error,
        r.created_at,
        r.created_by,
        r.finished_at,
    )


def list_exports(ctx: Context, workspace: str, limit: int = 20) -> list[ExportView]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        rows = s.execute(
            select(BundleExport).where(BundleExport.workspace_id == ws.id).order_by(BundleExport.id.desc()).limit(limit)
        ).scalars()
        return [_export_view(r) for r in rows]


def get_export(ctx: Context, workspace: str, export_id: int) -> tuple[ExportView, Path | None]:
    with unit_of_work(ctx.engine) as s:
        ws = get_workspace(s, workspace)
        row = s.execute(
            select(BundleExport).where(BundleExport.workspace_id == ws.id, BundleExport.id == export_id)
        ).scalar_one_or_none()
        if row is None:
            raise LookupError(f"bundle export {export_id} does not exist in this workspace")
        return _export_view(row), Path(row.path) if row.path and row.status == "done" else None


def iter_file(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk
