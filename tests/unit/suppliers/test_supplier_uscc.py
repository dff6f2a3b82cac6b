"""USCC validation: what a buyer sees when checking a supplier's Unified Social Credit Code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from disputedesk.domain.uscc import ALPHABET, check_uscc, compute_check_character


def make(head17: str) -> str:
    """A code with a correct check character, computed by python-stdnum (not by our code)."""
    return head17 + stdnum_uscc.calc_check_digit(head17)


NINGBO_FACTORY = make("91330200" + "MA2H3K7L0")  # enterprise registered in Ningbo
SHENZHEN_TRADER = make("91440300" + "MA5F1Q2R3")  # enterprise registered in Shenzhen


def test_published_example_is_valid_and_read_into_parts() -> None:
    res = check_uscc("91110000600037341L")  # the example in python-stdnum's documentation
    assert res.valid and res.reason == "valid"
    assert res.parts is not None
    assert res.parts.authority_code == "9" and "enterprise" in (res.parts.entity_type or "")
    assert res.parts.division.province == "北京市"
    assert res.parts.organisation_code == "600037341"
    assert res.is_enterprise


@pytest.mark.parametrize(
    ("code", "province", "name"),
    [(NINGBO_FACTORY, "浙江省", "宁波市"), (SHENZHEN_TRADER, "广东省", "深圳市")],
)
def test_constructed_codes_are_valid_with_their_region(code: str, province: str, name: str) -> None:
    res = check_uscc(code)
    assert res.valid, res.reason
    assert res.parts is not None
    assert res.parts.division.province == province
    assert res.parts.division.name == name
    assert res.warnings == ()


def test_pasted_forms_are_accepted() -> None:
    spaced = f"{NINGBO_FACTORY[:4]} {NINGBO_FACTORY[4:8]}-{NINGBO_FACTORY[8:]}".lower()
    fullwidth = "".join(chr(ord(c) + 0xFEE0) for c in NINGBO_FACTORY)  # typed with a Chinese IME
    for raw in (spaced, fullwidth, f"  {NINGBO_FACTORY}\n"):
        res = check_uscc(raw)
        assert res.valid, (raw, res.reason)
        assert res.code == NINGBO_FACTORY


@pytest.mark.parametrize("raw", ["", "   ", "--"])
def test_empty(raw: str) -> None:
    res = check_uscc(raw)
    assert not res.valid and res.problems[0].kind == "empty"


@pytest.mark.parametrize("cut", [1, 3, 17])
def test_wrong_length_says_how_many_characters(cut: int) -> None:
    res = check_uscc(NINGBO_FACTORY[:cut])
    assert not res.valid
    assert res.problems[0].kind == "length"
    assert f"{cut} characters" in res.reason and "18" in res.reason


def test_too_long() -> None:
    res = check_uscc(NINGBO_FACTORY + "1")
    assert not res.valid and "19 characters" in res.reason


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_excluded_letters_named_with_position(letter: str) -> None:
    code = NINGBO_FACTORY[:10] + letter + NINGBO_FACTORY[11:]
    res = check_uscc(code)
    assert not res.valid
    assert res.problems[0].kind == "character"
    assert res.problems[0].position == 11
    assert "position 11" in res.reason and repr(letter) in res.reason
    assert "I, O, Z, S and V" in res.reason


def test_letter_o_for_zero_gets_a_hint() -> None:
    res = check_uscc(NINGBO_FACTORY[:12] + "O" + NINGBO_FACTORY[13:])
    assert "did you mean 0" in res.reason


def test_letter_in_region_code_must_be_a_digit() -> None:
    code = make("9133A200" + "MA2H3K7L0")
    res = check_uscc(code)
    assert not res.valid
    assert res.problems[0].position == 5
    assert "must be a digit" in res.reason


def test_punctuation_is_rejected_with_position() -> None:
    res = check_uscc(NINGBO_FACTORY[:9] + "*" + NINGBO_FACTORY[10:])
    assert not res.valid and res.problems[0].position == 10


def test_wrong_check_character_names_the_expected_one() -> None:
    good = NINGBO_FACTORY[-1]
    wrong = "1" if good != "1" else "2"
    res = check_uscc(NINGBO_FACTORY[:17] + wrong)
    assert not res.valid
    assert res.problems[0].kind == "check_character"
    assert res.expected_check_character == good
    assert f"give {good!r}" in res.reason


def test_unknown_authority_code_is_a_warning_not_invalid() -> None:
    res = check_uscc(make("01330200" + "MA2H3K7L0"))
    assert res.valid
    assert any("registration-authority code '0'" in w for w in res.warnings)


def test_letter_authority_allowed_by_the_standard() -> None:
    # GB 32100-2015 allows letters in position 1 (Y = other authorities); stdnum 2.2 does not.
    res = check_uscc(make("Y1330200" + "MA2H3K7L0"))
    assert res.valid
    assert res.notes and "python-stdnum" in res.notes[0]


def test_unknown_division_is_a_warning() -> None:
    res = check_uscc(make("91999999" + "MA2H3K7L0"))
    assert res.valid
    assert any("999999" in w and "division" in w for w in res.warnings)


def test_individual_business_is_not_an_enterprise() -> None:
    res = check_uscc(make("92330200" + "MA2H3K7L0"))
    assert res.valid and not res.is_enterprise
    assert res.parts is not None and "individual business" in (res.parts.entity_type or "")


def test_compute_check_character_matches_stdnum() -> None:
    assert compute_check_character(NINGBO_FACTORY[:17]) == NINGBO_FACTORY[17]
    with pytest.raises(ValueError):
        compute_check_character("123")


_heads = st.builds(
    lambda org: "91330200" + org,
    st.text(alphabet=ALPHABET, min_size=9, max_size=9),
)


@given(_heads)
def test_any_constructed_code_is_valid(head: str) -> None:
    assert check_uscc(make(head)).valid


@given(_heads, st.integers(min_value=8, max_value=17), st.sampled_from(ALPHABET))
def test_any_single_substitution_is_caught(head: str, pos: int, ch: str) -> None:
    code = make(head)
    if code[pos] == ch:
        return
    typo = code[:pos] + ch + code[pos + 1 :]
    assert not check_uscc(typo).valid
