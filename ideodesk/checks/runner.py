"""Running every rule over a draft, and applying the fixes the findings offer.

:func:`run_checks` reads the draft once into text units (title, addressee, each heading and
paragraph, signature), runs the rules, drops findings a better fix already covers (the
``*`` inside a repaired formulation), and sorts the rest by position.  It changes nothing;
:func:`apply_fixes` returns a corrected copy.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from ideodesk.checks.chars import normalize
from ideodesk.checks.date_style import check_date_format
from ideodesk.checks.dates import resolve_date
from ideodesk.checks.formulas import check_formulas
from ideodesk.checks.formulation_rules import check_damaged, check_outdated
from ideodesk.checks.formulations import FormulationTable, load_table
from ideodesk.checks.invisible import check_bidi
from ideodesk.checks.model import (
    ADDRESSEE,
    DATE,
    FIELD_LABELS,
    HEADING,
    ISSUER,
    PARAGRAPH,
    TITLE,
    CheckContext,
    Finding,
    Unit,
)
from ideodesk.checks.numbering import check_numbering
from ideodesk.checks.placeholders import check_placeholders, check_slots
from ideodesk.checks.punctuation import (
    check_doubled_punct,
    check_halfwidth,
    check_repeated_chars,
    check_unbalanced,
)
from ideodesk.checks.repeats import check_repeated_paragraphs, check_repeated_sentences
from ideodesk.checks.traditional import check_traditional
from ideodesk.core.convert import to_simplified
from ideodesk.core.draft import Draft, Path
from ideodesk.errors import IdeoError

Rule = Callable[[CheckContext], list[Finding]]

# In order of precedence: where two findings cover the same text, the earlier rule's fix wins.
RULES: dict[str, Rule] = {
    "bidi_control": check_bidi,
    "damaged_formulation": check_damaged,
    "outdated": check_outdated,
    "formula": check_formulas,
    "slot": check_slots,
    "placeholder": check_placeholders,
    "numbering": check_numbering,
    "traditional": check_traditional,
    "doubled_punct": check_doubled_punct,
    "halfwidth_punct": check_halfwidth,
    "unbalanced": check_unbalanced,
    "repeated_char": check_repeated_chars,
    "date_format": check_date_format,
    "repeated_paragraph": check_repeated_paragraphs,
    "repeated_sentence": check_repeated_sentences,
}
_PRIORITY = {rule: i for i, rule in enumerate(RULES)}
# Rules whose fix rewrites a whole stretch: findings of later rules inside it are moot.
_COVERING = {"damaged_formulation", "outdated", "formula", "slot", "placeholder", "doubled_punct"}


def section_labels(draft: Draft) -> dict[Path, tuple[str, str | None, int]]:
    """For each section: its label path ("二/（一）"), its own numbering style, its level."""
    out: dict[Path, tuple[str, str | None, int]] = {}

    def visit(parent: Path, prefix: str) -> None:
        children = draft.children_of(parent)
        if not children:
            return
        labels = draft.sibling_labels(parent)
        style = draft.child_style_of(parent).id
        for i, (sec, label) in enumerate(zip(children, labels, strict=True)):
            path = (*parent, i)
            if sec.headed:
                part = label.rstrip("、，,.．") if style != "dash" else f"第{i + 1}项"
            else:
                part = {"opening": "开头", "closing": "结尾"}.get(sec.type, f"第{i + 1}部分")
            full = f"{prefix}/{part}" if prefix else part
            out[path] = (full, style if sec.headed else None, len(path))
            visit(path, full)

    visit((), "")
    return out


def text_units(draft: Draft) -> list[Unit]:
    """The draft's stored texts in reading order, with their Simplified/normalised forms."""
    raw: list[tuple[str, Path | None, int | None, str, str, int, str | None]] = []
    raw.append((TITLE, None, None, draft.title, FIELD_LABELS[TITLE], 0, None))
    raw.append((ADDRESSEE, None, None, draft.addressee, FIELD_LABELS[ADDRESSEE], 0, None))
    labels = section_labels(draft)
    for path, sec in draft.walk():
        label, style, level = labels[path]
        if sec.headed:
            raw.append((HEADING, path, 0, sec.heading, label, level, style))
        for k, text in enumerate(sec.paragraphs, 1):
            raw.append((PARAGRAPH, path, k, text, label, level, style))
    raw.append((ISSUER, None, None, draft.signature.issuer, FIELD_LABELS[ISSUER], 0, None))
    raw.append((DATE, None, None, draft.signature.date, FIELD_LABELS[DATE], 0, None))
    raw = [r for r in raw if r[3]]
    simplified = _simplify([r[3] for r in raw])
    units = []
    for index, ((field, path, par, text, label, level, style), simp) in enumerate(
        zip(raw, simplified, strict=True)
    ):
        norm = normalize(simp if len(simp) == len(text) else text)
        units.append(Unit(index, field, path, par, text, label, simp, norm, level, style))
    return units


