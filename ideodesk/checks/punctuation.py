"""Rules ``halfwidth_punct``, ``unbalanced``, ``doubled_punct`` and ``repeated_char``.

Half-width marks are only wrong in Chinese text: ``1,000``, ``9:30``, ``http://…`` and a
Latin sentence keep theirs.  A doubled character is only wrong when it is not a word
(谢谢, 常常), not a reduplication (的的确确, 一步步) and not two words meeting (工作作风,
为了了解) — the two-character word list decides the last case.
"""

from __future__ import annotations

import re

from ideodesk.checks.chars import CJK_CLASS, is_chinese_context, is_cjk
from ideodesk.checks.model import INFO, PARAGRAPH, WARNING, CheckContext, Finding
from ideodesk.checks.numbering import marker_spans
from ideodesk.checks.words import BUILTIN_DOUBLES, have_dictionary, two_char_words

_HALF_RE = re.compile(r"\.{3,}|[,;:!?()\".]")
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）", ".": "。"}
_URL_RE = re.compile(
    r"(?:https?|ftp)://\S+|www\.[\w.-]+\S*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+\.(?:com|cn|net|org|gov)\b"
)


def _skip_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _URL_RE.finditer(text)] + marker_spans(text)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


_SEE_THROUGH = " ,;:!?()\"'."  # a half-width mark next to another one takes that one's context


def _neighbours(text: str, s: int, e: int) -> tuple[str, str]:
    """The nearest characters before and after that are neither spaces nor half-width
    marks (so "好!?" is Chinese for both marks, and fixing one never exposes the other)."""
    i, j = s - 1, e
    while i >= 0 and text[i] in _SEE_THROUGH:
        i -= 1
    while j < len(text) and text[j] in _SEE_THROUGH:
        j += 1
    return (text[i] if i >= 0 else ""), (text[j] if j < len(text) else "")


def check_halfwidth(ctx: CheckContext) -> list[Finding]:
    """Half-width ``,;:!?()".`` in Chinese text → full-width."""
    out: list[Finding] = []
    for unit in ctx.units:
        text = unit.text
        if not any(c in text for c in ',;:!?()".'):
            continue
        skip = _skip_spans(text)
        fixes = _halfwidth_fixes(text, skip, quotes=True)
        # A mark made full-width makes its neighbour Chinese context too ("2;)" once the
        # bracket is fixed): look again until nothing new turns up, so that applying every
        # fix leaves nothing for this rule to flag.
        for _ in range(3):
            working = list(text)
            for pos, (fix, _msg, end) in fixes.items():
                if end - pos == 1:
                    working[pos] = fix
            again = _halfwidth_fixes("".join(working), skip, quotes=False)
            more = {k: v for k, v in again.items() if k not in fixes}
            if not more:
                break
            fixes.update(more)
        for pos in sorted(fixes):
            fix, msg, end = fixes[pos]
            out.append(ctx.finding("halfwidth_punct", WARNING, unit, pos, end, msg, fix))
    return out


def _halfwidth_fixes(text: str, skip: list[tuple[int, int]], quotes: bool) -> dict[int, tuple[str, str, int]]:
    """{position: (fix, message, end)} for the half-width marks of ``text`` in Chinese text."""
    out: dict[int, tuple[str, str, int]] = {}
    seen_quotes = 0
    for m in _HALF_RE.finditer(text):
        s, e = m.span()
        ch = m.group()
        if _inside(s, skip):
            if ch == '"':
                seen_quotes += 1
            continue
        prev, nxt = _neighbours(text, s, e)
        chinese = is_chinese_context(prev) or is_chinese_context(nxt)
        if ch == '"':
            opening = seen_quotes % 2 == 0
            seen_quotes += 1
            if chinese and quotes:
                fix = "“" if opening else "”"
                out[s] = (fix, f"中文中的半角引号应为全角“{fix}”", e)
            continue
        if ch.startswith("..."):
            if is_cjk(prev):
                out[s] = ("……", "中文省略号应为“……”", e)
            continue
        if ch == ".":
            # Only a sentence end after a Chinese character: not 1.5, not v1.2, not U.S.
            if is_cjk(text[s - 1 : s]) and (not nxt or is_chinese_context(nxt)):
                out[s] = ("。", "中文句末应用句号“。”", e)
            continue
        if prev.isdigit() and nxt.isdigit():
            continue  # 1,000  9:30  1:2
        if ch in "()" and not chinese:
            # A bracket is Chinese when it or its partner touches Chinese or holds Chinese.
            partner = _partner(text, s)
            inner = text[min(s, partner) + 1 : max(s, partner)] if partner is not None else ""
            chinese = bool(re.search(CJK_CLASS, inner))
            if partner is not None and not chinese:
                p_prev, p_next = _neighbours(text, partner, partner + 1)
                chinese = is_chinese_context(p_prev) or is_chinese_context(p_next)
        if chinese:
            fix = _FULL[ch]
            out[s] = (fix, f"中文中的半角“{ch}”应为全角“{fix}”", e)
    return out


