"""Check a DisputeDesk evidence bundle offline: no database, no project data, Python stdlib only.

    python -m disputedesk.documents.bundle_verify BUNDLE.zip      (installed)
    python3 tools/verify_bundle.py BUNDLE.zip                     (the copy inside every bundle)
    disputedesk bundle verify BUNDLE.zip

What it checks, in order, naming every problem it finds:

1. the ZIP itself, before anything is read from it (``ingest/archives.py``: member names that
   would escape a folder, links, decompression bombs, too many members);
2. the BagIt structure (``bagit.txt``, ``bag-info.txt``, ``manifest-sha256.txt``,
   ``tagmanifest-sha256.txt``): every payload file is re-hashed; a file whose SHA-256 differs
   from the manifest is **changed**, a listed file that is absent is **missing**, a file that
   is not listed is **added**; the Payload-Oxum (bytes and file count) must match;
3. the ledger: each entry in ``data/ledger/entries.jsonl`` is re-hashed with the definition
   below; it must equal the hash recorded for its sequence number in ``data/ledger/chain.jsonl``,
   whose entries must link one to the next from the first entry to the head stated in
   ``bag-info.txt`` (``DisputeDesk-Ledger-Head``); every item's original must have the SHA-256
   that its ``evidence.added`` ledger entry recorded.

Ledger hash (same as ``disputedesk/domain/ledger.py``)::

    hash = SHA-256(canonical_json({"seq", "workspace", "at", "actor", "action",
                                   "subject", "payload", "prev"}))

where ``canonical_json`` is JSON with sorted keys, separators ``,`` and ``:``, UTF-8, non-ASCII
kept as is, and ``payload`` is itself a canonical JSON string; the first entry's ``prev`` is
64 zeros.

4. the trusted timestamps (RFC 3161) in ``data/ledger/timestamps/`` and their ledger entries:
   each token must stamp the hash that ``chain.jsonl`` records for its entry, and be signed by a
   TSA certified by the CA given with ``--tsa-ca`` (else ``DISPUTEDESK_TSA_CA``, else the copy the
   bundle carries, which is named as such). Signatures need the ``rfc3161-client`` package
   (installed with DisputeDesk); without it tokens are matched to the chain only, and it says so.

What it cannot show on its own: someone who rewrites the whole bundle consistently (files,
manifests, ledger and head). A trusted timestamp can: no one can obtain a token dated before the
rewrite. Without one, compare the ledger head it prints with the one kept elsewhere
(``disputedesk verify`` prints it; the sender should give it to you separately).
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # inside the installed package
    from ..ingest.archives import Limits, UnsafeArchive, check_zip, read_member_bounded
    from .timestamp_token import TIMESTAMP_ACTION, check_tokens, library_available
except ImportError:  # the stand-alone copy in a bundle's tools/ folder, next to archives.py
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from archives import Limits, UnsafeArchive, check_zip, read_member_bounded  # type: ignore[no-redef]

    try:
        from timestamp_token import TIMESTAMP_ACTION, check_tokens, library_available  # type: ignore[no-redef]
    except ImportError:  # tools/timestamp_token.py left behind: tokens are named, not checked
        TIMESTAMP_ACTION = "ledger.timestamped"
        check_tokens = None  # type: ignore[assignment]

        def library_available() -> bool:  # type: ignore[misc]
            return False


GENESIS = "0" * 64
TAG_TEXT_LIMIT = 256 * 1024 * 1024  # manifests and ledger files are read into memory up to this size


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(e: dict[str, Any]) -> str:
    body = {
        "seq": e["seq"],
        "workspace": e["workspace"],
        "at": e["at"],
        "actor": e["actor"],
        "action": e["action"],
        "subject": e["subject"],
        "payload": e["payload"],
        "prev": e["prev_hash"],
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


@dataclass
class BundleReport:
    path: str
    problems: list[str] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    items: int = 0
    ledger_entries: int = 0
    ledger_head: str | None = None
    bag_info: dict[str, str] = field(default_factory=dict)
    timestamps: list[str] = field(default_factory=list)  # what each trusted timestamp proves
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "problems": self.problems,
            "files": self.files,
            "bytes": self.bytes,
            "items": self.items,
            "ledger_entries": self.ledger_entries,
            "ledger_head": self.ledger_head,
            "timestamps": self.timestamps,
            "notes": self.notes,
        }


def _parse_manifest(text: str, name: str, report: BundleReport) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) != 2 or len(parts[0]) != 64:
            report.problems.append(f"{name} line {n}: not '<sha256> <path>'")
            continue
        out[_decode_path(parts[1].strip())] = parts[0].lower()
    return out


def _decode_path(p: str) -> str:
    # BagIt 1.0 percent-encodes CR, LF and % in manifest paths.
    return p.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _parse_info(text: str) -> dict[str, str]:
    info: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and key:
            info[key] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            key = key.strip()
            info[key] = value.strip()
    return info


def verify_bundle(path: Path | str, limits: Limits | None = None, tsa_ca: bytes | None = None) -> BundleReport:
    """``tsa_ca``: PEM of the CA the timestamp tokens must chain to (the TSA's published CA)."""
    path = Path(path)
    report = BundleReport(str(path))
    if not path.is_file():
        report.problems.append(f"{path}: no such file")
        return report
    try:
        infos = check_zip(path, limits or Limits())
    except UnsafeArchive as exc:
        report.problems.append(f"unsafe archive, nothing was read from it: {exc}")
        return report
    files = [i for i in infos if not i.is_dir()]
    roots = {i.filename.split("/", 1)[0] for i in files}
    if len(roots) != 1 or any("/" not in i.filename for i in files):
        report.problems.append("not a bag: all files must sit in one top folder (the bag)")
        return report
    root = roots.pop() + "/"
    hashes: dict[str, str] = {}
    sizes: dict[str, int] = {}
    texts: dict[str, bytes] = {}
    keep = {
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "data/items.json",
        "data/ledger/entries.jsonl",
        "data/ledger/chain.jsonl",
    }
    try:
        with zipfile.ZipFile(path) as zf:
            for info in files:
                rel = info.filename[len(root) :]
                h = hashlib.sha256()
                buf = bytearray() if rel in keep or rel.startswith("data/ledger/timestamps/") else None
                size = 0
                for chunk in read_member_bounded(zf, info):
                    h.update(chunk)
                    size += len(chunk)
                    if buf is not None:
                        if size > TAG_TEXT_LIMIT:
                            raise UnsafeArchive(f"member {info.filename!r}: too large for a bundle's own file")
                        buf += chunk
                hashes[rel] = h.hexdigest()
                sizes[rel] = size
                if buf is not None:
                    texts[rel] = bytes(buf)
    except (UnsafeArchive, zipfile.BadZipFile, OSError) as exc:
        report.problems.append(f"archive cannot be read: {exc}")
        return report

    def text(name: str) -> str | None:
        raw = texts.get(name)
        if raw is None:
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            report.problems.append(f"{name}: not UTF-8 text")
            return None

    bagit_txt = text("bagit.txt")
    if bagit_txt is None or "BagIt-Version" not in bagit_txt:
        report.problems.append("bagit.txt: missing or not a BagIt declaration")
    info_txt = text("bag-info.txt")
    report.bag_info = _parse_info(info_txt) if info_txt else {}
    if info_txt is None:
        report.problems.append("bag-info.txt: missing")

    manifest_txt = text("manifest-sha256.txt")
    if manifest_txt is None:
        report.problems.append("manifest-sha256.txt: missing (nothing to check the files against)")
        return report
    manifest = _parse_manifest(manifest_txt, "manifest-sha256.txt", report)
    payload = {k for k in hashes if k.startswith("data/")}
    for rel, want in sorted(manifest.items()):
        if rel not in hashes:
            report.problems.append(f"{rel}: missing (listed in the manifest, not in the bundle)")
        elif hashes[rel] != want:
            report.problems.append(f"{rel}: changed (SHA-256 {hashes[rel]} differs from the manifest's {want})")
    for rel in sorted(payload - set(manifest)):
        report.problems.append(f"{rel}: added (in the bundle but not in the manifest)")

    tag_txt = text("tagmanifest-sha256.txt")
    tags = {k for k in hashes if not k.startswith("data/")} - {"tagmanifest-sha256.txt"}
    if tag_txt is None:
        report.problems.append("tagmanifest-sha256.txt: missing (bag-info.txt and the manifest are unprotected)")
    else:
        tagmanifest = _parse_manifest(tag_txt, "tagmanifest-sha256.txt", report)
        for rel, want in sorted(tagmanifest.items()):
            if rel not in hashes:
                report.problems.append(f"{rel}: missing (listed in the tag manifest, not in the bundle)")
            elif hashes[rel] != want:
                report.problems.append(f"{rel}: changed (SHA-256 differs from the tag manifest)")
        for rel in sorted(tags - set(tagmanifest)):
            report.problems.append(f"{rel}: added (in the bundle but not in the tag manifest)")

    report.files = len(payload)
    report.bytes = sum(sizes[k] for k in payload)
    oxum = report.bag_info.get("Payload-Oxum")
    if oxum:
        want_oxum = f"{report.bytes}.{report.files}"
        if oxum != want_oxum:
            report.problems.append(f"bag-info.txt: Payload-Oxum {oxum} does not match the payload ({want_oxum})")

    _check_ledger(report, text, hashes)
    _check_timestamps(report, text, texts, tsa_ca)
    return report


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
            report.problems.append("data/ledger/entries.jsonl: a timestamp entry cannot be read")
            continue
        workspace = str(e.get("workspace", workspace))
        tokens.append((seq, payload))
        name = f"data/ledger/timestamps/ts-{seq:06d}.tsr"
        try:
            same = name in texts and texts[name] == base64.b64decode(payload.get("token", ""), validate=True)
        except ValueError:
            same = False
        if not same:
            report.problems.append(f"{name}: missing or not the token that ledger entry #{seq} records")
    recorded = {f"data/ledger/timestamps/ts-{seq:06d}.tsr" for seq, _p in tokens}
    for name in files:
        if name not in recorded:
            report.problems.append(f"{name}: a timestamp token with no ledger entry")
    pem = tsa_ca
    if pem is None and tokens:
        pem = texts.get("data/ledger/timestamps/tsa-ca.pem")
        if pem is not None:
            fp = hashlib.sha256(pem).hexdigest()
            report.notes.append(
                "timestamp signatures checked against the CA certificate the bundle itself carries "
                f"(tsa-ca.pem, SHA-256 {fp}): compare it with the TSA's published certificate, or pass --tsa-ca"
            )
    if not library_available():
        pem = None
        report.notes.append(
            "timestamp tokens matched to the chain, signatures NOT checked: install rfc3161-client "
            "(pip install rfc3161-client) or use the OpenSSL commands in data/ledger/timestamps/README.txt"
        )
    elif pem is None and tokens:
        report.notes.append("timestamp signatures NOT checked: no CA certificate (pass --tsa-ca FILE)")
    if check_tokens is None:
        report.notes.append(f"{len(tokens)} timestamp token(s) NOT checked: tools/timestamp_token.py is missing")
        return
    result = check_tokens(workspace, hashes, tokens, pem)
    for c in result.checks:
        if c.ok:
            report.timestamps.append(c.describe())
        else:
            report.problems.append(f"ledger entry #{c.entry}: {c.problem}")


def _jsonl(raw: str | None, name: str, report: BundleReport) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if raw is None:
        report.problems.append(f"{name}: missing")
        return rows
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            report.problems.append(f"{name} line {n}: not JSON")
            continue
        if isinstance(obj, dict):
            rows.append(obj)
    return rows


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
            report.problems.append("data/ledger/chain.jsonl: a line lacks seq, prev or hash")
            continue
        if seq != expected:
            report.problems.append(
                f"ledger entry #{seq}: out of sequence (expected #{expected}): entries removed or reordered"
            )
        if link_prev != prev:
            report.problems.append(f"ledger entry #{seq}: does not link to the entry before it (chain broken)")
        by_seq[seq] = link
        prev, expected = link_hash, seq + 1
    head_decl = report.bag_info.get("DisputeDesk-Ledger-Head", "")
    if chain:
        report.ledger_head = f"{chain[-1].get('seq')} {chain[-1].get('hash')}"
        if head_decl and head_decl.split() != [str(chain[-1].get("seq")), str(chain[-1].get("hash"))]:
            report.problems.append(
                f"ledger head {report.ledger_head} differs from bag-info.txt's DisputeDesk-Ledger-Head {head_decl}"
            )
    added: dict[str, dict[str, Any]] = {}
    for e in entries:
        try:
            seq = int(e["seq"])
            computed = entry_hash(e)
        except (KeyError, TypeError, ValueError):
            report.problems.append("data/ledger/entries.jsonl: an entry lacks a required field")
            continue
        if computed != e.get("hash"):
            report.problems.append(f"ledger entry #{seq}: content does not match its hash (entry was altered)")
        link = by_seq.get(seq)
        if link is None:
            report.problems.append(f"ledger entry #{seq}: not in the chain (data/ledger/chain.jsonl)")
        elif link.get("hash") != computed or link.get("prev") != e.get("prev_hash"):
            report.problems.append(f"ledger entry #{seq}: differs from the chain's record of it (entry was altered)")
        if e.get("action") == "evidence.added":
            added[str(e.get("subject"))] = e
    raw_items = text("data/items.json")
    if raw_items is None:
        report.problems.append("data/items.json: missing")
        return
    try:
        items = json.loads(raw_items)["items"]
    except (json.JSONDecodeError, KeyError, TypeError):
        report.problems.append("data/items.json: not the expected JSON")
        return
    report.items = len(items)
    for it in items:
        label = it.get("label", "?")
        sha = it.get("sha256")
        original = it.get("original")
        if original and original in hashes and hashes[original] != sha:
            report.problems.append(f"{label}: original {original} does not have the SHA-256 the ledger recorded")
        e = added.get(str(sha))
        if e is None:
            report.problems.append(f"{label}: no 'evidence.added' ledger entry for its SHA-256 {sha}")
            continue
        try:
            number = json.loads(e["payload"]).get("number")
        except (json.JSONDecodeError, AttributeError):
            number = None
        if number != it.get("number"):
            report.problems.append(f"{label}: the ledger entry #{e['seq']} records number {number}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    tsa_ca = None
    if len(args) == 3 and args[0] == "--tsa-ca":
        tsa_ca = Path(args[1]).read_bytes()
        args = args[2:]
    if len(args) != 1:
        print("usage: verify_bundle.py [--tsa-ca TSA-CA.pem] BUNDLE.zip", file=sys.stderr)
        return 2
    rep = verify_bundle(args[0], tsa_ca=tsa_ca)
    for note in rep.notes:
        print(f"note: {note}")
    if rep.ok:
        print(f"OK: {rep.files} files ({rep.bytes} bytes), {rep.items} items, {rep.ledger_entries} ledger entries")
        print(f"ledger head: {rep.ledger_head}  (compare with the head kept elsewhere)")
        for t in rep.timestamps:
            print(f"trusted timestamp: {t}")
        return 0
    for p in rep.problems:
        print(f"PROBLEM: {p}")
    print(f"{len(rep.problems)} problem(s) found in {rep.path}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
