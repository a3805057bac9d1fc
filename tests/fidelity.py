"""Import fidelity on a labelled corpus (tests/data/corpus_dev), in process.

The per-file scoring is the shipped scorer (tests/score_outline.py, a copy of
../shared/tools/score_outline.py); this module runs recovery on every labelled file and
adds up the fields the issue names: title, addressee, level-1 headings (and spurious
ones), level-1 types, level-2 headings, genre, junk left, wrong splits, opening and
closing in their blocks.  Used by tests/importing/test_fidelity.py and bench/fidelity.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ideodesk.core import draftjson
from ideodesk.core.outline import recover_file
from ideodesk.core.reading import read_source
from tests import score_outline

CORPUS = Path(__file__).parent / "data" / "corpus_dev"


@dataclass
class Totals:
    files: int = 0
    parts_bad: int = 0
    title: int = 0
    addressee: int = 0
    l1: int = 0
    l1_total: int = 0
    l1_extra: int = 0
    l1_type: int = 0
    l2: int = 0
    l2_total: int = 0
    genre: int = 0
    genre_total: int = 0
    junk_left: int = 0
    junk_total: int = 0
    opening: int = 0
    opening_total: int = 0
    closing: int = 0
    closing_total: int = 0
    lines: list[str] = field(default_factory=list)

    def pct(self, name: str) -> float:
        total = getattr(
            self, {"title": "files", "addressee": "files", "l1_type": "l1_total"}.get(name, f"{name}_total")
        )
        return 100.0 * getattr(self, name) / total if total else 100.0

    def summary(self) -> str:
        return (
            f"{self.files} files: title {self.pct('title'):.0f}%, addressee {self.pct('addressee'):.0f}%, "
            f"L1 {self.pct('l1'):.0f}% (+{self.l1_extra} spurious), L1 types {self.pct('l1_type'):.0f}%, "
            f"L2 {self.pct('l2'):.0f}%, genre {self.pct('genre'):.0f}%, junk left {self.junk_left}/"
            f"{self.junk_total}, wrong splits {self.parts_bad}, opening in block {self.pct('opening'):.0f}%, "
            f"closing in block {self.pct('closing'):.0f}%"
        )


def score(folder: Path = CORPUS) -> Totals:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    tot = Totals()
    for name, label in labels.items():
        path = folder / name
        if path.exists():
            _score_file(tot, name, path, label if isinstance(label, list) else [label])
    return tot


def _score_file(tot: Totals, name: str, path: Path, labels: list[dict]) -> None:
    docs = [draftjson.draft_to_dict(r.draft) for r in recover_file(read_source(path)).documents]
    lab = labels[0]
    r = score_outline.score_structure(lab, docs if len(docs) != 1 else docs[0])
    tot.files += 1
    tot.parts_bad += r["parts"] != len(labels)
    tot.title += r["title_ok"]
    tot.addressee += r["addressee_ok"]
    tot.l1 += r["l1_ok"]
    tot.l1_total += r["l1_total"]
    tot.l1_extra += max(0, r["extra_l1"])
    tot.l1_type += r["l1_type_ok"]
    tot.l2 += r["l2_ok"]
    tot.l2_total += r["l2_total"]
    tot.junk_left += len(r["junk_left"])
    tot.junk_total += len(lab.get("junk", []))
    if lab.get("genre") and lab["genre"] != "other" and docs:
        tot.genre_total += 1
        tot.genre += docs[0].get("genre") == lab["genre"]
    if lab.get("opening_contains"):
        tot.opening_total += 1
        tot.opening += bool(r["opening_in_block"])
    if r["closing_in_block"] is not None:
        tot.closing_total += 1
        tot.closing += bool(r["closing_in_block"])
    tot.lines.append(
        f"{name}: parts {r['parts']}/{len(labels)} title {'ok' if r['title_ok'] else 'WRONG'} "
        f"addressee {'ok' if r['addressee_ok'] else 'WRONG'} L1 {r['l1_ok']}/{r['l1_total']} "
        f"(+{max(0, r['extra_l1'])}) types {r['l1_type_ok']} L2 {r['l2_ok']}/{r['l2_total']} "
        f"junk left {r['junk_left']}"
    )
