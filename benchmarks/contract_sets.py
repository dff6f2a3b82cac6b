"""The labelled contract sets the contract-clarity benchmark and model training read.

* ``zh_dev()``: /work/shared/contracts-zh-dev (20 real Chinese/bilingual contracts; no open
  licence, so read from there, never copied), with the corrections of
  tests/fixtures/contracts/labelled/zh-dev-overrides.json and the split of split.json.
* ``cuad()``: /work/shared/contracts-dev/cuad_dev.jsonl (CUAD v1 dev half, CC BY 4.0), with the
  four CUAD categories that are kinds of ours.
* ``own()``: tests/fixtures/contracts (texts written for DisputeDesk; labels.json).
* ``kept()``: real contracts kept in the repository where their licence allows
  (tests/fixtures/contracts/labelled: docs/, labels.jsonl, SOURCES.md), split by split.json.

On 4 Dec 2026 (session 2) every group then held out was re-designated 'dev' (split.json, "redesignated":
their misses had been read and written down); in session 3 (night) the 26 official model contracts held out since
were re-designated the same way (round 2: their figure had been reported three times), so that their misses can be
read; the held-out figure is measured from then on on the sixth set. Such a text has ``split == "dev"`` and
``redesignated = True``; ``Doc.part`` names the three parts the benchmark reports: "heldout" (added
later, placed held-out by the hash rule), "redesignated" and "dev".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "fixtures" / "contracts" / "labelled"
ZH_DEV = Path("/work/shared/contracts-zh-dev")
CUAD = Path("/work/shared/contracts-dev/cuad_dev.jsonl")
OWN = ROOT / "tests" / "fixtures" / "contracts"
CUAD_MAP = {
    "Governing Law": "governing_law",
    "Warranty Duration": "warranty_period",
    "Liquidated Damages": "liquidated_damages",
    "Cap on Liability": "liability_cap",
}
# the support kinds issue 19 measures Chinese accuracy on
SUPPORT_KINDS = (
    "response_time", "resolution_time", "support_remedy", "warranty_period", "documentation", "training",
    "onsite_support", "change_procedure",
)  # fmt: skip


@dataclass
class Doc:
    name: str
    text: str
    gold: set[str]
    group: str  # source group (the unit of the split)
    split: str  # "dev" | "heldout" | "cuad"
    language: str
    redesignated: bool = False  # held out until a re-designation (split.json "redesignated"), now development
    redesignated_round: int = 0  # 1: session 2 (4 Dec 2026); 2: session 3, night (the 26 model contracts)
    added_in: str = ""  # the set a kept text came in, from split.json (SET_ORDER: "sixth set", ...; "later_sets" first)

    @property
    def part(self) -> str:
        """The benchmark part the text counts in: "heldout", "redesignated", "dev" or "cuad"."""
        return "redesignated" if self.redesignated else self.split


# Development texts that no one changing rules has read: they landed (sixth set, data20d/e, 4 Dec 2026) after the
# rules of that night were written, were scored once then (0.43, keyword 0.46), and have been kept unread since (5 Dec
# 2026: the brief of every rule writer names them), so their figure is a second measurement on texts the rules were
# not written against. The benchmark shows it only outside --development-only.
NEVER_READ = frozenset({
    "samr-zh-beijing-ready-mixed-mortar-purchase-2021.md",
    "samr-zh-beijing-preliminary-property-management-service-2021.md",
    "samr-zh-yangtze-delta-ecommerce-platform-service-2020.md",
    "samr-zh-jilin-preliminary-property-management-service-2023.md",
    "samr-zh-xinjiang-property-management-service-2019.md",
    "samr-zh-sichuan-preliminary-property-management-service-2012.md",
    "samr-zh-liaoning-property-management-service-2011.md",
    "samr-zh-shanghai-preliminary-property-management-service-2023.md",
    "samr-zh-guangzhou-preliminary-property-management-service-2021.md",
    # tenth set, development side (5 Dec 2026, session 10): 0.87 difflib-similar to the Jilin preliminary text above
    # (same province and year); reading it would mean reading most of that never-read text, so it is kept unread too
    "samr-zh-jilin-property-management-service-2023.md",
    # tenth set, development side, same rule (data27zh, 18:2x UTC): the difflib match of each covers at least half of
    # the never-read text of the same bodies and year above (Beijing 0.72, Guangzhou 0.86, Shanghai 0.50; computed by
    # script, those texts not opened). The Beijing text was on main from 18:20 UTC before joining this list.
    "samr-zh-beijing-property-management-service-2021.md",
    "samr-zh-guangzhou-property-management-service-2021.md",
    "samr-zh-shanghai-preliminary-property-management-remuneration-2023.md",
})  # fmt: skip


# The sets of held-out texts, in the order they were added (split.json marks a new group with one of these keys, and a
# text joining an earlier set's group is listed in that group's "later_sets"); the benchmark reports each set apart in
# this order. Sixth: SAMR model contracts (Chinese); seventh: US federal statements of work (English); eighth: Mozilla's
# Chinese translations of its software and online-service terms (scout22); ninth: more US federal statements of work
# and solicitations from the seventh set's source (English; scout23); tenth: more SAMR model contracts by a wider
# type rule (Chinese: property management, fitting-out, furniture, construction services; data27zh); eleventh: US
# federal IT-service solicitations that GSA's 18F published itself (English; data27en).
SET_ORDER = ("sixth set", "seventh set", "eighth set", "ninth set", "tenth set", "eleventh set")


def held_out_sets(docs: Sequence[Doc]) -> list[str]:
    """The names of the sets the given texts came in (Doc.added_in), in the order the sets were added; a set not in
    SET_ORDER comes after them by name, texts of no set ("") last."""
    names = {d.added_in for d in docs}
    return sorted(names, key=lambda n: (n == "", SET_ORDER.index(n) if n in SET_ORDER else len(SET_ORDER), n))


def split_of_new_group(group: str) -> str:
    """The rule fixed in split.json for sources added after the split was written."""
    return "heldout" if int(hashlib.sha256(group.encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else "dev"


def zh_dev(folder: Path = ZH_DEV) -> list[Doc]:
    if not (folder / "labels.jsonl").exists():
        return []
    split = json.loads((LABELLED / "split.json").read_text(encoding="utf-8"))["zh_dev"]["groups"]
    side = {d: (g, v["split"], "split_before" in v) for g, v in split.items() for d in v["docs"]}
    fixes = json.loads((LABELLED / "zh-dev-overrides.json").read_text(encoding="utf-8"))["corrections"]
    out = []
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        labels = dict(row["labels"])
        for kind, fix in fixes.get(row["doc"], {}).items():
            labels[kind] = fix["to"]
        group, part, moved = side[row["doc"]]
        text = (folder / "docs" / row["doc"]).read_text(encoding="utf-8")
        gold = {k for k, v in labels.items() if v}
        out.append(Doc(row["doc"], text, gold, group, part, row["language"], moved, 1 if moved else 0))
    return out


def cuad(path: Path = CUAD) -> list[Doc]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold = {ours for theirs, ours in CUAD_MAP.items() if row["labels"].get(theirs)}
            out.append(Doc(row["contract_id"], row["text"], gold, row["contract_type"], "cuad", "en"))
    return out


def own(folder: Path = OWN) -> list[Doc]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))["texts"]
    return [
        Doc(name, (folder / name).read_text(encoding="utf-8"), set(item["kinds"]), "own",
            "heldout" if item.get("heldout") else "dev", item["language"])
        for name, item in labels.items()
    ]  # fmt: skip


def kept(folder: Path = LABELLED) -> list[Doc]:
    split = json.loads((folder / "split.json").read_text(encoding="utf-8"))["new_sources"]["groups"]
    out = []
    for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        group = row["group"]
        placed = split.get(group, {})
        part = placed.get("split") or split_of_new_group(group)
        text = (folder / "docs" / row["doc"]).read_text(encoding="utf-8")
        gold = {k for k, v in row["labels"].items() if v}
        # a text drawn after a re-designation joins its edition's group and side, but is no re-designated text
        moved = "split_before" in placed and row["doc"] not in placed.get("added_after_redesignation", ())
        later = next((key for key, docs in placed.get("later_sets", {}).items() if row["doc"] in docs), "")
        added_in = later or next((key for key, value in placed.items() if key.endswith(" set") and value is True), "")
        round_ = placed.get("round", 1) if moved else 0
        out.append(Doc(row["doc"], text, gold, group, part, row["language"], moved, round_, added_in))
    return out
