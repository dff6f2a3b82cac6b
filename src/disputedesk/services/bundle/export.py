"""The export: items, originals, printouts, ledger extract and timestamps written into one bag,
renamed only when complete, and the ledger entry that records it."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import tempfile
import uuid
from collections.abc import Iterable
from datetime import UTC
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...documents import pdf as pdfs
from ...documents.timestamp_token import TIMESTAMP_ACTION, head_message
from ...domain.labels import evidence_label
from ...domain.text import T
from ...store.db import lock_workspace, unit_of_work
from ...store.ledger import LedgerWriter, iter_entries
from ...store.models import (
    LedgerEntry,
    Organization,
)
from ..context import Context
from ..evidence import parse_label
from ..workspaces import get_workspace
from .bag import BagZip, _manifest, safe_name
from .contents import _bag_info, _readme, _record_events, _write_lists
from .items import (
    CHUNK,
    TEXT_LIMIT,
    TRANSLATION_MARK,
    TRANSLATION_MARK_ZH,
    VOLUME_ITEMS,
    VOLUME_PAGES,
    BundleError,
    BundleResult,
    CaseScope,
    Item,
    Progress,
    _case_evidence,
    _load_items,
    _mail_printout,
)

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
                raise BundleError(f"evidence {', '.join(evidence_label(n) for n in missing)} does not exist")
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
                        T(
                            "%(label)s: the stored original no longer has its SHA-256 (vault damaged); "
                            "run `%(command)s`",
                            label=it.label,
                            command="disputedesk verify",
                        )
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
                ("tools/bundle_report.py", "bundle_report.py"),
                ("tools/bundle_ledger.py", "bundle_ledger.py"),
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
    from ..timestamps import TimestampError, configured, take_timestamp

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
    from ..timestamps import TimestampError, trust_pem

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