def _simplify(texts: list[str]) -> list[str]:
    """t2s of every text in one OpenCC call (it is the per-call overhead that costs)."""
    if not texts:
        return []
    sep = "\n"
    if not any(sep in t for t in texts):
        parts = to_simplified(sep.join(texts)).split(sep)
        if len(parts) == len(texts):
            return parts
    return [to_simplified(t) for t in texts]


def make_context(
    draft: Draft,
    *,
    today: _dt.date | None = None,
    date: _dt.date | None = None,
    table: FormulationTable | None = None,
) -> CheckContext:
    when = resolve_date(draft, today)
    day, start, source = (date, date, "given") if date else (when.day, when.start, when.source)
    return CheckContext(
        draft,
        text_units(draft),
        day,
        source,
        table if table is not None else load_table(),
        period_start=start,
    )


def run_checks(
    draft: Draft,
    *,
    today: _dt.date | None = None,
    date: _dt.date | None = None,
    table: FormulationTable | None = None,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding of every rule (or of ``rules``), sorted by position in the draft.

    The date that decides what is outdated is ``date`` if given, else the draft's own
    (signature, title year, variables: :func:`ideodesk.checks.dates.resolve_date`); an
    undated draft is judged against ``today`` (default: the system date) without fixes.
    """
    ctx = make_context(draft, today=today, date=date, table=table)
    selected = list(RULES) if rules is None else list(rules)
    for name in selected:
        if name not in RULES:
            raise IdeoError(f"未知的检查规则 {name!r}，可选：{'、'.join(RULES)}")
    findings: list[Finding] = []
    for name in sorted(selected, key=_PRIORITY.__getitem__):
        findings.extend(RULES[name](ctx))
    order = {(u.field, u.section, u.paragraph): u.index for u in ctx.units}
    return sort_findings(drop_covered(findings), order)


def _where(f: Finding) -> tuple[str, Path | None, int | None]:
    return (f.location.field, f.location.section, f.location.paragraph)


def drop_covered(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that lies inside the span of a higher-precedence fix."""
    by_place: dict[tuple, list[Finding]] = defaultdict(list)
    for f in findings:
        by_place[_where(f)].append(f)
    keep: list[Finding] = []
    for group in by_place.values():
        covers = [
            g
            for g in group
            if g.rule in _COVERING
            and (g.replacement is not None or g.rule == "damaged_formulation")
            and g.location.end > g.location.start
        ]
        for f in group:
            loc = f.location
            covered = any(
                g is not f
                and g.rule != f.rule
                and _PRIORITY[g.rule] < _PRIORITY[f.rule]
                and g.location.start <= loc.start
                and loc.end <= g.location.end
                for g in covers
            )
            if not covered:
                keep.append(f)
    return keep


def sort_findings(findings: list[Finding], order: dict[tuple, int]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (
            order.get(_where(f), 1 << 30),
            f.location.start,
            f.location.end,
            _PRIORITY.get(f.rule, 99),
        ),
    )


# ------------------------------------------------------------------ fixing
def _get(draft: Draft, field: str, section: Path | None, paragraph: int | None) -> str:
    if field == TITLE:
        return draft.title
    if field == ADDRESSEE:
        return draft.addressee
    if field == ISSUER:
        return draft.signature.issuer
    if field == DATE:
        return draft.signature.date
    sec = draft.section(section)
    return sec.heading if field == HEADING else sec.paragraphs[paragraph - 1]


def _set(draft: Draft, field: str, section: Path | None, paragraph: int | None, text: str) -> None:
    if field == TITLE:
        draft.title = text
    elif field == ADDRESSEE:
        draft.addressee = text
    elif field == ISSUER:
        draft.signature.issuer = text
    elif field == DATE:
        draft.signature.date = text
    elif field == HEADING:
        draft.section(section).heading = text
    else:
        draft.section(section).paragraphs[paragraph - 1] = text


def apply_fixes(draft: Draft, findings: Sequence[Finding]) -> Draft:
    """A copy of ``draft`` with every offered fix applied.

    Fixes are applied from the end of each text so earlier offsets stay valid; a fix whose
    text no longer matches (stale) or that overlaps one already applied is skipped.  A
    paragraph a fix empties (a repeated paragraph) is removed.
    """
    out = draft.copy()
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.replacement is not None and f.location.end > f.location.start:
            groups[_where(f)].append(f)
    emptied: list[tuple[Path, int]] = []
    for (field, section, paragraph), group in groups.items():
        text = _get(out, field, section, paragraph)
        new = text
        limit = len(text) + 1
        for f in sorted(group, key=lambda f: (f.location.start, f.location.end), reverse=True):
            s, e = f.location.start, f.location.end
            if e > limit or text[s:e] != f.text:
                continue
            new = new[:s] + f.replacement + new[e:]
            limit = s
        if field == PARAGRAPH and text.strip() and not new.strip():
            emptied.append((section, paragraph))
        else:
            _set(out, field, section, paragraph, new)
    for section, paragraph in sorted(emptied, reverse=True):
        del out.section(section).paragraphs[paragraph - 1]
    return out