def _partner(text: str, pos: int) -> int | None:
    """Index of the bracket that pairs with the one at ``pos`` (half- or full-width)."""
    if text[pos] in "(（":
        depth = 0
        for k in range(pos, len(text)):
            if text[k] in "(（":
                depth += 1
            elif text[k] in ")）":
                depth -= 1
                if depth == 0:
                    return k
        return None
    depth = 0
    for k in range(pos, -1, -1):
        if text[k] in ")）":
            depth += 1
        elif text[k] in "(（":
            depth -= 1
            if depth == 0:
                return k
    return None


# Pairs that must balance within a paragraph; half- and full-width brackets pair freely.
_OPEN = {
    "（": "paren",
    "(": "paren",
    "“": "dq",
    "‘": "sq",
    "《": "book",
    "〈": "angle",
    "【": "lent",
    "「": "corner",
    "『": "wcorner",
    "〔": "tort",
    "﹝": "tort",
    "[": "square",
}
_CLOSE = {
    "）": "paren",
    ")": "paren",
    "”": "dq",
    "’": "sq",
    "》": "book",
    "〉": "angle",
    "】": "lent",
    "」": "corner",
    "』": "wcorner",
    "〕": "tort",
    "﹞": "tort",
    "]": "square",
}
_PAIR_RE = re.compile("[" + re.escape("".join(_OPEN) + "".join(_CLOSE)) + '"]')
_NAMES = {
    "paren": "括号",
    "dq": "双引号",
    "sq": "单引号",
    "book": "书名号",
    "angle": "书名号",
    "lent": "方头括号",
}


def check_unbalanced(ctx: CheckContext) -> list[Finding]:
    """Quotes, brackets and 《》 that open without closing or close without opening."""
    out: list[Finding] = []
    units = ctx.units
    for idx, unit in enumerate(units):
        text = unit.text
        if not _PAIR_RE.search(text):
            continue
        skip = marker_spans(text) if unit.field == PARAGRAPH else []
        stack: list[tuple[str, int]] = []
        bad: list[tuple[int, str]] = []
        straight = [m.start() for m in re.finditer('"', text) if not _inside(m.start(), skip)]
        for m in _PAIR_RE.finditer(text):
            ch, pos = m.group(), m.start()
            if ch == '"' or _inside(pos, skip):
                continue
            if ch in _OPEN:
                stack.append((_OPEN[ch], pos))
                continue
            fam = _CLOSE[ch]
            k = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == fam), None)
            if k is None:
                name = _NAMES.get(fam, "括号")
                bad.append((pos, f"多出一个右{name}“{ch}”，缺少与之配对的左{name}"))
            else:
                for fam2, p2 in stack[k + 1 :]:  # opened inside and never closed
                    bad.append(
                        (
                            p2,
                            f"左{_NAMES.get(fam2, '括号')}“{text[p2]}”没有配对的右{_NAMES.get(fam2, '括号')}",
                        )
                    )
                del stack[k:]
        # A quotation running over paragraphs opens each paragraph and closes only at its end.
        nxt = units[idx + 1].text.lstrip() if idx + 1 < len(units) else ""
        for fam, p in stack:
            if fam == "dq" and nxt.startswith("“"):
                continue
            bad.append((p, f"左{_NAMES.get(fam, '括号')}“{text[p]}”没有配对的右{_NAMES.get(fam, '括号')}"))
        if len(straight) % 2:
            bad.append((straight[-1], '半角引号“"”数目为单数，引号不配对'))
        for pos, msg in sorted(bad):
            out.append(ctx.finding("unbalanced", WARNING, unit, pos, pos + 1, msg))
    return out


