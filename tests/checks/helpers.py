"""Building drafts for the checks' tests: from sentences, from corpus files, from genres."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ideodesk.checks import Finding, apply_fixes, run_checks
from ideodesk.core.draft import Draft, Section, Signature

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"  # copies of ../shared/corpus
TODAY = dt.date(2024, 12, 1)

_HALF = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"})
# 形態(tài): pinyin annotations, which the import cleaner removes
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[1-4]?\)")


def draft_of(*paragraphs: str, date: str = "2024年12月1日", title: str = "测试稿", **kw) -> Draft:
    """One unheaded section holding the paragraphs (how a recovered flat text looks)."""
    return Draft(
        title=title, sections=[Section(paragraphs=list(paragraphs))], signature=Signature("", date), **kw
    )


def clean(text: str) -> str:
    """What the importer's cleaning does to corpus text that matters to the checks:
    pinyin annotations removed, half-width punctuation in Chinese made full-width,
    straight quotes paired."""
    text = _PINYIN.sub("", text).translate(_HALF)
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def corpus_lines(name_prefix: str, cleaned: bool = True) -> list[str]:
    path = next(CORPUS.glob(f"{name_prefix}_*.txt"))
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [clean(ln) for ln in lines] if cleaned else lines


def corpus_draft(name_prefix: str, cleaned: bool = True, date: str = "2024年12月1日") -> Draft:
    """A corpus file as a draft: first line the title, one paragraph per line."""
    lines = corpus_lines(name_prefix, cleaned)
    return draft_of(*lines[1:], title=lines[0], date=date)


def findings(draft: Draft, rule: str, **kw) -> list[Finding]:
    return run_checks(draft, rules=[rule], today=TODAY, **kw)


def texts(found: list[Finding]) -> list[str]:
    return [f.text for f in found]


def assert_fixes_clear(draft: Draft, rule: str, **kw) -> Draft:
    """Apply every fix the rule offers; the rule must then flag nothing fixable, and
    nothing it did not flag (unfixed) before."""
    before = findings(draft, rule, **kw)
    assert any(f.replacement is not None for f in before), "the case offers no fix to test"
    fixed = apply_fixes(draft, before)
    after = findings(fixed, rule, **kw)
    unfixable = sorted((f.text, f.message) for f in before if f.replacement is None)
    assert all(f.replacement is None for f in after), [(f.text, f.message) for f in after]
    assert sorted((f.text, f.message) for f in after) == unfixable
    return fixed
