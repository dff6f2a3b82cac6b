"""The ledger and trusted-timestamp checks of a bundle (steps 3 and 4 of ``bundle_verify.py``):
every entry re-hashed and matched to the chain, the chain's links to the declared head, every
original against its ``evidence.added`` entry, and each RFC 3161 token against the hash the chain
records for its entry. Python standard library only (signatures with ``rfc3161-client`` when it is
installed): every bundle carries a copy (``tools/bundle_ledger.py``)."""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

try:  # inside the installed package
    from .bundle_report import GENESIS, BundleReport, Line, T, _jsonl, entry_hash
    from .timestamp_token import TIMESTAMP_ACTION, check_tokens, library_available
except ImportError:  # the stand-alone copy in a bundle's tools/ folder
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bundle_report import GENESIS, BundleReport, Line, T, _jsonl, entry_hash  # type: ignore[no-redef]

    try:
        from timestamp_token import TIMESTAMP_ACTION, check_tokens, library_available  # type: ignore[no-redef]
    except ImportError:  # tools/timestamp_token.py left behind: tokens are named, not checked
        TIMESTAMP_ACTION = "ledger.timestamped"
        check_tokens = None  # type: ignore[assignment]

        def library_available() -> bool:  # type: ignore[misc]
            return False


def _check_timestamps(report: BundleReport, text, texts: dict[str, bytes], tsa_ca: bytes | None) -> None:  # type: ignore[no-untyped-def]
    raw_entries, raw_chain = text("data/ledger/entries.jsonl"), text("data/ledger/chain.jsonl")
    if raw_entries is None or raw_chain is None:
        return  # named by the ledger check
    quiet = BundleReport(report.path)  # lines that are not JSON are named by the ledger check already
    entries = [e for e in _jsonl(raw_entries, "", quiet) if e.get("action") == TIMESTAMP_ACTION]
    files = sorted(k for k in texts if k.startswith("data/ledger/timestamps/ts-") and k.endswith(".tsr"))
    if not entries and not files:
        return
    chain = _jsonl(raw_chain, "", quiet)
    hashes: dict[int, str] = {}
    for link in chain:
        try:
            hashes[int(link["seq"])] = str(link["hash"])
        except (KeyError, TypeError, ValueError):
            continue  # already named by the ledger check
    tokens: list[tuple[int, dict[str, Any]]] = []
    workspace = ""
    for e in entries:
        try:
            seq, payload = int(e["seq"]), json.loads(e["payload"])
        except (KeyError, TypeError, ValueError):
            report.problem(
                "timestamp_entry", T("%(file)s: a timestamp entry cannot be read", file="data/ledger/entries.jsonl")
            )
            continue
        workspace = str(e.get("workspace", workspace))
        tokens.append((seq, payload))
        name = f"data/ledger/timestamps/ts-{seq:06d}.tsr"
        try:
            same = name in texts and texts[name] == base64.b64decode(payload.get("token", ""), validate=True)
        except ValueError:
            same = False
        if not same:
            report.problem(
                "token_file",
                T("%(file)s: missing or not the token that ledger entry #%(entry)s records", file=name, entry=seq),
            )
    recorded = {f"data/ledger/timestamps/ts-{seq:06d}.tsr" for seq, _p in tokens}
    for name in files:
        if name not in recorded:
            report.problem("token_unrecorded", T("%(file)s: a timestamp token with no ledger entry", file=name))
    pem = tsa_ca
    if pem is None and tokens:
        pem = texts.get("data/ledger/timestamps/tsa-ca.pem")
        if pem is not None:
            fp = hashlib.sha256(pem).hexdigest()
            report.note(
                "own_tsa_ca",
                T(
                    "timestamp signatures checked against the CA certificate the bundle itself carries "
                    "(tsa-ca.pem, SHA-256 %(sha256)s): compare it with the TSA's published certificate, "
                    "or pass --tsa-ca",
                    sha256=fp,
                ),
            )
    if not library_available():
        pem = None
        report.note(
            "no_signature_library",
            T(
                "timestamp tokens matched to the chain, signatures NOT checked: install rfc3161-client "
                "(pip install rfc3161-client) or use the OpenSSL commands in data/ledger/timestamps/README.txt"
            ),
        )
    elif pem is None and tokens:
        report.note("no_tsa_ca", T("timestamp signatures NOT checked: no CA certificate (pass --tsa-ca FILE)"))
    if check_tokens is None:
        report.note(
            "no_token_tool",
            T("%(n)s timestamp token(s) NOT checked: tools/timestamp_token.py is missing", n=len(tokens)),
        )
        return
    result = check_tokens(workspace, hashes, tokens, pem)
    for c in result.checks:
        if c.ok:
            report.timestamps.append(_token_proves(c))
        else:
            report.problem(
                "timestamp", T("ledger entry #%(entry)s: %(problem)s", entry=c.entry, problem=token_problem_line(c))
            )


