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

    @property
    def measured_before(self) -> bool:
        """A held-out text whose score was reported once before (MEASURED_BEFORE)."""
        return self.part == "heldout" and self.name in MEASURED_BEFORE

    @property
    def part(self) -> str:
        """The benchmark part the text counts in: "heldout", "redesignated", "dev" or "cuad"."""
        return "redesignated" if self.redesignated else self.split


# The held-out texts whose score was reported once before (4 Dec 2026, session 2: the figures were seen,
# no text was read after it). Texts added later are reported apart as never measured (Doc.measured_before).
MEASURED_BEFORE = frozenset({
    "samr-zh-car-sale-2015.md", "samr-zh-data-processing-service-2025.md", "samr-zh-equipment-supervision-2010.md",
    "samr-zh-geological-instrument-sale-2000.md", "samr-zh-guangzhou-elevator-maintenance-2021.md",
    "samr-zh-industrial-goods-sale-2000.md", "samr-zh-jjj-electronics-repair-service-2019.md",
    "samr-zh-jjj-industrial-goods-sale-2023.md", "samr-zh-mining-electromechanical-sale-2000.md",
    "samr-zh-repair-service-2000.md", "samr-zh-shandong-civil-defence-equipment-sale-2019.md",
    "samr-zh-zhejiang-elevator-maintenance-2016.md", "samr-zh-zhejiang-elevator-use-management-2016.md",
})  # fmt: skip


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
        out.append(
            Doc(row["doc"], text, gold, group, part, row["language"], moved, placed.get("round", 1) if moved else 0)
        )
    return out
