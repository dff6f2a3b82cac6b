"""The one rule for evidence labels (domain/labels.py), where the seven former copies differed."""

from disputedesk.domain.labels import evidence_label, evidence_number, is_written_label, normal_label


def test_written_form_is_e_and_at_least_four_digits() -> None:
    assert evidence_label(42) == "E-0042"
    assert evidence_label(12345) == "E-12345"


def test_typed_labels_are_read_leniently_everywhere() -> None:
    # The SLA calendar's evidence references and the share scope used to refuse a lower-case 'e'.
    assert evidence_number(" e-42 ") == 42
    assert normal_label("e-0042") == "E-0042"
    assert evidence_number("E-1234567890") is None  # more than nine digits
    assert evidence_number("E42") is None and evidence_number(42) is None and evidence_number("") is None


def test_domain_checks_the_written_form() -> None:
    # The domain's old rule (E- and 4+ digits, any length) now has the nine-digit bound too.
    assert is_written_label("E-0042") and is_written_label("E-12345")
    assert not is_written_label("e-0042") and not is_written_label("E-42")
    assert not is_written_label("E-00042") and not is_written_label("E-1234567890")