def _token_proves(c: Any) -> Line:
    """What a trusted timestamp that checks out proves (``TokenCheck.describe()``, as a line)."""
    p: dict[str, Any] = {"entry": c.entry, "time": c.time, "tsa": c.tsa, "head": c.head}
    if c.first_proven is None:
        if c.tsa:
            line = T(
                "ledger #%(entry)s: timestamp of %(time)s by %(tsa)s stamps head #%(head)s (already proven earlier)",
                **p,
            )
        else:
            line = T("ledger #%(entry)s: timestamp of %(time)s stamps head #%(head)s (already proven earlier)", **p)
        return line.coded("timestamp_earlier")
    if c.first_proven == c.head:
        p["span"] = T("#%(n)s", n=c.head)
    else:
        p["span"] = T("#%(first)s–#%(last)s", first=c.first_proven, last=c.head)
    if c.tsa:
        line = T("ledger #%(entry)s: timestamp of %(time)s by %(tsa)s proves entries %(span)s existed by then", **p)
    else:
        line = T("ledger #%(entry)s: timestamp of %(time)s proves entries %(span)s existed by then", **p)
    return line.coded("timestamp_proves")


def token_problem_line(c: Any) -> Line:
    """Why a trusted timestamp does not check out (``TokenCheck.problem``, as a line)."""
    code, p = getattr(c, "problem_code", None), getattr(c, "problem_params", None) or {}
    if code == "unreadable":
        line = T("timestamp entry without a readable token")
    elif code == "head_missing":
        line = T("the timestamp stamps entry #%(head)s, which is missing", head=p["head"])
    elif code == "head_after":
        line = T("a timestamp cannot stamp entry #%(head)s, after itself", head=p["head"])
    elif code == "refused":
        line = T("timestamp token refused: %(detail)s", detail=p["detail"])
    elif code == "rewritten" and p.get("time"):
        line = T(
            "the trusted timestamp of %(time)s (by %(tsa)s) stamps entry #%(head)s with another hash than the "
            "chain now has (%(hash)s…): the chain was rewritten after the timestamp was taken",
            time=p["time"],
            tsa=p["tsa"],
            head=p["head"],
            hash=p["hash"],
        )
    elif code == "rewritten":
        line = T(
            "the trusted timestamp stamps entry #%(head)s with another hash than the chain now has (%(hash)s…): "
            "the chain was rewritten after the timestamp was taken",
            head=p["head"],
            hash=p["hash"],
        )
    else:  # a copy of timestamp_token.py from before the codes: its English sentence
        return Line(str(c.problem or "").replace("%", "%%"), code="timestamp_problem")
    if str(line) != c.problem:  # the two modules disagree: the checker's own words are the truth
        return Line(str(c.problem or "").replace("%", "%%"), code="timestamp_problem")
    return line.coded(code)


