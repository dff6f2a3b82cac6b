"""Documents through the API and the pages: letters (preview, create, mark sent) and bundles
(build with progress, download, verify an upload)."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from fastapi.testclient import TestClient

from disputedesk.web.app import create_app

from documents_support import load_full_demo
from support import api_token, make_user, sign_in


@pytest.fixture
def demo_app(sqlite_ctx):  # type: ignore[no-untyped-def]
    load_full_demo(sqlite_ctx)
    make_user(sqlite_ctx, "owner", "demo", "owner")
    make_user(sqlite_ctx, "viewer", "demo", "viewer")
    return sqlite_ctx


def test_api_letters_and_bundles(demo_app) -> None:
    ctx = demo_app
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'owner', 'demo')}"
        kinds = c.get("/api/letters/kinds").json()
        assert [k["kind"] for k in kinds][:2] == ["support-request", "formal-complaint"]
        pre = c.post("/api/letters/preview", json={"kind": "arbitration-request", "lang": "zh"}).json()
        assert "arbitration_institution" in pre["missing"] and "仲裁机构" in pre["missing_labels"]["zh"]
        r = c.post("/api/letters", json={"kind": "escalation", "lang": "both", "format": "docx"})
        assert r.status_code == 201, r.text
        made = r.json()
        doc = c.get(made["download"])
        assert doc.status_code == 200 and doc.content[:2] == b"PK"
        sent = c.post(f"/api/letters/{made['id']}/sent", json={"sent_on": "2026-11-02", "channel": "e-mail"})
        assert sent.status_code == 200, sent.text
        assert sent.json()["sent_channel"] == "e-mail"
        assert c.get("/api/letters").json()[0]["sent_on"] == "2026-11-02"
        bad = c.post("/api/letters", json={"kind": "love-letter"})
        assert bad.status_code == 400 and "kind" in bad.json()["error"]
        note = c.put("/api/evidence/E-0067/bundle-note", json={"proves_zh": "卖方单方变更服务条款"})
        assert note.status_code == 200, note.text
        start = c.post("/api/bundles", json={"items": ["E-0001", "E-0002", "E-0067"]})
        assert start.status_code == 202, start.text
        url = start.json()["progress"]
        for _ in range(120):
            state = c.get(url).json()
            if state["status"] in ("done", "failed"):
                break
            time.sleep(0.25)
        assert state["status"] == "done", state
        assert state["items"] == 3
        # The export is a job too: /jobs shows it, done, with its progress and a way to the bundle.
        job = next(j for j in c.get("/api/jobs").json() if j["kind"] == "bundle_export")
        assert job["status"] == "done" and job["result"]["export"] == int(url.rstrip("/").split("/")[-1])
        assert job["progress_done"] > 0 and job["result"]["items"] == 3
        z = c.get(state["download"])
        assert z.status_code == 200 and z.headers["content-type"] == "application/zip"
        check = c.post("/api/bundles/verify", files={"file": ("b.zip", z.content)})
        assert check.json()["ok"] is True
        with zipfile.ZipFile(io.BytesIO(z.content)) as zin:
            names = zin.namelist()
            csv_name = next(n for n in names if n.endswith("evidence-list/evidence-list.csv"))
            assert "卖方单方变更服务条款" in zin.read(csv_name).decode("utf-8-sig")
        assert any(n.endswith("evidence-list/evidence-list.pdf") for n in names)
        assert c.post("/api/bundles", json={}).status_code == 400


def test_viewer_may_read_but_not_render_or_export(demo_app) -> None:
    ctx = demo_app
    with TestClient(create_app(ctx)) as c:
        c.headers["Authorization"] = f"Bearer {api_token(ctx, 'viewer', 'demo')}"
        assert c.get("/api/letters").status_code == 200
        assert c.post("/api/letters", json={"kind": "demand"}).status_code == 403
        assert c.post("/api/bundles", json={"all": True}).status_code == 403


def test_pages_pick_preview_create_and_mark_sent(demo_app) -> None:
    ctx = demo_app
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo")
        page = c.get("/documents?ws=demo&lang=zh")
        assert page.status_code == 200 and "起草函件" in page.text
        form = {
            "case": "CASE-2026-001",
            "kind": "formal-complaint",
            "lang": "both",
            "layout": "side-by-side",
            "format": "pdf",
        }
        pre = c.post("/documents/letters/preview", data=form, headers={"HX-Request": "true"})
        assert pre.status_code == 200 and "催告函" in pre.text and "Formal complaint" in pre.text
        r = c.post("/documents/letters", data=form, follow_redirects=False)
        assert r.status_code == 303
        page = c.get(r.headers["location"])
        assert "CASE-2026-001/L2/" in page.text  # the kind by its code (L2: formal complaint)
        assert 'placeholder="例如电子邮件、快递、挂号信"' in page.text  # the "mark sent" form's hint, in Chinese
        letter_id = int(r.headers["location"].split("letter=")[1].split("#")[0])
        r = c.post(
            f"/documents/letters/{letter_id}/sent",
            data={"sent_on": "2026-11-03", "channel": "courier", "proof": ""},
            follow_redirects=False,
        )
        assert r.status_code == 303
        assert "快递" in c.get("/documents").text  # the way of sending, in the page's language (zh)
        assert "份函件（合计）" in c.get("/").text  # the dashboard panel, in Chinese
        b = c.get("/documents/bundles")
        assert b.status_code == 200 and "CASE-2026-001" in b.text
        r = c.post("/documents/bundles", data={"scope": "selection", "items": "E-0003"}, follow_redirects=False)
        assert r.status_code == 303
        for _ in range(120):  # the page polls like this (htmx) until the bundle is ready
            progress = c.get(r.headers["location"], headers={"HX-Request": "true"})
            assert "bundle-progress" in progress.text
            if "/download" in progress.text:
                break
            time.sleep(0.25)
        assert "/download" in progress.text
        export_id = r.headers["location"].rsplit("/", 1)[1]
        z = c.get(f"/documents/bundles/{export_id}/download")
        assert z.status_code == 200 and z.content[:2] == b"PK"
        checked = c.post("/documents/bundles/verify", files={"file": ("b.zip", z.content)})
        assert checked.status_code == 200 and "证据包完整无损" in checked.text  # the page is in Chinese now
        broken = z.content.replace(b"BagIt-Version", b"BagIt-Versiom")
        checked = c.post("/documents/bundles/verify", files={"file": ("b.zip", broken)})
        assert "bagit.txt" in checked.text


def _tamper(bundle: bytes) -> bytes:
    """The bundle with one original changed, one removed and a file slipped in (manifests untouched)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as zin, zipfile.ZipFile(out, "w") as zout:
        root = zin.namelist()[0].split("/", 1)[0] + "/"
        originals = sorted(n for n in zin.namelist() if "/original/" in n and not n.endswith("/"))
        changed, dropped = originals[0], originals[1]
        for info in zin.infolist():
            if info.filename == dropped:
                continue
            data = zin.read(info)
            zout.writestr(info.filename, data + b"\n" if info.filename == changed else data)
        zout.writestr(root + "data/extra/note.txt", b"slipped in later")
    return out.getvalue()