_DOUBLED_RE = re.compile(r"[，。、；：！？,;:!?]{2,}")
_STRENGTH = "。？！；：，、"  # which mark survives when two different ones meet


def check_doubled_punct(ctx: CheckContext) -> list[Finding]:
    """``，，``, ``。。``, ``：。``, ``，。``: two marks where one belongs."""
    out: list[Finding] = []
    for unit in ctx.units:
        for m in _DOUBLED_RE.finditer(unit.text):
            s, e = m.span()
            run = "".join(_FULL.get(c, c) for c in m.group())
            if set(run) <= {"？", "！"} and len(set(run)) > 1:
                continue  # ？！ is allowed
            if set(run) == {"。"} and len(run) >= 3:
                fix, msg = "……", "用句号连写表示省略，应为省略号“……”"
            elif len(set(run)) == 1:
                fix, msg = run[0], f"标点“{run[0]}”重复"
            elif run[0] == "：":
                fix, msg = "：", f"标点“{m.group()}”连用，保留冒号"
            else:
                fix = min(run, key=_STRENGTH.index)
                msg = f"标点“{m.group()}”连用，应只保留“{fix}”"
            out.append(ctx.finding("doubled_punct", WARNING, unit, s, e, msg, fix))
    return out


_DOUBLE_CHAR_RE = re.compile(rf"({CJK_CLASS})\1+")
_DOUBLE_WORD_RE = re.compile(rf"({CJK_CLASS}{{2,6}})\1")
_FUNCTION_CHARS = frozenset("的了在和与及是对把被将为从向以于并而或也都就之其这那个")
# Verbs reduplicated in the AB-AB way (研究研究): informal but not typing errors.
_VERB_PAIRS = frozenset(
    {
        "研究",
        "讨论",
        "学习",
        "商量",
        "考虑",
        "检查",
        "锻炼",
        "休息",
        "了解",
        "打扫",
        "收拾",
        "整理",
        "活动",
        "交流",
    }
)


# Aspect and complement characters after a one-character verb: in 工作作了部署 the second 作
# is the verb 作 (作了), so deleting it would corrupt the sentence.
_VERB_SUFFIXES = frozenset("了着过出为成好完得")


def check_repeated_chars(ctx: CheckContext) -> list[Finding]:
    """的的, 习总书记记, 意识形态意识形态 — a character or a word typed twice."""
    out: list[Finding] = []
    words = two_char_words()
    full = have_dictionary()
    for unit in ctx.units:
        # Judge on the Simplified form (層層 is 层层, a word); report on the text as written.
        text = unit.simplified if len(unit.simplified) == len(unit.text) else unit.text
        for m in _DOUBLE_CHAR_RE.finditer(text):
            s, e = m.span()
            c = m.group(1)
            if e - s == 2:
                prev, nxt = text[s - 1 : s], text[e : e + 1]
                if c + c in words or c + c in BUILTIN_DOUBLES:
                    continue
                if prev == "一" or (len(text) > e + 1 and text[e] == text[e + 1] and is_cjk(text[e])):
                    continue  # 一步步; 的的确确 (AABB)
                if s >= 2 and text[s - 2] == text[s - 1] and is_cjk(prev):
                    continue  # 干干净净 (the BB half)
                if prev and nxt and prev + c in words and (c + nxt in words or nxt in _VERB_SUFFIXES):
                    continue  # 工作作风, 为了了解: two words meeting; 工作作了部署: a verb after a word
                if not full and c not in _FUNCTION_CHARS:
                    continue  # without the dictionary, only the safe cases
            out.append(
                ctx.finding("repeated_char", WARNING, unit, s, e, f"“{c}”字重复，疑为多打", unit.text[s])
            )
        for m in _DOUBLE_WORD_RE.finditer(text):
            s, e = m.span()
            w = m.group(1)
            if w[0] == "一" or w in _VERB_PAIRS or len(set(w)) == 1:
                continue
            out.append(
                ctx.finding(
                    "repeated_char",
                    INFO if len(w) == 2 else WARNING,
                    unit,
                    s,
                    e,
                    f"“{w}”重复出现，疑为多打",
                    unit.text[s : s + len(w)],
                )
            )
    return out
