"""A photo has no language of its own: the letters and the evidence bundle never call it an
"English original awaiting translation". What a letter shows for it is the user's description,
marked as a description where its language is not the letter's; the bundle gives it no language
and no translation file unless a translation was recorded for it (a photographed letter)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from disputedesk.documents.legal_zh import UNTRANSLATED_ZH
from disputedesk.services import letters as svc
from disputedesk.services.bundle import export_bundle, set_note
from disputedesk.services.imports import import_paths
from disputedesk.store.db import unit_of_work
from disputedesk.store.models import EvidenceItem

from documents_support import demo_context
from support import write_files

PHOTO_DESCRIPTION = "Photo of the nameplate of laser 1 (RF3015G6-2512-0087), taken 27.02.2026 (EXIF date and offset)."


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from disputedesk.services import cases

    for ctx in demo_context(tmp_path_factory, "image-language"):
        # the nameplate photo (E-0027) is evidence of a claim, so the letters list it
        cases.add_claim(
            ctx,
            "demo",
            "CASE-2026-001",
            {"kind": "repair", "amount": "120.00", "currency": "EUR", "evidence": ["E-0027"]},
            actor="test",
        )
        yield ctx


def evidence_rows(rendered: svc.Rendered, lang: str) -> dict[str, list[str]]:
    table = next(b.table for b in rendered.letter.blocks[lang] if b.marker == "evidence")
    assert table is not None
    return {row[0]: row for row in table.rows}


def test_a_chinese_letter_marks_a_photos_english_description_as_a_description(demo) -> None:
    r = svc.render_letter(demo, "demo", None, "demand", lang="zh", fmt="pdf", letter_date=date(2026, 11, 2))
    rows = evidence_rows(r, "zh")
    photo = rows["E-0027"][1]
    assert photo.startswith(PHOTO_DESCRIPTION[:60])
    assert photo.endswith("〔英文说明，待译〕") and UNTRANSLATED_ZH not in photo
    # a mail's English text is still an English original awaiting its translation
    assert rows["E-0045"][1].endswith(UNTRANSLATED_ZH)


def test_an_english_letter_marks_a_photos_chinese_description_as_a_description(demo) -> None:
    with unit_of_work(demo.engine) as s:
        s.execute(update(EvidenceItem).where(EvidenceItem.number == 27).values(description="一号激光器铭牌照片"))
    try:
        r = svc.render_letter(demo, "demo", None, "demand", lang="en", fmt="pdf", letter_date=date(2026, 11, 2))
        assert evidence_rows(r, "en")["E-0027"][1] == "一号激光器铭牌照片 [Chinese description, translation needed]"
    finally:
        with unit_of_work(demo.engine) as s:
            s.execute(update(EvidenceItem).where(EvidenceItem.number == 27).values(description=PHOTO_DESCRIPTION))


MAIL_EN = (
    b"From: Jonas Reuter <j.reuter@auerbach-feinblech.de>\r\nTo: service@ruifenglaser.com\r\n"
    b"Subject: Laser 1 down: alarm E-207\r\nDate: Fri, 27 Mar 2026 16:40:00 +0100\r\n\r\n"
    b"Laser 1 stopped with alarm E-207 after the firmware update. Please call us.\r\n"
)


def _bundle_csv(ctx, out: Path) -> tuple[dict[str, dict[str, str]], list[str]]:  # type: ignore[no-untyped-def]
    export_bundle(ctx, "default", out, all_items=True, actor="test")
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        root = names[0].split("/", 1)[0]
        text = z.read(f"{root}/data/evidence-list/evidence-list.csv").decode("utf-8-sig")
    rows = {r["number 编号"]: r for r in csv.DictReader(io.StringIO(text))}
    return rows, names


def test_the_bundle_gives_a_photo_no_language_and_no_translation_unless_one_is_recorded(
    sqlite_ctx, tmp_path: Path
) -> None:
    folder = write_files(tmp_path / "in", {"a_mail.eml": MAIL_EN, "b_nameplate.jpg": b"\xff\xd8\xff\xe0 nameplate"})
    assert import_paths(sqlite_ctx, "default", [folder], actor="test").imported == 2
    # OCR read the words on the nameplate (English): they are not the photo's language
    with unit_of_work(sqlite_ctx.engine) as s:
        s.execute(
            update(EvidenceItem)
            .where(EvidenceItem.number == 2)
            .values(text="Shenzhen Ruifeng Laser Model RF-F3015-6kW Serial RF3015G6-2512-0087 Made in China")
        )
    rows, names = _bundle_csv(sqlite_ctx, tmp_path / "one.zip")
    photo, mail = rows["E-0002"], rows["E-0001"]
    assert photo["language 语言"] == "none (image) 无（图像）"
    assert photo["translation 译文"] == "" and photo["translation status 译文状态"] == ""
    assert not any(n.endswith("data/items/E-0002/translation.zh.txt") for n in names)
    assert mail["language 语言"] == "en" and "translation — not verified" in mail["translation 译文"]
    # a translation entered for it says the photo shows text someone needs translated: then it has one
    set_note(sqlite_ctx, "default", "E-0002", actor="test", translation_zh="深圳锐锋激光 型号 RF-F3015-6kW 中国制造")
    rows, names = _bundle_csv(sqlite_ctx, tmp_path / "two.zip")
    assert rows["E-0002"]["language 语言"] == "en"
    assert "translation — not verified" in rows["E-0002"]["translation 译文"]
    assert any(n.endswith("data/items/E-0002/translation.zh.txt") for n in names)