def test_checking_a_bundle_on_the_chinese_page_reads_in_chinese(demo_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The stand-alone verifier's findings, each said in the page's language; file names and
    hashes stay as they are, marked as data; the API keeps the verifier's English lines."""
    from pages_support import foreign_sentences

    from disputedesk.services.bundle import export_bundle

    ctx = demo_app
    good = tmp_path / "good.zip"
    export_bundle(ctx, "demo", good, labels=["E-0001", "E-0002", "E-0003"], actor="test")
    bad = _tamper(good.read_bytes())
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo&lang=zh")
        ok = c.post("/documents/bundles/verify", files={"file": ("证据包.zip", good.read_bytes())})
        assert ok.status_code == 200 and "证据包完整无损" in ok.text and foreign_sentences(ok.text) == []
        r = c.post("/documents/bundles/verify", files={"file": ("证据包-已改.zip", bad)})
        assert r.status_code == 200 and "发现的问题" in r.text
        found = re.findall(r"<li>(.*?)</li>", r.text.split("发现的问题")[1].split("</ul>")[0])
        assert len(found) == 5, found  # and so the payload's size and the original's ledger hash differ
        assert any("已被改动（SHA-256 为 <code>" in x for x in found), found
        assert any("：缺失（清单文件中列出，证据包中却没有）" in x for x in found), found
        assert any(
            x.startswith("<code>data/extra/note.txt</code>：被添加（在证据包中，但不在清单文件中）") for x in found
        )
        assert foreign_sentences(r.text) == [] and "changed (SHA-256" not in r.text

        c.get("/lang/en")
        en = c.post("/documents/bundles/verify", files={"file": ("b.zip", bad)}).text
        assert "<code>data/extra/note.txt</code>: added (in the bundle but not in the manifest)" in en

        api = c.post("/api/bundles/verify", files={"file": ("b.zip", bad)}).json()
        assert "data/extra/note.txt: added (in the bundle but not in the manifest)" in api["problems"]
        codes = {x["code"]: x for x in api["lines"]["problems"]}
        assert set(codes) == {"file_changed", "file_missing", "file_added", "oxum", "original_changed"}
        assert codes["file_added"]["params"] == {"file": "data/extra/note.txt"}


def test_refused_letter_and_bundle_forms_read_in_chinese(demo_app) -> None:  # type: ignore[no-untyped-def]
    """The documents page's own refusals (a date that is not one, a letter or case that does not
    exist, an empty selection) name the field and the value in the page's language."""
    from pages_support import foreign_sentences, visible

    ctx = demo_app
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo&lang=zh")

        def said(r) -> str:  # type: ignore[no-untyped-def]
            assert r.status_code in (400, 404, 422), r.text
            assert foreign_sentences(r.text) == [], foreign_sentences(r.text)
            return " ".join(visible(r.text))

        sent = {"sent_on": "3.11.2026", "channel": "courier", "proof": ""}
        assert "发出日期：“3.11.2026”不是日期（格式：YYYY-MM-DD）" in said(
            c.post("/documents/letters/1/sent", data=sent)
        )
        sent["sent_on"] = "2026-11-03"
        assert "函件 9999 在本工作区中不存在" in said(c.post("/documents/letters/9999/sent", data=sent))
        assert "请列出要包含的证据编号" in said(c.post("/documents/bundles", data={"scope": "selection", "items": ""}))
        assert "案件“CASE-1999-9”在本工作区中不存在" in said(
            c.post("/documents/bundles", data={"scope": "CASE-1999-9", "items": ""})
        )
        c.get("/lang/en")
        en = c.post("/documents/letters/9999/sent", data=sent)
        assert en.status_code == 404 and "letter 9999 does not exist in this workspace" in en.text


def test_a_letter_fact_that_is_not_a_date_is_refused_on_the_form_in_the_page_language(demo_app) -> None:  # type: ignore[no-untyped-def]
    """A fact typed as "last year" or "31.12.2026" in the letter form comes back on the documents
    page, with the field and the value in the page's language and everything typed still there."""
    from pages_support import foreign_sentences, visible

    ctx = demo_app
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo&lang=zh")
        form = {"kind": "formal-complaint", "lang": "both", "format": "pdf", "layout": "side-by-side",
                "fact_contract_date": "去年", "fact_supplier_name_zh": "深圳市某某激光有限公司"}  # fmt: skip
        r = c.post("/documents/letters", data=form)
        assert r.status_code == 400, r.text[-2000:]
        shown = " ".join(visible(r.text))
        assert "合同签订日期" in shown and "去年" in shown and foreign_sentences(r.text) == [], shown[:600]
        assert 'id="letter-form"' in r.text and 'value="深圳市某某激光有限公司"' in r.text  # the form, as typed
        facts = r.text.split('id="letter-form"')[1].split("</form>")[0]
        assert re.search(r"<details[^>]*\bopen\b", facts)  # the facts typed wrong are in sight
        c.get("/lang/en")
        en = c.post("/documents/letters", data={**form, "fact_contract_date": "31.12.2026"})
        assert en.status_code == 400 and "contract_date: &#39;31.12.2026&#39; is not a date (YYYY-MM-DD)" in en.text


def test_a_selection_naming_evidence_that_does_not_exist_is_refused_before_any_export_starts(demo_app) -> None:  # type: ignore[no-untyped-def]
    """A mistyped or unknown evidence number in a bundle selection is said at once, on the form's
    answer and in the page's language; no export is queued that fails later with an English line."""
    from pages_support import foreign_sentences, visible

    from disputedesk.services import bundle as bundles

    ctx = demo_app
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo&lang=zh")
        for items, shown in (("E-0001, 坏", "坏"), ("E-0001, E-9999", "E-9999")):
            r = c.post("/documents/bundles", data={"scope": "selection", "items": items}, follow_redirects=False)
            assert r.status_code == 400, (items, r.status_code, r.headers.get("location"))
            text = " ".join(visible(r.text))
            assert shown in text and foreign_sentences(r.text) == [], text[:600]
            assert "选定证据的编号：" in text, text[:600]  # the form's label, not the counter's word "项"
        assert bundles.list_exports(ctx, "demo") == []
        c.get("/lang/en")
        r = c.post("/documents/bundles", data={"scope": "selection", "items": "E-9999"}, follow_redirects=False)
        assert r.status_code == 400 and "E-9999 does not exist in this workspace" in r.text


def test_checking_a_file_that_is_not_a_zip_says_so_in_the_page_language(demo_app) -> None:  # type: ignore[no-untyped-def]
    """A text file or a photo chosen by mistake on "check a bundle" is named as not a ZIP file, in
    the page's language (not "unsafe archive" with the ZIP library's English words)."""
    from pages_support import foreign_sentences, visible

    with TestClient(create_app(demo_app)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo&lang=zh")
        r = c.post("/documents/bundles/verify", files={"file": ("合同说明.txt", "供应商应在24小时内响应。".encode())})
        text = " ".join(visible(r.text))
        assert r.status_code == 200 and "合同说明.txt 不是 ZIP 文件" in text, text[:800]
        assert "不安全" not in text and foreign_sentences(r.text) == []
        c.get("/lang/en")
        en = c.post("/documents/bundles/verify", files={"file": ("photo.jpg", b"\xff\xd8\xff\xe0 not a zip")})
        assert "is not a ZIP file: choose the bundle&#39;s .zip file" in en.text


def test_a_letter_sent_on_a_day_that_has_begun_nowhere_is_refused_in_the_pages_language(demo_app) -> None:  # type: ignore[no-untyped-def]
    """Marking a letter sent uses the shared "not in the future" rule (domain/dates.py): the day
    after the one that has begun in UTC+14 is refused, on the page in en and zh, naming the field."""
    from datetime import UTC, date, datetime, timedelta

    from pages_support import foreign_sentences, visible

    from disputedesk.domain.dates import latest_day

    ahead = (latest_day(datetime.now(UTC)) + timedelta(days=1)).isoformat()
    with TestClient(create_app(demo_app)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo&lang=zh")
        zh = c.post("/documents/letters/1/sent", data={"sent_on": ahead, "channel": "courier", "proof": ""})
        assert zh.status_code in (400, 422) and foreign_sentences(zh.text) == []
        day = date.fromisoformat(ahead)
        assert f"发出日期：{day.year}年{day.month}月{day.day}日 是将来的日期" in " ".join(visible(zh.text))
        c.get("/lang/en")
        en = c.post("/documents/letters/1/sent", data={"sent_on": ahead, "channel": "courier", "proof": ""})
        assert en.status_code in (400, 422) and "is in the future" in en.text and "是将来的日期" not in en.text


def test_mark_sent_accepts_the_day_begun_in_the_earliest_zone_not_the_day_after(demo_app) -> None:  # type: ignore[no-untyped-def]
    """At 15:00 UTC it is already tomorrow in China and in UTC+14; the day after that has begun
    nowhere (China's date + 1, the former rule, let it through)."""
    from dataclasses import replace
    from datetime import UTC, date, datetime

    from disputedesk.services import letters as svc

    late = replace(demo_app, clock=lambda: datetime(2026, 12, 5, 15, 0, tzinfo=UTC))
    with pytest.raises(ValueError, match="sent_on: 2026-12-07 is in the future"):
        svc.mark_sent(late, "demo", 1, sent_on=date(2026, 12, 7), channel="courier", actor="owner")
    with pytest.raises(LookupError):  # the day is accepted; letter 1 does not exist in the demo
        svc.mark_sent(late, "demo", 1, sent_on=date(2026, 12, 6), channel="courier", actor="owner")


def test_a_letter_fact_too_long_is_refused_naming_it_and_the_form_keeps_it(demo_app) -> None:  # type: ignore[no-untyped-def]
    """A supplier name of 5001 characters went into the letter whole: now the fact and its limit
    are named in the page's language, everything typed comes back, and no letter is kept."""
    from pages_support import foreign_sentences, visible

    from disputedesk.services import letters as svc

    long = "深圳" * 2500 + "司"
    form = {"kind": "formal-complaint", "lang": "both", "format": "pdf", "layout": "side-by-side",
            "fact_supplier_name_zh": long}  # fmt: skip
    with TestClient(create_app(demo_app)) as c:
        sign_in(c, "owner")
        c.get("/?ws=demo&lang=zh")
        r = c.post("/documents/letters", data=form)
        shown = " ".join(visible(r.text))
        assert r.status_code == 400 and "卖方中文法定名称：超过 2000 个字符" in shown, shown[:600]
        assert foreign_sentences(r.text) == [] and f'value="{long}"' in r.text
        c.get("/lang/en")
        en = c.post("/documents/letters", data=form)
        assert en.status_code == 400 and "supplier_name_zh: longer than 2000 characters" in en.text
    assert svc.list_letters(demo_app, "demo") == []


def test_a_bundle_export_that_fails_says_why_in_the_pages_language(demo_app) -> None:
    """An export stopped by a damaged original tells the reader why in the page's language (the
    evidence number and the command to run shown as data), on the bundle's page and on /jobs."""
    from pages_support import foreign_sentences
    from sqlalchemy import select

    from disputedesk.store.db import unit_of_work
    from disputedesk.store.models import EvidenceItem

    ctx = demo_app
    with unit_of_work(ctx.engine) as s:
        sha = s.execute(select(EvidenceItem.sha256).where(EvidenceItem.number == 3)).scalar_one()
    original = ctx.blobs.local_file(sha)
    original.chmod(0o644)
    original.write_bytes(b"changed behind the vault's back")
    with TestClient(create_app(ctx)) as c:
        sign_in(c, "owner")
        shown = {}
        for lang in ("zh", "en"):
            c.get(f"/lang/{lang}")
            r = c.post("/documents/bundles", data={"scope": "selection", "items": "E-0003"}, follow_redirects=False)
            assert r.status_code == 303, r.text[-1500:]
            for _ in range(120):
                progress = c.get(r.headers["location"], headers={"HX-Request": "true"}).text
                if "flash error" in progress:
                    break
                time.sleep(0.25)
            shown[lang] = re.search(r'class="flash error">(.*?)</p>', progress, re.S).group(1)  # type: ignore[union-attr]
        assert shown["zh"].startswith("<code>E-0003</code>：所存原件的 SHA-256 已与登记时不同（证据库已受损）"), shown
        assert "<code>disputedesk verify</code>" in shown["zh"] and foreign_sentences(f"<p>{shown['zh']}</p>") == []
        assert shown["en"] == (
            "<code>E-0003</code>: the stored original no longer has its SHA-256 (vault damaged); "
            "run `<code>disputedesk verify</code>`"
        ), shown
        c.get("/lang/zh")
        jobs = "".join(c.get(f"/jobs/{n}").text for n in set(re.findall(r'href="/jobs/(\d+)"', c.get("/jobs").text)))
        assert "所存原件的 SHA-256 已与登记时不同" in jobs and "vault damaged" not in jobs
        api = c.get("/api/bundles").json()  # the API keeps the English sentence
        assert any((x.get("error") or "").endswith("(vault damaged); run `disputedesk verify`") for x in api), api
