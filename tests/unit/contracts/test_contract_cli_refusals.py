"""`disputedesk contract check` on a file it cannot check (issue 19, contract24): the message names the file and what is
wrong in English and in Chinese (the CLI has no page language; a Chinese user reads the second line), with the same
sentences the API gives in `error` — an empty file, a text with no words, a PDF without text."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from disputedesk.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("name", "data", "en", "zh"),
    [
        ("empty.txt", b"", "is empty (0 bytes)", "空文件"),
        ("figures.txt", "1234 5678 —— 90%".encode(), "holds no words", "只有数字、标点或符号"),
        ("blank.txt", "   \n\u3000\n".encode(), "holds no text", "没有文字"),
    ],
)
def test_a_refusal_is_said_in_english_and_in_chinese(tmp_path: Path, name: str, data: bytes, en: str, zh: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    result = runner.invoke(app, ["contract", "check", str(bad)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, lines
    assert lines[0].startswith("error: ") and name in lines[0] and en in lines[0]
    assert lines[1].startswith("错误：") and name in lines[1] and zh in lines[1], lines[1]
    assert not any(c.isascii() and c.isalpha() for c in lines[1].replace(str(bad), "")), lines[1]


def test_a_missing_file_is_named_in_both_languages(tmp_path: Path) -> None:
    result = runner.invoke(app, ["contract", "check", str(tmp_path / "nowhere.pdf")])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error: ") and "nowhere.pdf" in lines[0]
    assert lines[1].startswith("错误：") and "nowhere.pdf" in lines[1]
