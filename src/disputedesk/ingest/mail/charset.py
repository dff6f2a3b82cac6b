"""Decoding of mail header and body text, with Chinese mail in mind.

Rules (see docs/ingest.md):

* A declared charset is mapped to its *superset* before decoding: gb2312/gbk/cp936/euc-cn are
  decoded as GB18030, big5/cp950 as Big5-HKSCS (falling back to cp950 for the few Microsoft
  extensions), iso-8859-1/us-ascii as windows-1252, ISO-2022-JP as ISO-2022-JP-2 and so on.
  Chinese mail clients routinely label GBK text as "gb2312"; decoding it as gb2312 loses every
  character outside GB2312 (e.g. 镕, 喆, 堃).
* Undeclared or ``unknown-8bit`` bytes are tried as UTF-8, then GB18030 and Big5-HKSCS (only if
  the result looks like Chinese text), then windows-1252.
* Text that is damaged already (U+FFFD, the "锟斤拷" / "烫烫烫" / "屯屯屯" patterns produced when
  UTF-8 replacement characters or uninitialised memory were re-encoded as GBK) is flagged
  ``damaged`` and left as it is: we never "repair" it into something invented.
* The input bytes are never modified; only the returned text is new.

RFC 2047 encoded words are decoded here and not by ``email.policy.default`` because the stdlib
decodes every encoded word on its own: a multibyte character split across two adjacent encoded
words (common with long Chinese subjects) then becomes replacement characters, and a raw 8-bit
header becomes U+FFFD.  We join adjacent encoded words of the same charset before decoding, as
RFC 2047 section 6.2 allows, and decode raw 8-bit bytes with the rules above.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "DecodedText",
    "decode_bytes",
    "decode_header",
    "decode_rfc2231",
    "detect_damage",
    "normalise_charset",
]


@dataclass(frozen=True)
class DecodedText:
    """Decoded text and how it was obtained."""

    text: str
    charset: str | None  # Python codec actually used, None if nothing had to be decoded
    damaged: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


# Declared label (lower case) -> Python codec that is a superset of it.
_SUPERSETS: dict[str, str] = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gb2312-80": "gb18030",
    "x-gbk": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "euccn": "gb18030",
    "x-euc-cn": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "hz-gb-2312": "hz",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big-5": "big5hkscs",
    "big-five": "big5hkscs",
    "bigfive": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "cp950",
    "ms950": "cp950",
    "iso-2022-jp": "iso2022_jp_2",
    "csiso2022jp": "iso2022_jp_2",
    "iso-2022-jp-1": "iso2022_jp_2",
    "iso-2022-jp-2": "iso2022_jp_2",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "euc-jp": "euc_jis_2004",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "ansi_x3.4-1968": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode-1-1-utf-7": "utf-7",
    "iso-8859-8-i": "iso8859_8",
}
# Labels that mean "no information".
_UNKNOWN = {"", "unknown-8bit", "x-unknown", "unknown", "default", "x-user-defined", "8bit", "none"}
# When the declared (superset) codec fails strictly, the next codecs to try before giving up.
_FALLBACKS: dict[str, tuple[str, ...]] = {
    "big5hkscs": ("cp950",),
    "cp950": ("big5hkscs",),
    "iso2022_jp_2": ("iso2022_jp_ext", "iso2022_jp_3"),
}

# Patterns left behind when text was damaged before it reached us.
# "锟斤拷": UTF-8 U+FFFD U+FFFD (EF BF BD EF BF BD) read as GBK.
# "烫烫烫"/"屯屯屯": MSVC's 0xCC / 0xCD fill bytes of uninitialised memory read as GBK.
# "ï¿½": UTF-8 U+FFFD read as Latin-1.
_DAMAGE_PATTERNS: tuple[tuple[str, str], ...] = (
    ("\ufffd", "contains U+FFFD replacement characters"),
    ("锟斤拷", "contains '锟斤拷' (replacement characters re-encoded as GBK)"),
    ("烫烫烫", "contains '烫烫烫' (uninitialised memory read as GBK)"),
    ("屯屯屯", "contains '屯屯屯' (uninitialised memory read as GBK)"),
    ("ï¿½", "contains 'ï¿½' (replacement character read as Latin-1)"),
)


def normalise_charset(label: str | None) -> str | None:
    """Return the Python codec to use for a declared charset label, or None if unknown/absent."""
    if label is None:
        return None
    lab = label.strip().strip("\"'").lower()
    if lab in _UNKNOWN:
        return None
    if lab in _SUPERSETS:
        return _SUPERSETS[lab]
    candidates = [lab]
    if lab.startswith("windows-"):
        # Python's own cpNNNN first: windows-874 (Thai) is only known as cp874, and other
        # libraries (extract-msg) register codecs under "windows-NNN" names that differ.
        candidates.insert(0, "cp" + lab[8:])
    if lab.startswith("x-"):
        candidates.append(lab[2:])
    for cand in candidates:
        try:
            name = codecs.lookup(cand).name
            break
        except LookupError:
            continue
    else:
        return None
    return _SUPERSETS.get(name, name)


def detect_damage(text: str) -> list[str]:
    """Reasons why this text is already damaged (empty list if it looks intact)."""
    reasons = [reason for pattern, reason in _DAMAGE_PATTERNS if pattern in text]
    return reasons


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x3040 <= o <= 0x30FF  # kana
        or 0x2000 <= o <= 0x206F  # general punctuation (“ ” — …)
    )


def _looks_chinese(text: str) -> bool:
    """True if (nearly) every non-ASCII character of a guessed decoding is a common CJK one.

    Used only for bytes whose charset is unknown: GB18030 decodes almost any byte string, so a
    Latin-1 "ü" followed by a letter would otherwise turn into a random ideograph.
    """
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return True
    for i in range(1, len(text) - 1):
        # a lone ideograph between two Latin letters ("w黵th") is a Latin-1 letter misread
        if ord(text[i]) > 0x7F and text[i - 1].isascii() and text[i - 1].isalpha():
            if text[i + 1].isascii() and text[i + 1].isalpha():
                return False
    cjk = sum(1 for c in non_ascii if _is_cjk(c))
    return cjk / len(non_ascii) >= 0.9


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode body or header bytes, honouring (the superset of) the declared charset."""
    notes: list[str] = []
    if not data:
        return DecodedText("", None)
    if data.isascii() and b"\x1b" not in data:
        return _finish(data.decode("ascii"), "ascii", notes)
    text: str | None
    codec = normalise_charset(declared)
    if declared and codec is None and declared.strip().lower() not in _UNKNOWN:
        notes.append(f"unknown charset {declared!r}; guessed")
    if codec is not None:
        text = _strict(data, codec)
        if text is not None:
            if codec != "utf-8" and _utf8_mislabel(data, codec):
                # Declared a legacy charset but the bytes are valid UTF-8 with multibyte
                # sequences: a frequent mislabel by webmail; valid UTF-8 rarely happens by chance.
                notes.append(f"declared {declared} but content is UTF-8")
                return _finish(data.decode("utf-8"), "utf-8", notes)
            if declared and codec != declared.strip().lower():
                notes.append(f"declared {declared}, decoded as superset {codec}")
            return _finish(text, codec, notes)
        for fb in _FALLBACKS.get(codec, ()):
            text = _strict(data, fb)
            if text is not None:
                notes.append(f"declared {declared}, decoded as {fb}")
                return _finish(text, fb, notes)
        notes.append(f"bytes are not valid {declared}")
        if codec == "utf-8":
            lossy = data.decode("utf-8", errors="replace")
            bad = lossy.count("\ufffd")
            good = sum(1 for c in lossy if ord(c) > 0x7F and c != "\ufffd")
            if good >= bad:
                # Mostly valid UTF-8 with a few broken sequences: damaged, not mislabelled.
                return _finish(lossy, "utf-8", notes, forced_damage="invalid UTF-8 sequences replaced")
    # Unknown or wrong label: guess.
    text = _strict(data, "utf-8")
    if text is not None:
        if codec is not None or declared:
            notes.append("decoded as utf-8")
        return _finish(text, "utf-8", notes)
    for guess in ("gb18030", "big5hkscs"):
        text = _strict(data, guess)
        if text is not None and _looks_chinese(text):
            notes.append(f"charset guessed as {guess}")
            return _finish(text, guess, notes)
    if codec is not None and codec not in ("utf-8", "cp1252"):
        # Keep the declared charset and mark what could not be decoded.
        text = data.decode(codec, errors="replace")
        notes.append(f"undecodable bytes replaced (declared {declared})")
        return _finish(text, codec, notes, forced_damage="undecodable bytes in declared charset")
    text = _strict(data, "cp1252")
    if text is not None:
        notes.append("charset guessed as windows-1252")
        return _finish(text, "cp1252", notes)
    text = data.decode("latin-1")
    notes.append("charset guessed as latin-1")
    return _finish(text, "latin-1", notes)


