"""One media-type registry (ingest/mediatypes.py): the import pipeline and the correspondence
parsers read the same types and extension sets."""

from pathlib import Path

from disputedesk.ingest import mail, mediatypes
from disputedesk.services.imports import mail as import_mail


def test_one_table_of_types() -> None:
    assert mail.MBOX is mediatypes.MBOX and mail.MAILDIR is mediatypes.MAILDIR
    assert set(mail.parsers()) >= {mediatypes.EML, mediatypes.MBOX, mediatypes.MSG, mediatypes.WHATSAPP}
    assert not hasattr(import_mail, "EML_EXT"), "the import service keeps no copy of the extension sets"


def test_stored_file_and_given_path_rules(tmp_path: Path) -> None:
    head = b"From someone@example.com Mon Jan  1 00:00:00 2026\nSubject: x\n\nhi\n"
    assert mediatypes.mail_source_type("export.txt", head, "text/plain") == mediatypes.MBOX
    # A CSV without a chat export's columns is a plain file when imported ...
    assert mediatypes.mail_source_type("prices.csv", b"item,price\n", "text/csv") is None
    # ... but a CSV handed to the chat parsers is read as a chat (the parser says why not).
    p = tmp_path / "prices.csv"
    p.write_bytes(b"item,price\n")
    assert mediatypes.detect_source_type(p) == mediatypes.CHAT_CSV
    assert mediatypes.detect_media_type("scan.pdf", b"%PDF-1.7\n") == "application/pdf"
    assert mediatypes.detect_media_type("fake.pdf", b"hello") == "text/plain"
