"""Decompression bombs in text extraction (issue 15, hole 3).

A small .xlsx/.docx/.pptx/.odt whose one part expands to hundreds of MiB, uploaded or attached
to a mail: the original is kept, its text is "text not extracted: …", and the server does not
grow by the expanded size. Ordinary documents of the same types still give their text.
"""

from __future__ import annotations

import io
import resource
import zipfile
from email.message import EmailMessage

import pytest

from disputedesk.services.evidence import get_evidence, list_evidence
from disputedesk.services.imports import Candidate, import_candidates

MIB = 1024 * 1024

PARTS = {
    "xlsx": "xl/sharedStrings.xml",
    "docx": "word/document.xml",
    "pptx": "ppt/slides/slide1.xml",
    "odt": "content.xml",
}


def bomb(ext: str, expanded: int) -> bytes:
    """A package whose text part is ``expanded`` bytes of one repeated character."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        if ext == "odt":
            z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        with z.open(PARTS[ext], "w", force_zip64=True) as f:
            block = b"A" * MIB
            for _ in range(expanded // MIB):
                f.write(block)
    return buf.getvalue()


def xlsx(strings: list[str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{ns}"/>')
        si = "".join(f"<si><t>{s}</t></si>" for s in strings)
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{ns}">{si}</sst>')
    return buf.getvalue()


def add(ctx, items: dict[str, bytes]):  # type: ignore[no-untyped-def]
    cands = [Candidate(n, f"test:{n}", (lambda d=d: io.BytesIO(d))) for n, d in items.items()]  # type: ignore[misc]
    return import_candidates(ctx, "default", cands, actor="test")


def text_of(ctx, name: str) -> str:  # type: ignore[no-untyped-def]
    item = next(i for i in list_evidence(ctx, "default", limit=1000).items if i.original_name == name)
    return get_evidence(ctx, "default", item.label).text or ""


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@pytest.mark.parametrize("ext", sorted(PARTS))
def test_a_bomb_is_kept_and_its_text_refused(sqlite_ctx, ext: str) -> None:
    data = bomb(ext, 300 * MIB)
    assert len(data) < 2 * MIB
    before = peak_rss()
    report = add(sqlite_ctx, {f"bomb.{ext}": data})
    assert report.imported == 1  # the original is evidence like any other
    assert peak_rss() - before < 150 * MIB  # not grown by the expanded size
    text = text_of(sqlite_ctx, f"bomb.{ext}")
    assert text.startswith("text not extracted:") and PARTS[ext] in text


def test_a_bomb_attached_to_a_mail_is_kept_and_reported(sqlite_ctx) -> None:
    msg = EmailMessage()
    msg["From"] = "sales@supplier.example.cn"
    msg["To"] = "buyer@example.de"
    msg["Subject"] = "price list"
    msg.set_content("see attachment")
    msg.add_attachment(
        bomb("xlsx", 300 * MIB),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="prices.xlsx",
    )
    before = peak_rss()
    report = add(sqlite_ctx, {"price-list.eml": msg.as_bytes()})
    assert report.imported >= 2, [(o.name, o.status, o.reason) for o in report.outcomes]
    assert peak_rss() - before < 150 * MIB
    assert text_of(sqlite_ctx, "prices.xlsx").startswith("text not extracted:")


def test_ordinary_packages_still_give_their_text(sqlite_ctx) -> None:
    add(sqlite_ctx, {"downtime.xlsx": xlsx(["Spindle E-207 stopped", "停机 14 小时"])})
    assert "停机 14 小时" in text_of(sqlite_ctx, "downtime.xlsx")


def test_the_contract_check_refuses_a_docx_bomb_with_its_reason(sqlite_ctx) -> None:
    from fastapi.testclient import TestClient

    from disputedesk.web.app import create_app

    from support import api_token, make_user

    make_user(sqlite_ctx, "alice", "default", "owner")
    with TestClient(create_app(sqlite_ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(sqlite_ctx, 'alice', 'default')}"
        before = peak_rss()
        r = c.post("/api/contracts/check", files=[("file", ("contract.docx", bomb("docx", 300 * MIB)))])
        assert peak_rss() - before < 150 * MIB
    assert 400 <= r.status_code < 500 and "text not extracted" in r.json()["error"], r.text[:300]
