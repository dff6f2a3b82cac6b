"""Check a DisputeDesk evidence bundle offline: no database, no project data, Python stdlib only.

    python -m disputedesk.documents.bundle_verify BUNDLE.zip      (installed)
    python3 tools/verify_bundle.py BUNDLE.zip                     (the copy inside every bundle)
    disputedesk bundle verify BUNDLE.zip

Size (over 600 lines, one file on purpose): a recipient runs this one file with nothing but the
standard library, and every bundle carries a copy of it (``tools/verify_bundle.py``, beside
``archives.py`` and ``timestamp_token.py``; see ``services/bundle/export.py``). Its checks are one
walk over the bag (ZIP, BagIt, ledger, timestamps, below) filling one report: the ledger and the
timestamps are checked against the hashes and the bag's own files that one pass through the ZIP
gathered. Split further, every bundle would carry more files, each needing the stand-alone import
fallback below.

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

Every line of the report is a :class:`Line`: the English text this program prints, with a code
and the parameters it was written from (file names, hashes, entry numbers), so that an interface
in another language can say the same (DisputeDesk's pages do, through their message catalogue).

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
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # inside the installed package
    from ..ingest.archives import Limits, UnsafeArchive, check_zip, read_member_bounded, stored_names
    from .timestamp_token import TIMESTAMP_ACTION, check_tokens, library_available
except ImportError:  # the stand-alone copy in a bundle's tools/ folder, next to archives.py
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from archives import (  # type: ignore[no-redef]
        Limits,
        UnsafeArchive,
        check_zip,
        read_member_bounded,
        stored_names,
    )

    try:
        from timestamp_token import TIMESTAMP_ACTION, check_tokens, library_available  # type: ignore[no-redef]
    except ImportError:  # tools/timestamp_token.py left behind: tokens are named, not checked
        TIMESTAMP_ACTION = "ledger.timestamped"
        check_tokens = None  # type: ignore[assignment]

        def library_available() -> bool:  # type: ignore[misc]
            return False


GENESIS = "0" * 64
TAG_TEXT_LIMIT = 256 * 1024 * 1024  # manifests and ledger files are read into memory up to this size


class Line(str):
    """One line of the report: its English text (what this program prints), a short ``code`` for
    the kind of finding, the English sentence with ``%(name)s`` placeholders (``msgid``, the key of
    its translations) and the ``params`` it was written from; a parameter is data (a file name, a
    hash, a number) or a nested :class:`Line`."""

    code: str
    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, params: dict[str, Any] | None = None, code: str = "") -> Line:
        params = dict(params or {})
        obj = super().__new__(cls, msgid % {k: str(v) for k, v in params.items()} if params else msgid)
        obj.code, obj.msgid, obj.params = code, msgid, params
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Line, (self.msgid, self.params, self.code))

    def coded(self, code: str) -> Line:
        return Line(self.msgid, self.params, code)

    def map_data(self, fn: Any) -> Line:
        """The same line with every text parameter passed through ``fn`` (nested lines too)."""
        params = {
            k: v.map_data(fn) if isinstance(v, Line) else fn(v) if isinstance(v, str) else v
            for k, v in self.params.items()
        }
        return Line(self.msgid, params, self.code)

    def as_dict(self) -> dict[str, Any]:
        params = {k: v.as_dict() if isinstance(v, Line) else v for k, v in self.params.items()}
        return {"code": self.code, "params": params, "text": str(self)}


def T(msgid: str, /, **params: Any) -> Line:  # noqa: N802 - the catalogue's marker (scripts/i18n_check.py)
    return Line(msgid, params)


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
    problems: list[Line] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    items: int = 0
    ledger_entries: int = 0
    ledger_head: str | None = None
    bag_info: dict[str, str] = field(default_factory=dict)
    timestamps: list[Line] = field(default_factory=list)  # what each trusted timestamp proves
    notes: list[Line] = field(default_factory=list)

    def problem(self, code: str, line: Line) -> None:
        self.problems.append(line.coded(code))

    def note(self, code: str, line: Line) -> None:
        self.notes.append(line.coded(code))

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
            # the same lines with their codes and parameters, for a reader in another language
            "lines": {
                "problems": [x.as_dict() for x in self.problems],
                "timestamps": [x.as_dict() for x in self.timestamps],
                "notes": [x.as_dict() for x in self.notes],
            },
        }


def _parse_manifest(text: str, name: str, report: BundleReport) -> dict[str, str]:
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split(None, 1)
        if len(parts) != 2 or len(parts[0]) != 64:
            report.problem("manifest_line", T("%(file)s line %(line)s: not '<sha256> <path>'", file=name, line=n))
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
        report.problem("no_file", T("%(file)s: no such file", file=str(path)))
        return report
    if path.stat().st_size == 0:  # an upload or copy that went wrong: say so, not "not a ZIP file"
        report.problem(
            "empty_file",
            T(
                "%(file)s is empty (0 bytes): choose the bundle's .zip file again (a copy or download may have failed)",
                file=str(path),
            ),
        )
        return report
    if not zipfile.is_zipfile(path):  # another file chosen by mistake: say so, not "unsafe archive"
        report.problem("not_a_zip", T("%(file)s is not a ZIP file: choose the bundle's .zip file", file=str(path)))
        return report
    try:
        infos = check_zip(path, limits or Limits())
    except UnsafeArchive as exc:
        report.problem("unsafe_archive", T("unsafe archive, nothing was read from it: %(detail)s", detail=str(exc)))
        return report
    files = [i for i in infos if not i.is_dir()]
    names = {i.filename: stored_names(i) for i in files}  # the likeliest reading of each name first
    roots = {names[i.filename][0].split("/", 1)[0] for i in files}
    if len(roots) != 1 or any("/" not in names[i.filename][0] for i in files):
        report.problem("not_a_bag", T("not a bag: all files must sit in one top folder (the bag)"))
        return report
    root = roots.pop() + "/"
    hashes: dict[str, str] = {}
    sizes: dict[str, int] = {}
    texts: dict[str, bytes] = {}
    others: dict[str, list[str]] = {}  # other readings of a name stored without the UTF-8 flag
    unflagged: set[str] = set()  # names read otherwise than ZIP's default (code page 437)
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
                readings = [n[len(root) :] for n in names[info.filename] if n.startswith(root)]
                rel = readings[0]
                others[rel] = readings[1:]
                if names[info.filename][0] != info.filename:
                    unflagged.add(rel)
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
        report.problem("unreadable_archive", T("archive cannot be read: %(detail)s", detail=str(exc)))
        return report

    def text(name: str) -> str | None:
        raw = texts.get(name)
        if raw is None:
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            report.problem("not_utf8", T("%(file)s: not UTF-8 text", file=name))
            return None

    bagit_txt = text("bagit.txt")
    if bagit_txt is None or "BagIt-Version" not in bagit_txt:
        report.problem("no_bagit", T("%(file)s: missing or not a BagIt declaration", file="bagit.txt"))
    info_txt = text("bag-info.txt")
    report.bag_info = _parse_info(info_txt) if info_txt else {}
    if info_txt is None:
        report.problem("missing", T("%(file)s: missing", file="bag-info.txt"))

    manifest_txt = text("manifest-sha256.txt")
    if manifest_txt is None:
        report.problem(
            "no_manifest", T("%(file)s: missing (nothing to check the files against)", file="manifest-sha256.txt")
        )
        return report
    manifest = _parse_manifest(manifest_txt, "manifest-sha256.txt", report)
    _names_as_listed(report, manifest, hashes, sizes, others, unflagged)
    payload = {k for k in hashes if k.startswith("data/")}
    renamed = _renamed(manifest, hashes, payload - set(manifest))
    for rel, want in sorted(manifest.items()):
        if rel in renamed:
            report.problem(
                "file_renamed",
                T(
                    "%(name)s: this name in the ZIP does not match the manifest, which lists the same content "
                    "(SHA-256) as %(file)s",
                    name=renamed[rel],
                    file=rel,
                ),
            )
        elif rel not in hashes:
            report.problem("file_missing", T("%(file)s: missing (listed in the manifest, not in the bundle)", file=rel))
        elif hashes[rel] != want:
            report.problem(
                "file_changed",
                T(
                    "%(file)s: changed (SHA-256 %(actual)s differs from the manifest's %(expected)s)",
                    file=rel,
                    actual=hashes[rel],
                    expected=want,
                ),
            )
    for rel in sorted(payload - set(manifest) - set(renamed.values())):
        if rel in unflagged:
            line = T(
                "%(file)s: added (in the bundle but not in the manifest; its name was stored without the ZIP's "
                "UTF-8 flag; it reads also as %(readings)s)",
                file=rel,
                readings=", ".join(others[rel]),
            )
        else:
            line = T("%(file)s: added (in the bundle but not in the manifest)", file=rel)
        report.problem("file_added", line)

    tag_txt = text("tagmanifest-sha256.txt")
    tags = {k for k in hashes if not k.startswith("data/")} - {"tagmanifest-sha256.txt"}
    if tag_txt is None:
        report.problem(
            "no_tag_manifest",
            T("%(file)s: missing (bag-info.txt and the manifest are unprotected)", file="tagmanifest-sha256.txt"),
        )
    else:
        tagmanifest = _parse_manifest(tag_txt, "tagmanifest-sha256.txt", report)
        for rel, want in sorted(tagmanifest.items()):
            if rel not in hashes:
                report.problem(
                    "tag_file_missing", T("%(file)s: missing (listed in the tag manifest, not in the bundle)", file=rel)
                )
            elif hashes[rel] != want:
                report.problem(
                    "tag_file_changed", T("%(file)s: changed (SHA-256 differs from the tag manifest)", file=rel)
                )
        for rel in sorted(tags - set(tagmanifest)):
            report.problem("tag_file_added", T("%(file)s: added (in the bundle but not in the tag manifest)", file=rel))

    report.files = len(payload)
    report.bytes = sum(sizes[k] for k in payload)
    oxum = report.bag_info.get("Payload-Oxum")
    if oxum:
        want_oxum = f"{report.bytes}.{report.files}"
        if oxum != want_oxum:
            report.problem(
                "oxum",
                T(
                    "%(file)s: Payload-Oxum %(oxum)s does not match the payload (%(actual)s)",
                    file="bag-info.txt",
                    oxum=oxum,
                    actual=want_oxum,
                ),
            )

    _check_ledger(report, text, hashes)
    _check_timestamps(report, text, texts, tsa_ca)
    return report


def _names_as_listed(  # type: ignore[no-untyped-def]
    report: BundleReport, manifest: dict[str, str], hashes, sizes, others: dict[str, list[str]], unflagged: set[str]
) -> None:
    """The manifest is the bag's own record of its file names: a name that a program packing the
    bundle again stored without the UTF-8 flag (``zip -r`` on Linux, a Chinese Windows) is read
    the way the manifest lists it, in Unicode's composed form (a Mac decomposes names), and the
    report says so."""
    listed = {unicodedata.normalize("NFC", k): k for k in manifest}
    for rel in [k for k in hashes if k not in manifest]:
        for reading in [rel, *others.get(rel, [])]:
            match = listed.get(unicodedata.normalize("NFC", reading))
            if match and match not in hashes:
                hashes[match], sizes[match] = hashes.pop(rel), sizes.pop(rel)
                if rel in unflagged:
                    unflagged.discard(rel)
                    unflagged.add(match)
                break
    reread = sorted(k for k in unflagged if k in manifest)
    if reread:
        report.note(
            "names_reencoded",
            T(
                "%(n)s file name(s) stored without the ZIP's UTF-8 flag (the bundle was packed again by another "
                "program, e.g. zip -r on Linux): read as the manifest lists them, e.g. %(file)s",
                n=len(reread),
                file=reread[0],
            ),
        )


def _renamed(manifest: dict[str, str], hashes: dict[str, str], added: set[str]) -> dict[str, str]:
    """Listed files absent under their name whose content is in the ZIP under a name the manifest
    does not know: manifest name → name in the ZIP (one finding per file, not "missing" + "added")."""
    by_hash: dict[str, list[str]] = {}
    for rel in sorted(added):
        by_hash.setdefault(hashes[rel], []).append(rel)
    return {
        rel: by_hash[want].pop(0) for rel, want in sorted(manifest.items()) if rel not in hashes and by_hash.get(want)
    }


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


def _jsonl(raw: str | None, name: str, report: BundleReport) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if raw is None:
        report.problem("missing", T("%(file)s: missing", file=name))
        return rows
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            report.problem("not_json", T("%(file)s line %(line)s: not JSON", file=name, line=n))
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
