"""Check a DisputeDesk evidence bundle offline: no database, no project data, Python stdlib only.

    python -m disputedesk.documents.bundle_verify BUNDLE.zip      (installed)
    python3 tools/verify_bundle.py BUNDLE.zip                     (the copy inside every bundle)
    disputedesk bundle verify BUNDLE.zip

Stand-alone: a recipient runs it with nothing but the standard library, and every bundle carries
a copy (``tools/verify_bundle.py``) with the modules it needs beside it: ``bundle_report.py`` (the
report's lines, the ledger hash), ``bundle_ledger.py`` (steps 3 and 4 below), ``archives.py`` and
``timestamp_token.py`` (see ``services/bundle/export.py``). Its checks are one walk over the bag
filling one report: the ledger and the timestamps are checked against the hashes and the bag's own
files that one pass through the ZIP gathered.

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

import hashlib
import sys
import unicodedata
import zipfile
from pathlib import Path

try:  # inside the installed package
    from ..ingest.archives import Limits, UnsafeArchive, check_zip, read_member_bounded, stored_names
    from .bundle_ledger import _check_ledger, _check_timestamps, token_problem_line
    from .bundle_report import TAG_TEXT_LIMIT, BundleReport, Line, T, canonical_json, entry_hash
except ImportError:  # the stand-alone copy in a bundle's tools/ folder, next to archives.py
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from archives import (  # type: ignore[no-redef]
            Limits,
            UnsafeArchive,
            check_zip,
            read_member_bounded,
            stored_names,
        )
        from bundle_ledger import _check_ledger, _check_timestamps, token_problem_line  # type: ignore[no-redef]
        from bundle_report import (  # type: ignore[no-redef]
            TAG_TEXT_LIMIT,
            BundleReport,
            Line,
            T,
            canonical_json,
            entry_hash,
        )
    except ImportError as exc:  # verify_bundle.py copied out of the bundle on its own: say what it needs
        print(
            f"verify_bundle.py needs the other files of the bundle's tools/ folder beside it (archives.py, "
            f"bundle_report.py, bundle_ledger.py, timestamp_token.py): {exc.name}.py is missing. "
            "Run it where the bundle unpacks it: python3 tools/verify_bundle.py BUNDLE.zip",
            file=sys.stderr,
        )
        sys.exit(2)

__all__ = ["BundleReport", "Line", "T", "canonical_json", "entry_hash", "main", "token_problem_line", "verify_bundle"]


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
