from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest

from disputedesk.domain.contract_clarity import detected_kinds

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "contracts"
AS_OF = date(2026, 11, 26)  # after the PRC Arbitration Law 2025 revision entered into force


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def check_pair(kind: str, text: str, present: bool) -> None:
    """One pair of a phrasing family: the kind is detected in the text exactly when ``present``."""
    assert (kind in detected_kinds(text)) is present


def phrasing_family_test(pairs: Sequence[tuple[str, str, bool]], prefix: str = "") -> Callable[..., None]:
    """The harness of the phrasing-family files: a test of every (kind, text, present) pair, each a
    case named PREFIX + kind + its index in the list. Assign it to a ``test_`` name in the file."""

    @pytest.mark.parametrize(
        ("kind", "text", "present"), pairs, ids=[f"{prefix}{p[0]}-{i}" for i, p in enumerate(pairs)]
    )
    def test(kind: str, text: str, present: bool) -> None:
        check_pair(kind, text, present)

    return test


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal PDF with a Helvetica text layer, one list of lines per page (ASCII only)."""
    objects: list[bytes] = []
    n_pages = len(pages)
    # 1: catalog, 2: pages, 3: font, then page/content pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
