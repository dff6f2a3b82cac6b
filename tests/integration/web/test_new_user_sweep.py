"""What a new user meets on an empty workspace, found by using the app as one (quality sweep):
a supplier entered with its Chinese name only, a payment with a third decimal, a contact whose time
zone is typed in words, and the vault's ledger times shown in the viewer's zone."""

from __future__ import annotations

import re

from pages_support import alert, foreign_sentences, owner_client

from disputedesk.services.import_evidence import import_paths


def test_a_supplier_with_only_its_chinese_name_reads_in_chinese_and_refusals_name_the_field(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    c = owner_client(sqlite_ctx)
    try:
        r = c.post(
            "/suppliers?lang=zh", data={"name_zh": "测试激光设备有限公司", "kind": "factory"}, follow_redirects=False
        )
        assert r.status_code == 303, r.text[-1500:]
        page = c.get(r.headers["location"] + "?lang=zh")
        assert page.status_code == 200 and "测试激光设备有限公司" in page.text
        assert "no USCC recorded" not in page.text and foreign_sentences(page.text) == [], foreign_sentences(page.text)
        assert "统一社会信用代码" in page.text
        assert "no USCC recorded" in c.get(r.headers["location"] + "?lang=en").text
        key = r.headers["location"].rstrip("/").rsplit("/", 1)[-1]

        contact = {"name": "王磊", "level": "support_engineer", "tz": "北京时间", "channel1": "email",
                   "address1": "wang@example.cn", "start1": "09:00", "end1": "18:00"}  # fmt: skip
        r = c.post(f"/suppliers/{key}/contacts?lang=zh", data=contact)
        said = alert(r.text)
        assert r.status_code == 400 and "时区" in said and "北京时间" in said and "channels[" not in said, said
        assert foreign_sentences(r.text) == []
        r = c.post(f"/suppliers/{key}/contacts?lang=en", data=contact)
        assert "tz: &#39;北京时间&#39; is not a time zone" in alert(r.text)

        pay = {"supplier": key, "currency": "EUR", "amount": "1.005", "paid_on": "2026-03-05"}
        r = c.post("/records/payments/new?lang=zh", data=pay)
        said = alert(r.text)
        assert r.status_code == 422 and "金额" in said and "2 位小数" in said and "Decimal" not in said, said
        r = c.post("/records/payments/new?lang=en", data=pay)
        assert "amount: at most 2 decimal places" in alert(r.text)
    finally:
        c.__exit__(None, None, None)


def test_the_ledger_times_are_not_labelled_utc_when_shown_in_the_viewers_zone(sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    note = tmp_path / "note.txt"
    note.write_text("Service report\n", encoding="utf-8")
    import_paths(sqlite_ctx, "default", [note], actor="test")
    c = owner_client(sqlite_ctx)
    try:
        c.cookies.set("tz", "America/New_York")
        for lang, utc in (("en", "Time (UTC)"), ("zh", "时间（UTC）")):
            page = c.get(f"/evidence/E-0001?lang={lang}")
            assert page.status_code == 200 and utc not in page.text, lang
    finally:
        c.__exit__(None, None, None)


def test_a_supplier_csv_that_is_not_one_is_explained_in_the_page_language(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """A spreadsheet saved wrong (other columns, a bad row, mixed encodings) is refused with each
    problem said in the page's language; the column names and values stay as they are."""
    c = owner_client(sqlite_ctx)
    try:
        wrong_columns = "名称,地址\n某某公司,深圳\n".encode()
        bad_row = "legal_name_zh,uscc,email_domains,colour\n测试有限公司,123,不是域名,red\n".encode()
        mixed = b"legal_name_zh,uscc\n" + "甲公司,1\n".encode() + "乙公司,2\n".encode("gbk")
        for name, data, expected in (
            ("a.csv", wrong_columns, "缺少必需的列"),
            ("b.csv", bad_row, "不是有效的统一社会信用代码"),
            ("c.csv", mixed, "编码混杂"),
        ):
            r = c.post("/suppliers/import?lang=zh", files={"file": (name, data, "text/csv")})
            assert r.status_code == 400 and expected in r.text, (name, r.text[-1500:])
            assert foreign_sentences(r.text) == [], (name, foreign_sentences(r.text))
        r = c.post("/suppliers/import?lang=zh", files={"file": ("b.csv", bad_row, "text/csv")})
        assert "未知的列，已忽略" in r.text and "colour" in r.text
        en = c.post("/suppliers/import?lang=en", files={"file": ("a.csv", wrong_columns, "text/csv")})
        assert "missing required column(s): uscc" in en.text
    finally:
        c.__exit__(None, None, None)


def test_a_requests_evaluation_time_is_shown_in_the_viewers_zone_like_on_the_list(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """ "breached as of …" is a moment, not the supplier's business time: the request page shows it in
    the viewer's zone, as the requests list does (it was in the supplier's zone, unlabelled)."""
    from disputedesk.services import sla

    from sla_fixtures import TERMS, seed

    seed(sqlite_ctx)
    sla.set_terms(sqlite_ctx, "default", TERMS, contract_number="SC-1", actor="t")
    sla.evaluate_all(sqlite_ctx, "default", as_of=sla.parse_time("2026-05-01T00:00+00:00", "as_of"), actor="t")
    c = owner_client(sqlite_ctx)
    try:
        c.cookies.set("tz", "America/New_York")
        listing = c.get("/requests?lang=en").text
        page = c.get("/requests/SR-0001?lang=en").text
        assert "30 Apr 2026, 20:00" in listing.split("as of", 1)[1][:200]
        shown = page.split("as of", 1)[1][:120]
        assert "30 Apr 2026" in shown and "20:00" in shown and "08:00" not in shown, shown
    finally:
        c.__exit__(None, None, None)


def test_a_file_whose_text_could_not_be_read_says_so_in_the_page_language(sqlite_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A broken .docx is kept as evidence; its preview says in the page's language that its text
    was not extracted (the reader's own reason follows, marked as English), not a bare English line."""
    broken = tmp_path / "bad.docx"
    broken.write_bytes(b"PK\x03\x04 not really a document")
    import_paths(sqlite_ctx, "default", [broken], actor="test")
    c = owner_client(sqlite_ctx)
    try:
        page = c.get("/evidence/E-0001?lang=zh").text
        preview = page.split('class="preview"', 1)[1]
        assert "未能提取文本" in preview and foreign_sentences(preview) == [], preview[:800]
        assert "Text not extracted" in c.get("/evidence/E-0001?lang=en").text
    finally:
        c.__exit__(None, None, None)


def test_a_day_that_does_not_exist_is_named_as_such_not_as_a_wrong_format(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """30 February typed in the right form is told as a day that does not exist; a day in another
    form (31/12/2026) still gets the format to use."""
    c = owner_client(sqlite_ctx)
    try:
        r = c.post(
            "/suppliers?lang=zh", data={"name_zh": "测试激光设备有限公司", "kind": "factory"}, follow_redirects=False
        )
        key = r.headers["location"].rstrip("/").rsplit("/", 1)[-1]
        pay = {"supplier": key, "currency": "EUR", "amount": "100", "paid_on": "2026-02-30"}
        said = alert(c.post("/records/payments/new?lang=zh", data=pay).text)
        assert "2026-02-30" in said and "不是实际存在的日期" in said and "请写成" not in said, said
        assert "is not a real calendar date" in alert(c.post("/records/payments/new?lang=en", data=pay).text)
        said = alert(c.post("/records/payments/new?lang=zh", data={**pay, "paid_on": "31/12/2026"}).text)
        assert "请写成 2027-01-20 的形式" in said, said
    finally:
        c.__exit__(None, None, None)


def test_a_supplier_with_only_its_chinese_name_has_no_english_name_shown(sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    """The Chinese name is not repeated as the English name nor twice in the heading."""
    c = owner_client(sqlite_ctx)
    try:
        r = c.post(
            "/suppliers?lang=zh", data={"name_zh": "测试激光设备有限公司", "kind": "factory"}, follow_redirects=False
        )
        page = c.get(r.headers["location"] + "?lang=zh").text
        heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)  # type: ignore[union-attr]
        assert heading.count("测试激光设备有限公司") == 1, heading
        row = re.search(r"<th scope=\"row\">英文名称</th>\s*<td>(.*?)</td>", page, re.S)
        assert row and "测试激光设备有限公司" not in row.group(1), row and row.group(1)
    finally:
        c.__exit__(None, None, None)
