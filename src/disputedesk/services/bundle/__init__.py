"""The evidence bundle: one ZIP for counsel or a tribunal that anyone can check offline.

A BagIt bag (RFC 8493, the Library of Congress format) inside a ZIP::

    <bag>/bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
    <bag>/tools/verify_bundle.py, tools/archives.py      the stand-alone verifier (stdlib only;
    <bag>/tools/bundle_report.py, tools/bundle_ledger.py  the modules it needs, beside it;
    <bag>/tools/timestamp_token.py                        checks timestamp tokens with rfc3161-client)
    <bag>/data/README.txt                                 how to check the bundle (EN + 中文)
    <bag>/data/evidence-list/evidence-list.csv|.pdf       证据目录: number, title, date, source,
                                                          what it proves, pages, translation
    <bag>/data/chronology/chronology.csv|.pdf             the case in date order
    <bag>/data/items/E-0007/original/<file name>          the original bytes
    <bag>/data/printouts/printouts-001.pdf               printouts of the correspondence, in
                                                          volumes; every page carries the item
                                                          number and its SHA-256
    <bag>/data/items/E-0007/translation.zh.txt            foreign-language items: "not verified"
    <bag>/data/items.json                                 the item manifest (hashes, paths, pages)
    <bag>/data/ledger/entries.jsonl                       every ledger entry about these items
    <bag>/data/ledger/chain.jsonl                         seq, prev and hash of every entry up to
                                                          the head, so the entries' place in the
                                                          chain can be checked
    <bag>/data/ledger/timestamps/ts-000123.tsr, .head.txt the chain's trusted timestamps (RFC 3161),
                                                          also in entries.jsonl; README.txt there
                                                          gives the OpenSSL commands

Written as a stream (1 MiB chunks; originals stored uncompressed, ZIP_STORED) into a temporary
name beside the target, and renamed only when complete: an interrupted export leaves no file
under the final name. ``disputedesk.documents.bundle_verify`` checks it.

The package by step: ``items`` (which evidence, and what each item shows), ``bag`` (the BagIt
ZIP stream), ``contents`` (evidence list, chronology, README), ``export`` (writing the bag),
``background`` (notes on items, exports run for the web).
"""

from __future__ import annotations

from ...documents import pdf as pdfs  # noqa: F401  (tests replace its functions through this name)
from .background import (  # noqa: F401
    ExportView,
    exports_dir,
    get_export,
    iter_file,
    list_exports,
    run_export,
    set_note,
    start_export,
)
from .bag import (  # noqa: F401
    BagZip,
    safe_name,
)
from .export import (  # noqa: F401
    export_bundle,
)
from .items import (  # noqa: F401
    CHUNK,
    KIND_ZH,
    LADDER_ZH,
    MAIL_PARSE_LIMIT,
    PROVES,
    TEXT_LIMIT,
    TRANSLATION_MARK,
    TRANSLATION_MARK_ZH,
    VOLUME_ITEMS,
    VOLUME_PAGES,
    BundleError,
    BundleResult,
    CaseScope,
    Event,
    Item,
    Progress,
)
