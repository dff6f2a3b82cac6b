"""RFC 3161 timestamp tokens of a ledger head: what is stamped, and how a token is checked.

Shared by ``disputedesk verify`` (services/timestamps.py) and the bundle verifier, and copied into
every evidence bundle as ``tools/timestamp_token.py`` next to ``verify_bundle.py``. Python's
standard library only, except :func:`check_token`, which needs the ``rfc3161-client`` package
(installed with DisputeDesk): without it the caller is told that signatures were not checked.

What a token stamps is the SHA-256 of this text (also written into a bundle as
``data/ledger/timestamps/ts-NNNNNN.head.txt``, so that ``openssl ts -verify -data`` can check it)::

    DisputeDesk ledger head
    workspace: <workspace slug>
    entry: <seq>
    hash: <hash of ledger entry seq>

The hash of entry ``seq`` commits to that entry and, through ``prev``, to every entry before
it; a token over it therefore proves that entries #1..#seq existed, exactly as they are, at the
token's time. Someone who later rewrites the chain cannot obtain a token dated before the
rewrite: the old tokens no longer match the rewritten hashes.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

TIMESTAMP_ACTION = "ledger.timestamped"


def head_message(workspace: str, seq: int, head_hash: str) -> bytes:
    return f"DisputeDesk ledger head\nworkspace: {workspace}\nentry: {seq}\nhash: {head_hash}\n".encode()


class TokenError(Exception):
    """The token is not a valid timestamp of the given message by a TSA the trust anchors certify."""


@dataclass(frozen=True)
class TokenInfo:
    gen_time: datetime  # the TSA's time (UTC)
    serial: int
    tsa: str  # the signing certificate's subject (RFC 4514)
    policy: str
    imprint: str  # hex SHA-256 the token stamps


def library_available() -> bool:
    try:
        import rfc3161_client  # noqa: F401
    except ImportError:
        return False
    return True


# --- DER: put the certificates of a SignedData in DER order --------------------------------------
# Some TSAs (OpenSSL's `ts -reply` with a `certs` chain among them) send the CMS ``certificates``
# SET OF in chain order rather than in DER's sorted order; the strict DER parser then refuses the
# whole response. The certificates are not covered by the signature (each carries its own), so
# sorting them changes nothing that is signed; lengths stay the same, only the order moves.


def _tlv(buf: bytes, pos: int) -> tuple[int, int, int]:
    """(tag byte, start of content, end of content) of the element at ``pos``."""
    tag = buf[pos]
    if tag & 0x1F == 0x1F:
        raise TokenError("not a timestamp token (multi-byte ASN.1 tag)")
    n = buf[pos + 1]
    p = pos + 2
    if n < 0x80:
        length = n
    else:
        k = n & 0x7F
        if k == 0 or k > 4:
            raise TokenError("not a timestamp token (unsupported ASN.1 length)")
        length = int.from_bytes(buf[p : p + k], "big")
        p += k
    if p + length > len(buf):
        raise TokenError("not a timestamp token (truncated)")
    return tag, p, p + length


def _children(buf: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    out = []
    pos = start
    while pos < end:
        tag, cs, ce = _tlv(buf, pos)
        out.append((tag, pos, cs, ce))
        pos = ce
    if pos != end:
        raise TokenError("not a timestamp token (bad ASN.1 structure)")
    return out


def sort_certificates(raw: bytes) -> bytes:
    """The TimeStampResp with its SignedData certificates in DER (sorted) order."""
    try:
        _tag, s, e = _tlv(raw, 0)  # TimeStampResp SEQUENCE
        parts = _children(raw, s, e)
        if len(parts) < 2:
            return raw  # no token (a rejection): nothing to sort
        _t, _p, cs, ce = parts[1]  # ContentInfo SEQUENCE
        ci = _children(raw, cs, ce)
        _t, _p, cs, ce = ci[1]  # [0] EXPLICIT
        _t, _p, cs, ce = _children(raw, cs, ce)[0]  # SignedData SEQUENCE
        for tag, _pos, ccs, cce in _children(raw, cs, ce):
            if tag == 0xA0:  # [0] IMPLICIT certificates
                certs = [raw[p:ee] for _t2, p, _cs2, ee in _children(raw, ccs, cce)]
                ordered = b"".join(sorted(certs))
                return raw[:ccs] + ordered + raw[cce:]
    except (IndexError, TokenError):
        raise TokenError("not a timestamp token (cannot be parsed)") from None
    return raw


def _load_pems(pem: bytes) -> tuple[list[Any], list[Any]]:
    from cryptography import x509

    certs = x509.load_pem_x509_certificates(pem)
    roots = [c for c in certs if c.issuer == c.subject]
    return roots, [c for c in certs if c.issuer != c.subject]


def check_token(raw: bytes, message: bytes, trust_pem: bytes, *, nonce: int | None = None) -> TokenInfo:
    """Check a TimeStampResp (DER) over ``message``: granted, signed by a certificate with the
    critical ``timeStamping`` key usage that chains to a root in ``trust_pem`` (valid at the
    token's time), and stamping exactly SHA-256/384/512 of ``message``. Raises :class:`TokenError`."""
    from rfc3161_client import VerificationError, VerifierBuilder, decode_timestamp_response

    try:
        resp = decode_timestamp_response(sort_certificates(raw))
    except ValueError as exc:
        raise TokenError(f"not a timestamp token ({exc})") from None
    try:
        roots, intermediates = _load_pems(trust_pem)
    except ValueError as exc:
        raise TokenError(f"the TSA CA certificate file cannot be read ({exc})") from None
    if not roots:
        raise TokenError("the TSA CA certificate file holds no root (self-signed) certificate")
    builder = VerifierBuilder(roots=roots, intermediates=intermediates)
    if nonce is not None:
        builder = builder.nonce(nonce)
    try:
        builder.build().verify_message(resp, message)
    except VerificationError as exc:
        text = str(exc)
        if "Mismatch between messages" in text:
            raise TokenError("the token stamps other data than this ledger head") from None
        raise TokenError(f"the token's signature or certificate does not check out ({text})") from None
    except ValueError as exc:
        raise TokenError(f"the token's signature or certificate does not check out ({exc})") from None
    info = resp.tst_info
    signer = "?"
    for cert in resp.signed_data.certificates:
        from cryptography import x509

        c = x509.load_der_x509_certificate(cert)
        for si in resp.signed_data.signer_infos:
            if c.issuer == si.issuer and c.serial_number == si.serial_number:
                signer = c.subject.rfc4514_string()
    gen = info.gen_time
    if gen.tzinfo is None:
        gen = gen.replace(tzinfo=UTC)
    return TokenInfo(
        gen_time=gen.astimezone(UTC),
        serial=int(info.serial_number),
        tsa=signer,
        policy=info.policy.dotted_string,
        imprint=info.message_imprint.message.hex(),
    )


def imprint_matches(raw: bytes, message: bytes) -> bool | None:
    """Whether the token stamps ``message`` (SHA-256 only) without checking the signature; None
    if that cannot be told (no library). A cheap way to say *which* head a token belongs to."""
    if not library_available():
        return None
    from rfc3161_client import decode_timestamp_response

    try:
        resp = decode_timestamp_response(sort_certificates(raw))
    except (ValueError, TokenError):
        return False
    return resp.tst_info.message_imprint.message == hashlib.sha256(message).digest()


def utc_text(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- the tokens of a chain -----------------------------------------------------------------------


@dataclass
class TokenCheck:
    entry: int  # ledger entry holding the token (0: a token kept outside the ledger)
    head: int  # the entry it stamps
    time: str | None  # the TSA's time, if the token checks out
    tsa: str | None
    first_proven: int | None  # first entry this token is the earliest proof for
    ok: bool
    problem: str | None = None
    signature_checked: bool = True
    # the kind of problem and what ``problem`` was written from, for a reader in another language:
    # unreadable, head_missing, head_after, refused (detail), rewritten (head, hash, time, tsa)
    problem_code: str | None = None
    problem_params: dict[str, Any] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"ledger #{self.entry}" if self.entry else f"kept token for entry #{self.head}"

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def describe(self) -> str:
        if not self.ok:
            return f"{self.where}: {self.problem}"
        who = f" by {self.tsa}" if self.tsa else ""
        if self.first_proven is None:
            return f"{self.where}: timestamp of {self.time}{who} stamps head #{self.head} (already proven earlier)"
        span = f"#{self.first_proven}" if self.first_proven == self.head else f"#{self.first_proven}–#{self.head}"
        return f"{self.where}: timestamp of {self.time}{who} proves entries {span} existed by then"


@dataclass
class ChainTokens:
    checks: list[TokenCheck] = field(default_factory=list)
    unproven_from: int | None = None  # entries from here to the head have no token yet
    head: int = 0

    @property
    def problems(self) -> list[TokenCheck]:
        return [c for c in self.checks if not c.ok]


def _decode(payload: dict[str, Any]) -> tuple[int, bytes, str]:
    return int(payload["head"]), base64.b64decode(payload["token"], validate=True), str(payload.get("head_hash", ""))


def check_tokens(
    workspace: str,
    hashes: dict[int, str],
    tokens: Iterable[tuple[int, dict[str, Any]]],
    pem: bytes | None,
) -> ChainTokens:
    """Check each (entry seq, payload) token against the chain's hashes (``hashes``: seq → hash).

    A token that stamps a head whose hash in the chain differs is the mark of a rewritten chain:
    it is named with the time before which the original chain is proven to have existed.
    """
    out = ChainTokens(head=max(hashes) if hashes else 0)
    proven = 0
    for seq, payload in tokens:
        try:
            head, raw, old_hash = _decode(payload)
        except (KeyError, TypeError, ValueError):
            out.checks.append(_failed(seq, 0, "timestamp entry without a readable token", "unreadable"))
            continue
        now_hash = hashes.get(head)
        if now_hash is None:
            out.checks.append(
                _failed(seq, head, f"the timestamp stamps entry #{head}, which is missing", "head_missing", head=head)
            )
            continue
        if seq and head >= seq:
            out.checks.append(
                _failed(seq, head, f"a timestamp cannot stamp entry #{head}, after itself", "head_after", head=head)
            )
            continue
        message = head_message(workspace, head, now_hash)
        if pem is None:
            match = imprint_matches(raw, message)
            if match is False:
                out.checks.append(_rewritten(seq, head, raw, workspace, old_hash, now_hash, None))
                continue
            out.checks.append(
                TokenCheck(seq, head, payload.get("time"), payload.get("tsa"), None, True, signature_checked=False)
            )
        else:
            try:
                info = check_token(raw, message, pem)
            except TokenError as exc:
                if "other data" in str(exc):
                    out.checks.append(_rewritten(seq, head, raw, workspace, old_hash, now_hash, pem))
                else:
                    out.checks.append(_failed(seq, head, f"timestamp token refused: {exc}", "refused", detail=str(exc)))
                continue
            out.checks.append(TokenCheck(seq, head, utc_text(info.gen_time), info.tsa, None, True))
        check = out.checks[-1]
        if head > proven:
            check.first_proven = proven + 1
            proven = head
    if out.head > proven:
        out.unproven_from = proven + 1
    return out


def _failed(seq: int, at: int, problem: str, code: str, **params: Any) -> TokenCheck:
    """A token that does not check out (``at``: the entry it stamps): the problem in English, with
    its code and parameters."""
    return TokenCheck(seq, at, None, None, None, False, problem, problem_code=code, problem_params=params)


def _rewritten(
    seq: int, head: int, raw: bytes, workspace: str, old_hash: str, now_hash: str, pem: bytes | None
) -> TokenCheck:
    """A token that does not match the chain: say when the original chain is proven to have existed."""
    when = ""
    params: dict[str, Any] = {"head": head, "hash": now_hash[:16]}
    if old_hash and old_hash != now_hash:
        try:
            if pem is not None:
                info = check_token(raw, head_message(workspace, head, old_hash), pem)
                when = f" of {utc_text(info.gen_time)} (by {info.tsa})"
                params.update(time=utc_text(info.gen_time), tsa=info.tsa)
        except TokenError:
            when = ""
    return _failed(
        seq,
        head,
        f"the trusted timestamp{when} stamps entry #{head} with another hash than the chain now has "
        f"({now_hash[:16]}…): the chain was rewritten after the timestamp was taken",
        "rewritten",
        **params,
    )
