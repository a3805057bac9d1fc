"""A labelled damage set from real text (issue 13): strip and mask words the way web
copies do, in the clean documents of the dev corpus and the phrase bank's sentences.

Seeded, so every run measures the same cases.  ``python -m tests.checks.damage_set``
prints the figures; ``tests/checks/test_restoration.py`` asserts them.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from ideodesk import phrasebank_dir
from ideodesk.checks import apply_fixes, run_checks
from ideodesk.checks.restore import STRIP_WORDS, bank_texts
from tests.checks.helpers import clean, draft_of

CORPUS_DEV = Path(__file__).resolve().parents[1] / "data" / "corpus_dev"  # copy of ../shared/corpus/dev
DAY = "2025年12月1日"
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# How sites damage a word: drop it (most often) or mask it.
_DAMAGES = (("drop", 6), ("stars", 2), ("star", 1), ("xx", 1))
_SKIP = ("十八大", "十九大", "【", "某")  # outdated on DAY, or already a slot/mask


@dataclass(frozen=True)
class Case:
    original: str
    damaged: str
    start: int  # where the damage is in ``damaged``
    end: int
    word: str
    how: str
    source: str


def labels() -> dict:
    return json.loads((CORPUS_DEV / "labels.json").read_text(encoding="utf-8"))


def _has_damage(label) -> bool:
    return any(lab.get("damaged") for lab in (label if isinstance(label, list) else [label]))


def clean_dev_sentences() -> list[tuple[str, str]]:
    """Sentences of the dev documents with no labelled damage, as the importer cleans them."""
    out = []
    for name, label in sorted(labels().items()):
        path = CORPUS_DEV / name
        if _has_damage(label) or not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for m in _SENTENCE.finditer(clean(line.strip())):
                s = m.group().strip()
                if len(_HAN.findall(s)) >= 8:
                    out.append((name, s))
    return out


def bank_sentences() -> list[tuple[str, str]]:
    return [("bank", t) for t in bank_texts(phrasebank_dir()) if len(_HAN.findall(t)) >= 8]


def _occurrences(text: str) -> list[tuple[int, int]]:
    """Strippable words in ``text``, longest first, not overlapping."""
    taken: list[tuple[int, int]] = []
    for w in STRIP_WORDS:
        for m in re.finditer(re.escape(w), text):
            if all(m.end() <= a or b <= m.start() for a, b in taken):
                taken.append(m.span())
    return sorted(taken)


def _damage(text: str, s: int, e: int, how: str) -> str:
    mask = {"drop": "", "stars": "*" * (e - s), "star": "*", "xx": "xx"}[how]
    return text[:s] + mask + text[e:]


def make_cases(seed: int = 13, limit: int = 600) -> list[Case]:
    rng = random.Random(seed)
    pool = [(src, t) for src, t in clean_dev_sentences() + bank_sentences() if not any(k in t for k in _SKIP)]
    rng.shuffle(pool)
    cases: list[Case] = []
    kinds = [k for k, n in _DAMAGES for _ in range(n)]
    for src, text in pool:
        occ = _occurrences(text)
        if not occ:
            continue
        s, e = rng.choice(occ)
        how = rng.choice(kinds)
        damaged = _damage(text, s, e, how)
        cases.append(Case(text, damaged, s, s + len(damaged) - len(text) + (e - s), text[s:e], how, src))
        if len(cases) >= limit:
            break
    return cases


def measure(cases: list[Case]) -> dict:
    day = dt.date(2025, 12, 1)
    found_n = fixed_n = 0
    misses = []
    for c in cases:
        d = draft_of(c.damaged, date=DAY)
        found = run_checks(d, rules=["damaged_formulation"], date=day)
        lo, hi = c.start - 1, max(c.end, c.start + 1) + 1  # a dropped word leaves a junction
        if any(f.location.start < hi and lo < f.location.end for f in found):
            found_n += 1
            if apply_fixes(d, found).sections[0].paragraphs[0] == c.original:
                fixed_n += 1
        else:
            misses.append(c)
    n = len(cases) or 1
    return {"cases": len(cases), "recall": found_n / n, "fixed": fixed_n / n, "misses": misses}


def false_alarms() -> tuple[int, int, list]:
    """damaged_formulation findings over the clean sentences (bank + dev), and their size."""
    texts = [t for _, t in clean_dev_sentences() + bank_sentences()]
    day = dt.date(2025, 12, 1)
    alarms, chars = [], 0
    for i in range(0, len(texts), 200):
        chunk = texts[i : i + 200]
        chars += sum(len(t) for t in chunk)
        found = run_checks(draft_of(*chunk, date=DAY), rules=["damaged_formulation"], date=day)
        alarms += [(f.text, f.message) for f in found]
    return len(alarms), chars, alarms


if __name__ == "__main__":
    r = measure(make_cases())
    n, chars, alarms = false_alarms()
    print(f"damage set: {r['cases']} cases, recall {r['recall']:.1%}, correct single fix {r['fixed']:.1%}")
    print(f"false alarms: {n} in {chars} characters = {n * 20000 / chars:.2f} per 20 000")
    for c in r["misses"][:40]:
        print("MISS", c.how, c.word, c.damaged[max(0, c.start - 8) : c.end + 8])
    for a in alarms[:40]:
        print("ALARM", a)


def _unit_texts(draft) -> list[tuple[tuple, str]]:
    from ideodesk.checks.runner import text_units

    return [((u.field, u.section, u.paragraph), u.text) for u in text_units(draft)]


def labelled_spots(today: dt.date = dt.date(2026, 12, 3)) -> tuple[list[tuple[str, str, bool]], list]:
    """The real damaged spots of the dev labels: (file, spot, flagged) and the false alarms
    (damaged_formulation findings on those files that cover no labelled spot)."""
    from ideodesk.checks.chars import normalize
    from ideodesk.core.importer import import_files

    results, alarms = [], []
    for name, label in sorted(labels().items()):
        spots = [s for lab in (label if isinstance(label, list) else [label]) for s in lab.get("damaged", [])]
        if not spots:
            continue
        hit = dict.fromkeys(spots, False)
        for doc in import_files([CORPUS_DEV / name]):
            texts = dict(_unit_texts(doc.draft))
            for f in run_checks(doc.draft, rules=["damaged_formulation"], today=today):
                loc = f.location
                text = normalize(texts.get((loc.field, loc.section, loc.paragraph), ""))
                covered = False
                for spot in spots:
                    k = text.find(normalize(spot))
                    while k != -1:
                        if loc.start < k + len(spot) and k < loc.end:
                            hit[spot] = covered = True
                        k = text.find(normalize(spot), k + 1)
                if not covered:
                    alarms.append((name, f.text, f.replacement))
        results += [(name, s, hit[s]) for s in spots]
    return results, alarms
