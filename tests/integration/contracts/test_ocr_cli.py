"""`disputedesk ocr`: a photo of a delivery note or contract gets a searchable copy beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from contract_scans import EN_PAGE, scanned_page, skip_without_tesseract


def cli(settings) -> Callable[..., subprocess.CompletedProcess[str]]:  # type: ignore[no-untyped-def]
    """`disputedesk ARGS…` on the test's installation (Tesseract needed, else the test is skipped)."""
    skip_without_tesseract()
    env = {**os.environ, "DISPUTEDESK_DATA_DIR": str(settings.data_dir)}
    env["DISPUTEDESK_DATABASE_URL"] = settings.database_url
    exe = str(Path(sys.executable).with_name("disputedesk"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], env=env, capture_output=True, text=True, timeout=300, check=False)

    return run


def test_ocr_a_photo_from_the_command_line(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli(settings)
    assert run("init").returncode == 0
    photo = tmp_path / "delivery-note.jpg"
    scanned_page(EN_PAGE).save(photo, "JPEG")
    assert run("import", str(photo)).returncode == 0
    r = run("ocr", "E-0001")
    assert r.returncode == 0, r.stderr
    assert "searchable copy E-0002" in r.stdout and "mean confidence" in r.stdout
    assert "exists already" in run("ocr", "E-0001").stdout  # made once, not twice
    assert "delivery-note.ocr.pdf" in run("evidence", "list", "--json").stdout
    missing = run("ocr", "E-0099")
    assert missing.returncode == 1 and "E-0099" in missing.stderr


# A photo with no writing in it (a machine, a landscape): the user is told OCR found no text, not
# that a searchable copy holds "text from OCR".
def test_a_photo_without_writing_is_said_to_have_no_text(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image, ImageDraw

    run = cli(settings)
    assert run("init").returncode == 0
    photo = tmp_path / "spindle-housing.png"
    img = Image.new("RGB", (640, 480), (40, 70, 120))
    ImageDraw.Draw(img).ellipse((200, 120, 440, 360), fill=(200, 200, 210))  # a shape, no letters
    img.save(photo)
    assert run("import", str(photo)).returncode == 0
    r = run("ocr", "E-0001")
    assert r.returncode == 0, r.stderr
    assert "found no text" in r.stdout, r.stdout
    assert "text from OCR" not in r.stdout
    listed = run("evidence", "list", "--json").stdout
    assert "OCR found no text" in listed  # the copy's description says so too
