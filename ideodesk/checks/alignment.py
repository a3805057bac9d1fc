"""Aligning a formulation of the table against a stretch of text, and judging whether the
alignment is damage (see :mod:`ideodesk.checks.matcher`, which finds the stretches).

Tokens: Chinese characters, masks (``*``, ``xx``), pinyin initials and digits standing for
characters.  :func:`align` finds the best alignment of the whole formulation; :func:`accept`
applies the acceptance rules: a shortened or merely neighbouring wording is not damage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ideodesk.checks.chars import CJK_RANGES, QUOTE, is_cjk, numeral_readings

# first letters of every reading of a character, from the shipped table (no pypinyin at run time)
from ideodesk.core.pinyin import reading_initials as initials

# Characters a formulation may gain or lose without being damaged (的, 和, enumeration
# commas, quotes, brackets): "牢牢掌握意识形态工作的领导权" is the same formulation as
# "牢牢掌握意识形态工作领导权".
OPTIONAL = frozenset("的和与及之了地、，；：（）《》 " + QUOTE)

# What web copies drop or mask: the leader's name, the Party, congress and plenum numbers.
LEADER_TOKENS = ("习近平总书记", "习近平同志", "习近平", "近平")
DELETABLE = frozenset(
    (*LEADER_TOKENS, "总书记", "党中央", "中国共产党", "共产党", "中共", "党", "二十大", "十九大", "十八大")
)
_NUMERAL_RUN = re.compile("[一二三四五六七八九十]{1,3}")
MASK_CHARS = "*×✕╳□■█"
# Latin letter runs that are ordinary words in Chinese text, not masks.
LATIN_WORDS = frozenset({"qq", "app", "ppt", "gdp", "cpu", "ok", "pdf", "wifi", "vip", "ip", "it", "ai"})
_CJK_RUN = re.compile(f"[{CJK_RANGES}]")


def deletable_runs(c: str, j: int) -> list[int]:
    """Lengths of the droppable tokens of ``c`` that start at ``j``."""
    out = {len(t) for t in DELETABLE if c.startswith(t, j)}
    if j == 0 or c[j - 1] not in "一二三四五六七八九十":
        m = _NUMERAL_RUN.match(c, j)
        if m:
            out.add(len(m[0]))  # a number goes as a whole (二十, not 二 of 二十)
    return sorted(out)


def is_leader(s: str) -> bool:
    return s in LEADER_TOKENS or s == "总书记"


def _named_before(norm: str, pos: int) -> bool:
    """Whether the leader was named earlier in the paragraph (a reference back is fine)."""
    before = norm[:pos]
    return "习近平" in before or "总书记" in before


def is_deletable(s: str) -> bool:
    core = "".join(ch for ch in s if ch not in OPTIONAL)
    return core in DELETABLE or bool(_NUMERAL_RUN.fullmatch(core))


@dataclass(frozen=True)
class Tok:
    kind: str  # char / star / letter / digits
    value: str
    start: int  # offsets in the window the tokens were made from
    end: int


@dataclass(frozen=True)
class Candidate:
    row: int  # index into FormulationIndex.rows
    start: int  # the damaged stretch of the text
    end: int
    matched: int  # Chinese characters matched exactly
    evidence: float  # matched + verified letters/digits
    masked: int  # characters of the formulation a mask stands for
    damage: str  # "masked" / "dropped" / "cut" / "letters" — for the message
    # The part of the formulation that replaces the stretch: optional characters (a quote,
    # 的) the text lacks at its very edges stay out, so the fix never doubles them.
    rep_start: int = 0
    rep_end: int = 0


def cjk_len(s: str) -> int:
    return len(_CJK_RUN.findall(s))


def tokenize(norm: str, a: int, b: int) -> list[Tok]:
    """The window ``norm[a:b]`` as alignment tokens (masks become wildcards)."""
    toks: list[Tok] = []
    k = a
    while k < b:
        ch = norm[k]
        if ch in MASK_CHARS:
            e = k
            while e < b and norm[e] in MASK_CHARS:
                e += 1
            toks.append(Tok("star", norm[k:e], k, e))
            k = e
            continue
        if ch.isascii() and ch.isalpha():
            e = k
            while e < b and norm[e].isascii() and norm[e].isalpha():
                e += 1
            run = norm[k:e]
            near_cjk = is_cjk(norm[k - 1 : k]) or is_cjk(norm[e : e + 1])
            if near_cjk and len(run) <= 3 and run.lower() not in LATIN_WORDS:
                if set(run) <= {"x", "X"}:
                    toks.append(Tok("star", run, k, e))  # xx / XX: a placeholder for anything
                else:
                    toks.extend(Tok("letter", run[x].lower(), k + x, k + x + 1) for x in range(len(run)))
            else:
                toks.extend(Tok("char", run[x], k + x, k + x + 1) for x in range(len(run)))
            k = e
            continue
        if ch.isdigit():
            e = k
            while e < b and norm[e].isdigit():
                e += 1
            run = norm[k:e]
            if len(run) <= 2 and (is_cjk(norm[k - 1 : k]) or is_cjk(norm[e : e + 1])):
                toks.append(Tok("digits", run, k, e))
            else:
                toks.extend(Tok("char", run[x], k + x, k + x + 1) for x in range(len(run)))
            k = e
            continue
        toks.append(Tok("char", ch, k, k + 1))
        if ch in {QUOTE, "（"} and k + 1 < b and norm[k + 1] == {QUOTE: QUOTE, "（": "）"}[ch]:
            toks.append(Tok("star", "", k + 1, k + 1))  # empty quotes/brackets: content masked
        k += 1
    return toks


# Alignment scores: exact Chinese characters dominate; masks cost nearly nothing but add
# nothing; a dropped character costs (a dropped 的 or 、 does not).
_MATCH, _OPT_MATCH, _LETTER, _STAR, _DEL, _INS = 1.0, 0.2, 0.8, 0.05, -0.6, -0.05
_MAX_DELETED = 6


@dataclass(frozen=True)
class Alignment:
    ops: tuple[tuple[str, int, int, int], ...]  # (op, c_start, c_end, token index)
    score: float


def align(c: str, toks: list[Tok]) -> Alignment | None:  # noqa: C901 — to be split (issue 18)
    """Best alignment of the whole of ``c`` against a stretch of ``toks``.

    Ops: match, letter (pinyin initial), digits (numeral), star (mask covering ≥ 1
    characters), del (a character of ``c`` missing from the text), ins (an optional
    character of the text not in ``c``).  The stretch may start and end anywhere.
    """
    n, m = len(c), len(toks)
    neg = float("-inf")
    kinds = [tk.kind for tk in toks]
    values = [tk.value for tk in toks]
    ins_ok = [k == "char" and v in OPTIONAL for k, v in zip(kinds, values, strict=True)]
    # score[i][t], non-optional deletions so far, back-pointer (op, c_start, c_end, token)
    score = [[neg] * (m + 1) for _ in range(n + 1)]
    dels = [[0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    score[0] = [0.0] * (m + 1)
    for i in range(n + 1):
        s_i, d_i, b_i = score[i], dels[i], back[i]
        last = i == n
        if not last:
            ch = c[i]
            optional = ch in OPTIONAL
            gain = _OPT_MATCH if optional else _MATCH
            s_n, d_n, b_n = score[i + 1], dels[i + 1], back[i + 1]
        for t in range(m + 1):
            sc = s_i[t]
            if sc == neg:
                continue
            dl = d_i[t]
            if t < m and i > 0 and ins_ok[t]:
                v = sc + _INS
                if v > s_i[t + 1]:
                    s_i[t + 1], d_i[t + 1], b_i[t + 1] = v, dl, ("ins", i, i, t)
            if last:
                continue
            if t < m:
                kind = kinds[t]
                if kind == "char":
                    if values[t] == ch:
                        v = sc + gain
                        if v > s_n[t + 1] or (v == s_n[t + 1] and dl < d_n[t + 1]):
                            s_n[t + 1], d_n[t + 1], b_n[t + 1] = v, dl, ("match", i, i + 1, t)
                elif kind == "letter":
                    if is_cjk(ch) and values[t] in initials(ch):
                        v = sc + _LETTER
                        if v > s_n[t + 1]:
                            s_n[t + 1], d_n[t + 1], b_n[t + 1] = v, dl, ("letter", i, i + 1, t)
                elif kind == "digits":
                    for reading in numeral_readings(values[t]):
                        k = len(reading)
                        if c.startswith(reading, i):
                            v = sc + _LETTER * k
                            if v > score[i + k][t + 1]:
                                score[i + k][t + 1], dels[i + k][t + 1] = v, dl
                                back[i + k][t + 1] = ("digits", i, i + k, t)
                else:  # star
                    v = sc + _STAR
                    for k in range(1, n - i + 1):
                        if v > score[i + k][t + 1]:
                            score[i + k][t + 1], dels[i + k][t + 1] = v, dl
                            back[i + k][t + 1] = ("star", i, i + k, t)
            if optional:
                if sc > s_n[t] or (sc == s_n[t] and dl < d_n[t]):
                    s_n[t], d_n[t], b_n[t] = sc, dl, ("del", i, i + 1, t)
            elif (i > 0 or t < m) and dl < _MAX_DELETED:
                v = sc + _DEL
                if v > s_n[t] or (v == s_n[t] and dl + 1 < d_n[t]):
                    s_n[t], d_n[t], b_n[t] = v, dl + 1, ("del", i, i + 1, t)
    end_t = None
    for t in range(1, m + 1):
        if back[n][t] is not None and score[n][t] > neg and (end_t is None or score[n][t] > score[n][end_t]):
            end_t = t
    if end_t is None:
        return None
    ops: list[tuple[str, int, int, int]] = []
    i, t = n, end_t
    while back[i][t] is not None:
        op = back[i][t]
        ops.append(op)
        kind, ci, _, ti = op
        if kind == "del":
            i = ci
        elif kind == "ins":
            t = ti
        else:
            i, t = ci, ti
    ops.reverse()
    return Alignment(tuple(ops), score[n][end_t])


def accept(  # noqa: C901 — to be split (issue 18)
    c: str,
    al: Alignment,
    toks: list[Tok],
    offset: int,
    norm: str,
    words: frozenset[str],
    exact: list[tuple[int, int]],
    row: int,
    table_norms: frozenset[str],
) -> Candidate | None:
    """Whether an alignment is damage worth reporting (see the module docstring).

    ``norm`` is the whole normalised text; token offsets are relative to ``offset``."""
    consumed = [op for op in al.ops if op[0] in {"match", "letter", "digits", "star", "ins"}]
    if not consumed:
        return None
    first_t = min(op[3] for op in consumed if op[0] != "ins")
    last_t = max(op[3] for op in consumed if op[0] != "ins")
    ws, we = toks[first_t].start + offset, toks[last_t].end + offset
    if toks[first_t].kind == "star" and toks[first_t].value == "":
        ws = toks[first_t - 1].start + offset if first_t else ws
    matched = sum(1 for op in al.ops if op[0] == "match" and is_cjk(c[op[1]]))
    letters = sum(op[2] - op[1] for op in al.ops if op[0] in {"letter", "digits"})
    stars = [op for op in al.ops if op[0] == "star"]
    masked = sum(op[2] - op[1] for op in stars)
    # Deletion runs of non-optional characters: where they are and what they were.
    runs: list[tuple[int, int]] = []
    for op in al.ops:
        if op[0] != "del" or c[op[1]] in OPTIONAL:
            continue
        if runs and runs[-1][1] == op[1]:
            runs[-1] = (runs[-1][0], op[2])
        else:
            runs.append((op[1], op[2]))
    first_c = min(op[1] for op in al.ops if op[0] in {"match", "letter", "digits", "star"})
    last_c = max(op[2] for op in al.ops if op[0] in {"match", "letter", "digits", "star"})
    deleted = sum(e - s for s, e in runs)
    if masked + letters + deleted == 0:
        return None  # the formulation as written, give or take 的 and 、
    if norm[ws:we] in table_norms:
        return None  # another formulation of the table, written correctly
    if any(s <= ws and we <= e and (e - s) > (we - ws) for s, e in exact):
        return None  # inside a correctly written (longer) formulation
    n_cjk = sum(1 for ch in c if is_cjk(ch) and ch not in OPTIONAL)
    singles = 0
    damage = "dropped"
    for s, e in runs:
        piece = c[s:e]
        if e >= len(c) and s >= last_c:
            return None  # the tail is missing: a shorter formulation, not damage
        if s == 0 and e <= first_c:  # the head is missing ("cut short")
            if not is_deletable(piece) or cjk_len(c[e:]) < 4:
                return None
            if _joins_previous(norm, ws, words):
                return None  # 作风廉政建设: the first character belongs to the word before
            if (
                is_leader(piece)
                and (_named_before(norm[max(0, ws - 16) : ws], ws) or c.startswith(("总书记", "关于"), e))
                and _named_before(norm, ws)
            ):
                return None  # "总书记…", "关于…的重要论述" after the name earlier in the paragraph
            if c.startswith("重要", e) and norm[:ws].endswith(("考察", "视察", "调研", "时", "上的", "的")):
                return None  # 来陕考察重要讲话: the speaker was named before the place
            damage = "cut"
            continue
        if is_deletable(piece):
            continue
        if e - s != 1 or len(c) < 6:
            return None
        singles += 1
        # Two matched characters on each side, and no word across the gap (words are judged
        # on the Simplified, normalised text).
        left = "".join(norm[toks[op[3]].start + offset] for op in al.ops if op[0] == "match" and op[2] <= s)
        right = "".join(norm[toks[op[3]].start + offset] for op in al.ops if op[0] == "match" and op[1] >= e)
        left, right = left[-2:], right[:2]
        if len(left) < 2 or len(right) < 2 or left[-1] + right[0] in words:
            return None
    if singles > 1:
        return None
    # A one-character left anchor that is really the end of the previous word (学习|总书记).
    first_op = next(op for op in al.ops if op[0] in {"match", "letter", "digits", "star"})
    if first_op[0] == "match" and runs and runs[0][0] == first_op[2] and _joins_previous(norm, ws, words):
        return None
    if stars:
        if matched < 4:
            return None
        for op in stars:
            if op[3] == first_t and not is_deletable(c[op[1] : op[2]]):
                return None  # a leading mask must stand for a name or a number
            if op[3] == last_t:
                return None  # a trailing mask could stand for anything
        damage = "masked"
    elif letters:
        if matched < 2 or matched + letters < 4:
            return None
        damage = "letters"
    else:
        if matched < 4 or matched < 0.55 * n_cjk:
            return None
    rep_start = next((op[1] for op in al.ops if not (op[0] == "del" and c[op[1]] in OPTIONAL)), 0)
    rep_end = next(
        (op[2] for op in reversed(al.ops) if not (op[0] == "del" and c[op[1]] in OPTIONAL)), len(c)
    )
    return Candidate(row, ws, we, matched, matched + 0.8 * letters, masked, damage, rep_start, rep_end)


def _joins_previous(text: str, pos: int, words: frozenset[str]) -> bool:
    """Whether ``text[pos]`` forms a word with the character before it, by a greedy
    left-to-right segmentation of the few characters before: 加强|风 leaves 风 free,
    加强|作风 and 认真|学习 do not."""
    prev = text[pos - 1 : pos]
    if not prev or prev == text[pos] or prev + text[pos] not in words:
        return False
    start = pos - 1
    while start > 0 and pos - start < 8 and is_cjk(text[start - 1]):
        start -= 1
    k = start
    while k < pos:
        if text[k : k + 2] in words:
            if k + 1 == pos:
                return True
            k += 2
        else:
            k += 1
    return False
