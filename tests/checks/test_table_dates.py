"""The formulation table's dates agree with the phrase bank's (issue 13, Build 4): a dated
bank entry is only offered while every dated formulation it contains is current — a
campaign entry may stay on until the spring after the campaign's year, when summaries
still report it (the grace the outdated rule gives summaries and reports)."""

from __future__ import annotations

import datetime as dt

from ideodesk import phrasebank_dir
from ideodesk.checks import load_table
from ideodesk.checks.chars import normalize
from ideodesk.checks.formulation_rules import _grace_end

# Slips of the bank the table does not copy (reported to the bank's owner): 二十届历次全会
# exists from the 一中全会 of 2022-10-23, not from the close of the 二十大 on 10-22.
KNOWN_BANK_SLIPS = {("general.txt", "党的二十大和二十届历次全会精神")}


def _dated_entries():
    for path in sorted(phrasebank_dir().glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            parts = line.split(" | ")
            if line.startswith(("#", "[")) or len(parts) < 2:
                continue
            attrs = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
            if "from" in attrs or "until" in attrs:
                start = dt.date.fromisoformat(attrs["from"]) if "from" in attrs else dt.date.min
                until = dt.date.fromisoformat(attrs["until"]) if "until" in attrs else dt.date.max
                yield path.name, number, parts[0].strip(), start, until


def test_dated_bank_entries_lie_within_their_formulations_periods():
    table = load_table()
    index = table.index
    wrong = []
    entries = list(_dated_entries())
    assert len(entries) > 80
    for name, number, text, start, until in entries:
        matches = index.dated_matches(normalize(text))
        for s, e, key in matches:
            if any(a <= s and e <= b and b - a > e - s for a, b, _ in matches):
                continue  # part of a longer dated formulation, judged by that one
            if any(s < b and a < e and b > e for a, b, _ in matches):
                continue  # runs into a longer one (推进马克思主义中国化时代化|大众化)
            row = table.rows[index.by_norm[key][0]]
            if row.check not in {"repair", "date"} or any(k == (name, key) for k in KNOWN_BANK_SLIPS):
                continue
            last = _grace_end(row) or row.valid_until or dt.date.max
            if start < (row.valid_from or dt.date.min) or until > last:
                wrong.append(f"{name}:{number} {text[:30]} ({start}–{until}) vs {row.where} {key}")
    assert wrong == []


def test_rows_written_in_both_agree_on_their_dates():
    """The same formulation in the bank and in the table: the same first day."""
    table = load_table()
    by_norm = {r.norm: r for r in table.rows}
    wrong = []
    for name, number, text, start, _ in _dated_entries():
        row = by_norm.get(normalize(text))
        if row is None or start == dt.date.min or row.valid_from is None:
            continue
        if start < row.valid_from and (name, row.norm) not in KNOWN_BANK_SLIPS:
            wrong.append(f"{name}:{number} {text} from {start} vs {row.where} {row.valid_from}")
    assert wrong == []
