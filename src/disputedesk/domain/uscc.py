"""Unified Social Credit Code (统一社会信用代码, USCC): is this code well formed, and what does it say?

The structure is fixed by the national standard GB 32100-2015 (法人和其他组织统一社会信用代码
编码规则, with amendment XG1-2016): 18 characters from the alphabet 0-9 and A-Z without
I, O, Z, S, V:

====  =====================================================================
pos   meaning
====  =====================================================================
1     registration authority (登记管理部门码), digit or letter
2     entity type within that authority (机构类别码), digit or letter
3-8   administrative division of the registering office (GB/T 2260), digits
9-17  organisation identifier (主体标识码, the old GB 11714 organisation code)
18    check character (GB/T 17710 / ISO 7064 style, modulus 31)
====  =====================================================================

The check character is computed by ``python-stdnum`` (``stdnum.cn.uscc``), and its
``validate`` decides validity. Two things are added here because the library only raises
``InvalidFormat`` / ``InvalidChecksum`` without saying *where* or *what was expected*:

* a diagnosis that names the position and character that is wrong, and the expected check
  character;
* a reading of the parts (authority, entity type, division name from stdnum's own GB/T 2260
  data ``cn/loc``).

One deliberate difference from stdnum 2.2: it requires *digits* in positions 1-8, but
GB 32100-2015 allows letters in positions 1-2 (e.g. ``Y`` = other authorities, ``N`` =
agriculture). A code with a letter there and a correct check character is accepted here,
with a note, because rejecting it would be wrong under the standard itself.

A valid code only proves the code is well formed. Whether it belongs to the supplier is a
registry question: check it on the National Enterprise Credit Information Publicity System
(国家企业信用信息公示系统) and keep a screenshot as evidence.

Pure domain code: no I/O, no clock.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from stdnum import numdb
from stdnum.cn import uscc as _stdnum_uscc
from stdnum.exceptions import ValidationError

from .text import Quoted, T

STANDARD = "GB 32100-2015 (with amendment XG1-2016)"

#: The 31 characters a USCC may use (0-9, A-Z without I, O, Z, S, V), from python-stdnum.
ALPHABET: str = _stdnum_uscc._alphabet
EXCLUDED_LETTERS = "IOZSV"

# Registration authorities and their entity types.
# Source: GB 32100-2015 (table of 登记管理部门码 and 机构类别码). The codes 1, 5, 9 and Y are
# the ones printed in the original standard; the others were added by later amendments and
# are copied from secondary sources (zh.wikipedia 统一社会信用代码): UNVERIFIED against the
# current official table, so unknown codes only give a *warning*, never an "invalid".
AUTHORITIES: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "1": (
        "机构编制",
        "institutional staffing (public bodies)",
        {
            "1": ("机关", "government organ"),
            "2": ("事业单位", "public institution"),
            "3": ("中央编办直接管理机构编制的群众团体", "mass organisation (central staffing office)"),
            "9": ("其他", "other"),
        },
    ),
    "2": (
        "外交",
        "foreign affairs",
        {"1": ("外国常驻新闻机构", "resident foreign news agency"), "9": ("其他", "other")},
    ),
    "3": (
        "司法行政",
        "justice administration",
        {
            "1": ("律师执业机构", "law firm"),
            "2": ("公证处", "notary office"),
            "3": ("基层法律服务所", "grassroots legal service office"),
            "4": ("司法鉴定机构", "forensic appraisal institution"),
            "5": ("仲裁委员会", "arbitration commission"),
            "9": ("其他", "other"),
        },
    ),
    "4": ("文化", "culture", {"1": ("外国在华文化中心", "foreign cultural centre"), "9": ("其他", "other")}),
    "5": (
        "民政",
        "civil affairs",
        {
            "1": ("社会团体", "social organisation"),
            "2": ("民办非企业单位", "private non-enterprise unit"),
            "3": ("基金会", "foundation"),
            "9": ("其他", "other"),
        },
    ),
    "6": (
        "旅游",
        "tourism",
        {
            "1": ("外国旅游部门常驻代表机构", "foreign tourism office"),
            "2": ("港澳台地区旅游部门常驻内地（大陆）代表机构", "HK/Macao/Taiwan tourism office"),
            "9": ("其他", "other"),
        },
    ),
    "7": (
        "宗教",
        "religious affairs",
        {"1": ("宗教活动场所", "place of worship"), "2": ("宗教院校", "religious school"), "9": ("其他", "other")},
    ),
    "8": ("工会", "trade unions", {"1": ("基层工会", "grassroots trade union"), "9": ("其他", "other")}),
    "9": (
        "工商（市场监督管理）",
        "market regulation (industry and commerce)",
        {
            "1": ("企业", "enterprise"),
            "2": ("个体工商户", "individual business (sole trader)"),
            "3": ("农民专业合作社", "farmers' cooperative"),
        },
    ),
    "A": (
        "中央军委改革和编制办公室",
        "Central Military Commission staffing office",
        {"1": ("军队事业单位", "military public institution"), "9": ("其他", "other")},
    ),
    "N": (
        "农业",
        "agriculture",
        {
            "1": ("组级集体经济组织", "group-level collective economic organisation"),
            "2": ("村级集体经济组织", "village-level collective economic organisation"),
            "3": ("乡镇级集体经济组织", "township-level collective economic organisation"),
            "9": ("其他", "other"),
        },
    ),
    "Y": ("其他", "other registration authorities", {"1": ("其他", "other")}),
}
#: Authority codes printed in GB 32100-2015 itself; the rest of AUTHORITIES is UNVERIFIED.
VERIFIED_AUTHORITY_CODES = frozenset({"1", "5", "9", "Y"})

_NATIONAL_DIVISION = "100000"  # used by central-level registration offices (e.g. SAMR itself)
_YEARS = re.compile(r"^\[(\d{4})?-(\d{4})?\]")


@dataclass(frozen=True)
class UsccProblem:
    """Why a code is invalid. ``kind`` is stable for programs; ``message`` is for people."""

    kind: str  # "empty" | "length" | "character" | "check_character"
    message: str
    position: int | None = None  # 1-based position in the compacted code


@dataclass(frozen=True)
class Division:
    code: str
    province: str | None
    name: str | None  # city/county/district as in GB/T 2260, or the province for xx0000
    note: str | None = None  # e.g. "code in use 1983-1997"


@dataclass(frozen=True)
class UsccParts:
    authority_code: str
    authority: str | None  # "工商（市场监督管理） / market regulation ..." when known
    entity_type_code: str
    entity_type: str | None
    division: Division
    organisation_code: str  # positions 9-17
    check_character: str


@dataclass(frozen=True)
class UsccResult:
    input: str
    code: str  # compacted: spaces/hyphens removed, upper-cased, full-width folded
    valid: bool
    problems: tuple[UsccProblem, ...] = ()
    warnings: tuple[str, ...] = ()
    parts: UsccParts | None = None
    expected_check_character: str | None = None
    standard: str = STANDARD
    notes: tuple[str, ...] = field(default=())

    @property
    def reason(self) -> str:
        """One human sentence: why invalid, or "valid"."""
        if self.valid:
            return "valid"
        return "; ".join(p.message for p in self.problems)

    @property
    def is_enterprise(self) -> bool:
        """True for 91… codes: an enterprise registered with market regulation."""
        return self.parts is not None and self.parts.authority_code == "9" and self.parts.entity_type_code == "1"


def compact(raw: str) -> str:
    """Normalise what people paste: full-width characters (９１…), spaces, hyphens, lower case."""
    folded = unicodedata.normalize("NFKC", raw)
    return _stdnum_uscc.compact(folded)


def compute_check_character(first17: str) -> str:
    """The check character for 17 leading characters (python-stdnum's algorithm)."""
    head = compact(first17)
    if len(head) != 17 or any(c not in ALPHABET for c in head):
        raise ValueError(f"need 17 characters from the USCC alphabet, got {first17!r}")
    return _stdnum_uscc.calc_check_digit(head)


_LOOKALIKE = {
    "O": " (did you mean 0?)",
    "I": " (did you mean 1?)",
    "Z": " (did you mean 2?)",
    "S": " (did you mean 5?)",
}


def _char_problem(code: str) -> UsccProblem | None:
    for i, ch in enumerate(code, start=1):
        if not (ch.isascii() and ch.isalnum()):
            return UsccProblem("character", f"position {i}: {ch!r} is not a letter or digit", i)
        if 3 <= i <= 8 and not ch.isdigit():
            return UsccProblem(
                "character",
                f"position {i}: {ch!r} must be a digit (positions 3-8 are the administrative "
                f"division code of the registering office, GB/T 2260){_LOOKALIKE.get(ch, '')}",
                i,
            )
        if ch not in ALPHABET:
            return UsccProblem(
                "character",
                f"position {i}: {ch!r} is not allowed: the USCC alphabet excludes the letters "
                f"I, O, Z, S and V{_LOOKALIKE.get(ch, '')}",
                i,
            )
    return None


@lru_cache(maxsize=4096)
def division(code: str) -> Division:
    """Name the GB/T 2260 division from python-stdnum's data (which keeps historic codes too)."""
    if code == _NATIONAL_DIVISION:
        return Division(code, None, "national (central-level registration office)")
    info = numdb.get("cn/loc").info(code)
    province = None
    name = None
    note = None
    for _part, props in info:
        if "province" in props:
            province = props["province"]
        if "county" in props:
            raw = props["county"]
            m = _YEARS.match(raw)
            if m:
                start, end = m.group(1), m.group(2)
                if end:
                    note = T("code in use %(start)s-%(end)s (abolished since)", start=start or "?", end=end)
                raw = raw[m.end() :]
            name = raw
    if province is not None and code.endswith("0000"):
        name = province
    return Division(code, province, name, note)


def _read_parts(code: str) -> tuple[UsccParts, list[str]]:
    warnings: list[str] = []
    a, t = code[0], code[1]
    auth = AUTHORITIES.get(a)
    authority = entity = None
    if auth is None:
        warnings.append(
            f"position 1: registration-authority code {a!r} is not in the {STANDARD} table "
            "(ask for the business licence and check the registry)"
        )
    else:
        authority = f"{auth[0]} / {auth[1]}"
        if a not in VERIFIED_AUTHORITY_CODES:
            authority += " (authority table UNVERIFIED)"
        types = auth[2]
        if t in types:
            entity = f"{types[t][0]} / {types[t][1]}"
        else:
            warnings.append(
                f"position 2: entity-type code {t!r} is not listed for authority {a!r} "
                f"({auth[1]}); known: {', '.join(sorted(types))}"
            )
    div = division(code[2:8])
    if div.province is None and div.name is None:
        warnings.append(
            T(
                "positions 3-8: %(code)s is not a known GB/T 2260 division code "
                "(python-stdnum's data); check the registry entry",
                code=code[2:8],
            )
        )
    elif div.note:
        warnings.append(T("positions 3-8: division %(code)s %(note)s", code=code[2:8], note=div.note))
    parts = UsccParts(
        authority_code=a,
        authority=authority,
        entity_type_code=t,
        entity_type=entity,
        division=div,
        organisation_code=code[8:17],
        check_character=code[17],
    )
    return parts, warnings


def check_uscc(raw: str) -> UsccResult:
    """Validate a USCC and explain the answer.

    Invalid reasons: empty, wrong length (with the count), a character not allowed (with its
    1-based position), or a wrong check character (with the expected one). Valid codes carry
    their parts and warnings (unknown authority/type/division codes: worth a registry check).
    """
    if not isinstance(raw, str):
        raise TypeError("USCC must be a string")
    code = compact(raw)
    if not code:
        return UsccResult(raw, code, False, (UsccProblem("empty", T("no code given")),))
    if len(code) != 18:
        return UsccResult(
            raw,
            code,
            False,
            (
                UsccProblem(
                    "length",
                    T(
                        "wrong length: %(n)s characters after removing spaces and hyphens; a USCC has 18",
                        n=len(code),
                    ),
                ),
            ),
        )
    bad = _char_problem(code)
    if bad is not None:
        return UsccResult(raw, code, False, (bad,))
    expected = _stdnum_uscc.calc_check_digit(code[:17])
    notes: list[str] = []
    try:
        _stdnum_uscc.validate(code)
    except ValidationError as exc:
        # Our alphabet check passed, so stdnum can only object to the check character or to a
        # letter in positions 1-2 (see module docstring: allowed by GB 32100-2015).
        if code[17] != expected:
            problem = UsccProblem(
                "check_character",
                T(
                    "wrong check character: position 18 is %(got)s but the first 17 characters give %(expected)s",
                    got=Quoted(code[17]),
                    expected=Quoted(expected),
                ),
                18,
            )
            return UsccResult(raw, code, False, (problem,), expected_check_character=expected)
        if not code[:2].isdigit():
            notes.append(
                "python-stdnum 2.2 accepts only digits in positions 1-2; GB 32100-2015 allows "
                "letters there, so the code is accepted"
            )
        else:  # pragma: no cover - stdnum found something we did not; trust it
            return UsccResult(raw, code, False, (UsccProblem("format", f"rejected by python-stdnum: {exc}"),))
    parts, warnings = _read_parts(code)
    return UsccResult(
        raw,
        code,
        True,
        (),
        tuple(warnings),
        parts,
        expected_check_character=expected,
        notes=tuple(notes),
    )


def is_valid_uscc(raw: str) -> bool:
    return check_uscc(raw).valid
