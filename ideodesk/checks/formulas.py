"""Rule ``formula``: the numbered formulas as formulas — their members and their order.

A row of the formulation table whose text lists three or more members with 、 (四个意识,
四个自信, 守土有责、守土负责、守土尽责, 重要工作亲自部署…) is a formula.  In a draft:

* the same members in another order (道路自信、理论自信、文化自信、制度自信) are flagged
  with the table's order as the fix;
* all members but one in place, the odd one of the same kind (…核心意识、责任意识 for
  看齐意识: the same last character) is flagged as a wrong member with the fix.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ideodesk.checks.matcher import trie_regex
from ideodesk.checks.model import ERROR, CheckContext, Finding

_MAX_MEMBERS = 5  # 5! orders at most per formula


@dataclass(frozen=True)
class Formula:
    text: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class FormulaIndex:
    formulas: tuple[Formula, ...]
    wrong_orders: dict[str, str]  # a permutation → the formula as the table writes it
    order_re: re.Pattern[str] | None


def _formula(text: str) -> Formula | None:
    members = tuple(text.split("、"))
    if not 3 <= len(members) <= _MAX_MEMBERS or any(len(m) < 2 or "，" in m for m in members):
        return None
    return Formula(text, members)


def formula_index(table) -> FormulaIndex:
    """The formulas of ``table`` (built once per table, kept on it)."""
    index = getattr(table, "_formulas", None)
    if index is None:
        index = table._formulas = _build(table)
    return index


def _build(table) -> FormulaIndex:
    formulas = []
    for row in table.rows:
        if row.check == "none" or row.valid_until:
            continue
        f = _formula(row.norm)
        if f is not None:
            formulas.append(f)
    wrong: dict[str, str] = {}
    correct = {f.text for f in formulas}
    for f in formulas:
        for order in itertools.permutations(f.members):
            variant = "、".join(order)
            if variant not in correct:
                wrong.setdefault(variant, f.text)
    return FormulaIndex(tuple(formulas), wrong, trie_regex(sorted(wrong)))


def _homogeneous(members: tuple[str, ...]) -> bool:
    """Members of one shape (政治意识、大局意识…; 守土有责、守土负责…): the same length and the
    same last character or first two characters."""
    first = members[0]
    return all(len(m) == len(first) for m in members) and (
        all(m[-1] == first[-1] for m in members) or all(m[:2] == first[:2] for m in members)
    )


def _wrong_member(f: Formula, norm: str) -> tuple[int, int] | None:
    """The span of ``f`` written with one member replaced by another of its kind."""
    present = sum(m in norm for m in f.members)
    if present != len(f.members) - 1 or not _homogeneous(f.members):
        return None
    for i, member in enumerate(f.members):
        if member in norm:
            continue
        parts = [re.escape(m) for m in f.members]
        parts[i] = f"([^、，。；：\\s]{{{len(member)}}})"
        m = re.search("、".join(parts), norm)
        if m is None or m[1] == member:
            continue
        odd = m[1]
        if odd[-2:] == member[-2:] or (odd[-1] == member[-1] and odd[0] == member[0]):
            return m.span()
    return None


def check_formulas(ctx: CheckContext) -> list[Finding]:
    """Numbered formulas with their members out of order or one member wrong."""
    index = formula_index(ctx.table)
    out: list[Finding] = []
    for unit in ctx.units:
        norm = unit.norm
        if norm.count("、") < 2:
            continue
        taken: list[tuple[int, int]] = []
        if index.order_re is not None:
            for m in index.order_re.finditer(norm):
                fix = index.wrong_orders[m.group()]
                s, e = m.span()
                msg = f"“{unit.text[s:e]}”的顺序有误，应为“{fix}”"
                out.append(ctx.finding("formula", ERROR, unit, s, e, msg, fix))
                taken.append((s, e))
        for f in index.formulas:
            span = _wrong_member(f, norm)
            if span is None or any(a < span[1] and span[0] < b for a, b in taken):
                continue
            s, e = span
            msg = f"“{unit.text[s:e]}”中有一项与规范表述不符，应为“{f.text}”"
            out.append(ctx.finding("formula", ERROR, unit, s, e, msg, f.text))
            taken.append(span)
    return out