def _check_ledger(report: BundleReport, text, hashes: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    chain = _jsonl(text("data/ledger/chain.jsonl"), "data/ledger/chain.jsonl", report)
    entries = _jsonl(text("data/ledger/entries.jsonl"), "data/ledger/entries.jsonl", report)
    report.ledger_entries = len(entries)
    by_seq: dict[int, dict[str, Any]] = {}
    prev = GENESIS
    expected = 1
    for link in chain:
        try:
            seq, link_prev, link_hash = int(link["seq"]), str(link["prev"]), str(link["hash"])
        except (KeyError, TypeError, ValueError):
            report.problem("chain_line", T("%(file)s: a line lacks seq, prev or hash", file="data/ledger/chain.jsonl"))
            continue
        if seq != expected:
            report.problem(
                "out_of_sequence",
                T(
                    "ledger entry #%(entry)s: out of sequence (expected #%(expected)s): entries removed or reordered",
                    entry=seq,
                    expected=expected,
                ),
            )
        if link_prev != prev:
            report.problem(
                "chain_broken",
                T("ledger entry #%(entry)s: does not link to the entry before it (chain broken)", entry=seq),
            )
        by_seq[seq] = link
        prev, expected = link_hash, seq + 1
    head_decl = report.bag_info.get("DisputeDesk-Ledger-Head", "")
    if chain:
        report.ledger_head = f"{chain[-1].get('seq')} {chain[-1].get('hash')}"
        if head_decl and head_decl.split() != [str(chain[-1].get("seq")), str(chain[-1].get("hash"))]:
            report.problem(
                "head_differs",
                T(
                    "ledger head %(head)s differs from bag-info.txt's DisputeDesk-Ledger-Head %(declared)s",
                    head=report.ledger_head,
                    declared=head_decl,
                ),
            )
    added: dict[str, dict[str, Any]] = {}
    for e in entries:
        try:
            seq = int(e["seq"])
            computed = entry_hash(e)
        except (KeyError, TypeError, ValueError):
            report.problem(
                "entry_fields", T("%(file)s: an entry lacks a required field", file="data/ledger/entries.jsonl")
            )
            continue
        if computed != e.get("hash"):
            report.problem(
                "entry_altered",
                T("ledger entry #%(entry)s: content does not match its hash (entry was altered)", entry=seq),
            )
        link = by_seq.get(seq)
        if link is None:
            report.problem(
                "entry_unchained",
                T("ledger entry #%(entry)s: not in the chain (%(file)s)", entry=seq, file="data/ledger/chain.jsonl"),
            )
        elif link.get("hash") != computed or link.get("prev") != e.get("prev_hash"):
            report.problem(
                "entry_differs",
                T("ledger entry #%(entry)s: differs from the chain's record of it (entry was altered)", entry=seq),
            )
        if e.get("action") == "evidence.added":
            added[str(e.get("subject"))] = e
    raw_items = text("data/items.json")
    if raw_items is None:
        report.problem("missing", T("%(file)s: missing", file="data/items.json"))
        return
    try:
        items = json.loads(raw_items)["items"]
    except (json.JSONDecodeError, KeyError, TypeError):
        report.problem("items_json", T("%(file)s: not the expected JSON", file="data/items.json"))
        return
    report.items = len(items)
    for it in items:
        label = it.get("label", "?")
        sha = it.get("sha256")
        original = it.get("original")
        if original and original in hashes and hashes[original] != sha:
            report.problem(
                "original_changed",
                T(
                    "%(item)s: original %(file)s does not have the SHA-256 the ledger recorded",
                    item=label,
                    file=original,
                ),
            )
        e = added.get(str(sha))
        if e is None:
            report.problem(
                "not_added",
                T("%(item)s: no 'evidence.added' ledger entry for its SHA-256 %(sha256)s", item=label, sha256=str(sha)),
            )
            continue
        try:
            number = json.loads(e["payload"]).get("number")
        except (json.JSONDecodeError, AttributeError):
            number = None
        if number != it.get("number"):
            report.problem(
                "number_differs",
                T(
                    "%(item)s: the ledger entry #%(entry)s records number %(number)s",
                    item=label,
                    entry=e["seq"],
                    number=number,
                ),
            )
