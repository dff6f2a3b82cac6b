"""What a reader opens first: the evidence list (证据目录), the chronology, bag-info.txt and the
README, in English and Chinese."""

from __future__ import annotations

import csv
import io
import unicodedata
from datetime import UTC, date, datetime

from babel.numbers import format_currency
from sqlalchemy import select

from ... import __version__
from ...documents import pdf as pdfs
from ...domain.labels import evidence_label
from ...store.models import (
    Contract,
    Delivery,
    EvidenceItem,
    Order,
    Organization,
    Payment,
    SupportRequest,
    Workspace,
)
from .bag import BagZip
from .items import KIND_ZH, NO_LANGUAGE, TRANSLATION_MARK, TRANSLATION_MARK_ZH, VOLUME_ITEMS, CaseScope, Event, Item


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


def _record_events(s, ws: Workspace, case_scope: CaseScope | None) -> list[Event]:  # type: ignore[no-untyped-def]
    """Dated facts from the records (contracts, payments, deliveries, requests; a case's ladder),
    limited to the case's supplier when the bundle is for a case."""
    events: list[Event] = list(case_scope.events) if case_scope else []
    labels = dict(
        s.execute(select(EvidenceItem.id, EvidenceItem.number).where(EvidenceItem.workspace_id == ws.id)).all()
    )

    def lab(i: int | None) -> str:
        return evidence_label(labels[i]) if i in labels else ""

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
                f"Payment {_money(p.amount, p.currency)} ({p.method}{', ' + p.reference if p.reference else ''})",
                f"付款 {_money(p.amount, p.currency)}（{p.method}）",
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


def _money(amount: object, currency: str) -> str:
    """An amount as the letters and pages write it ("€55,800.00"), not "55800.00 EUR"."""
    return format_currency(amount, currency, locale="en")  # type: ignore[arg-type]


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
                it.language or NO_LANGUAGE.get(it.media_type.split("/")[0], ""),
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
