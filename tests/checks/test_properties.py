"""Properties on random drafts (seeded): every finding's text is what the draft holds at
its location, and applying a rule's fixes leaves nothing for that rule to fix."""

from __future__ import annotations

import random

import pytest

from ideodesk.checks import RULES, apply_fixes, load_table, run_checks
from ideodesk.checks.runner import _get
from ideodesk.core.draft import Draft, Section, Signature

_PIECES = list("的了党委习近平总书记新时代中国特色社会主义思想为指导一二三四五十")
_PIECES += list('（）()“”"《》【】,.;:!?，。、；：xX*×□_wz12 ')
_PIECES += ["……", "一是", "（一）", "1.", "1、", "(三)", "某某", "某县", "【单位】", "的的", "习总书记"]


def _text(rng: random.Random, rows: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(0, 10)):
        if rng.random() < 0.3:
            row = rng.choice(rows)
            k = rng.randrange(len(row))
            parts.append(row[:k] + rng.choice(["*", "", "x", "w", "2", "××"]) + row[k + 1 :])
        else:
            parts.append("".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 8))))
    return "".join(parts)


def _section(rng: random.Random, rows: list[str], level: int) -> Section:
    return Section(
        heading=_text(rng, rows) if rng.random() < 0.6 else "",
        run_in=rng.random() < 0.3,
        paragraphs=[_text(rng, rows) for _ in range(rng.randint(0, 3))],
        children=[_section(rng, rows, level + 1) for _ in range(rng.randint(0, 2))] if level < 4 else [],
        child_numbering=rng.choice([None, "cn", "yishi", "arabic", "dash", "shouxian", "diyi"]),
    )


def _drafts(seed: int, count: int) -> list[Draft]:
    rng = random.Random(seed)
    rows = [r.text for r in load_table().rows]
    return [
        Draft(
            title=_text(rng, rows),
            sections=[_section(rng, rows, 1) for _ in range(rng.randint(1, 3))],
            signature=Signature(_text(rng, rows), "2024年7月1日"),
            variables={"单位": "中共红河县委宣传部"},
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_random_drafts_keep_the_rules_promises(seed):
    for draft in _drafts(seed, 12):
        found = run_checks(draft)
        for f in found:
            loc = f.location
            assert _get(draft, loc.field, loc.section, loc.paragraph)[loc.start : loc.end] == f.text
        for rule in RULES:
            mine = [f for f in found if f.rule == rule] or run_checks(draft, rules=[rule])
            if not any(f.replacement is not None for f in mine):
                continue
            fixed = apply_fixes(draft, run_checks(draft, rules=[rule]))
            left = [f for f in run_checks(fixed, rules=[rule]) if f.replacement is not None]
            assert left == [], (rule, [(f.text, f.message) for f in left])