_SEVEN_BIT = {"utf-7", "iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_3", "hz", "ascii"}
_MULTIBYTE = {"gb18030", "big5hkscs", "cp950", "cp932", "cp949", "euc_jis_2004"}


def _utf8_mislabel(data: bytes, codec: str) -> bool:
    if codec in _SEVEN_BIT or codec.startswith("utf"):
        return False
    if _strict(data, "utf-8") is None:
        return False
    high = sum(1 for b in data if b >= 0x80)
    if codec in _MULTIBYTE:
        # short GBK/Big5 strings can be valid UTF-8 by chance; demand some length
        return high >= 9
    return high >= 2


def _finish(text: str, codec: str, notes: list[str], forced_damage: str | None = None) -> DecodedText:
    reasons = detect_damage(text)
    if forced_damage:
        reasons.append(forced_damage)
    return DecodedText(text, codec, bool(reasons), tuple(notes + reasons))


# --- headers -----------------------------------------------------------------------------------

_EW = re.compile(rb"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_WS_ONLY = re.compile(rb"^[ \t\r\n]*$")
_FOLD_TEXT = re.compile(r"\r?\n[ \t]")


def _ew_bytes(enc: bytes, payload: bytes) -> bytes | None:
    if enc in (b"b", b"B"):
        pad = (-len(payload)) % 4
        try:
            return base64.b64decode(payload + b"=" * pad)
        except (binascii.Error, ValueError):
            return None
    # Q encoding: "_" is space, =XX hex
    out = payload.replace(b"_", b" ")
    try:
        return binascii.a2b_qp(out)
    except (binascii.Error, ValueError):
        return None


def decode_header(value: str | bytes | None) -> DecodedText:
    """Decode a raw header value (RFC 2047 words and/or raw 8-bit bytes) into text.

    ``value`` is the header as it stood in the message: bytes, or a str in which 8-bit bytes
    are carried as surrogate escapes (how ``email`` with the compat32 policy keeps them).
    Folding whitespace is unfolded.
    """
    if value is None:
        return DecodedText("", None)
    if isinstance(value, str) and value.isascii() and "=?" not in value and "\x1b" not in value:
        # most header fields: plain ASCII, no encoded word; what the general path below gives
        # for them (notes of decode_bytes, then _finish), without its byte-level passes
        text = _FOLD_TEXT.sub(" ", value).replace("\r", "").replace("\n", "")
        notes = sorted(set(n for n in detect_damage(text) if not n.startswith("contains")))
        return _finish(text.replace("\x00", ""), "ascii", notes)
    if isinstance(value, str):
        raw = value.encode("ascii", "surrogateescape") if _ascii_or_surrogate(value) else value.encode()
    else:
        raw = value
    raw = re.sub(rb"\r?\n[ \t]", b" ", raw).replace(b"\r", b"").replace(b"\n", b"")
    pieces: list[tuple[str | None, bytes]] = []  # (charset or None for raw, bytes)
    pos = 0
    for m in _EW.finditer(raw):
        between = raw[pos : m.start()]
        decoded = _ew_bytes(m.group(2), m.group(3))
        if decoded is None:
            continue  # leave malformed word as literal text
        # whitespace between two encoded words is dropped (RFC 2047 section 6.2)
        if between and not (_WS_ONLY.match(between) and pieces and pieces[-1][0] is not None):
            pieces.append((None, between))
        charset = m.group(1).decode("ascii", "replace").lower()
        if pieces and pieces[-1][0] == charset:
            pieces[-1] = (charset, pieces[-1][1] + decoded)
        else:
            pieces.append((charset, decoded))
        pos = m.end()
    if pos < len(raw):
        pieces.append((None, raw[pos:]))
    texts: list[str] = []
    notes: list[str] = []
    codec_used: str | None = None
    for charset, data in pieces:
        d = decode_bytes(data, charset)
        texts.append(d.text)
        notes.extend(d.notes)
        if d.charset and d.charset != "ascii":
            codec_used = d.charset
    text = unicodedata.normalize("NFC", "".join(texts)) if texts else ""
    text = text.replace("\x00", "")
    return _finish(text, codec_used or "ascii", sorted(set(n for n in notes if not n.startswith("contains"))))


_NOT_ASCII_OR_SURROGATE = re.compile("[^\x00-\x7f\udc80-\udcff]")
_NOT_LATIN1_OR_SURROGATE = re.compile("[^\x00-\xff\udc80-\udcff]")


def _ascii_or_surrogate(s: str) -> bool:
    return s.isascii() or _NOT_ASCII_OR_SURROGATE.search(s) is None  # one C-level pass (every header)


def decode_rfc2231(param: str | tuple[str | None, str | None, str] | None) -> DecodedText:
    """Decode a MIME parameter as returned by ``Message.get_param`` (compat32).

    RFC 2231 values come as ``(charset, language, value)`` with the bytes carried as Latin-1
    characters; plain values may themselves hold RFC 2047 words (Outlook does that for file
    names) or raw 8-bit bytes.
    """
    if param is None:
        return DecodedText("", None)
    if isinstance(param, tuple):
        charset, _lang, value = param
        data = value.encode("latin-1", "surrogateescape") if _latin1_ok(value) else value.encode()
        return decode_bytes(data, charset or None)
    from email.utils import unquote

    return decode_header(unquote(param))


def _latin1_ok(s: str) -> bool:
    return _NOT_LATIN1_OR_SURROGATE.search(s) is None
