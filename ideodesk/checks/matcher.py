"""Finding standard formulations in text: exactly, and damaged.

Damage in this genre has a few shapes (seen in material copied from the web): words masked
by ``*``/``×``/``x``, characters replaced by the initials of their pinyin (``党w`` for 党委,
``wz`` for 武装) or by digits (``一岗2责``), and characters dropped — the leader's name, the
number of a congress or plenum, ``党``, or a single character anywhere in a long
formulation.  A candidate is found cheaply (a mask in the text, or a three-character
"junction" that only exists where something was cut out of a known formulation) and then
verified by aligning the formulation against the text.  The acceptance rules are strict on
purpose: a formulation that is merely shortened in a grammatical way (中华传统文化) or a
substring of a longer one (新时代中国特色社会主义) is not damage.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ideodesk.checks.chars import CJK_RANGES, QUOTE, is_cjk, numeral_readings

# first letters of every reading of a character, from the shipped table (no pypinyin at run time)
from ideodesk.core.pinyin import reading_initials as initials

if TYPE_CHECKING:
    from ideodesk.checks.formulations import Formulation, FormulationTable

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

_MASK_RE = re.compile(
    rf"[{re.escape(MASK_CHARS)}]+"
    r"|(?<![A-Za-z0-9])[A-Za-z]{1,3}(?![A-Za-z0-9])"
    r"|(?<![0-9.])[0-9]{1,2}(?![0-9.])"
    rf"|{QUOTE}{QUOTE}|（）"
)
_CJK_RUN = re.compile(f"[{CJK_RANGES}]")
# Where a mask can start: the full pattern is only tried there (it is slow everywhere).
_MASK_TRIGGER = re.compile(rf"[{re.escape(MASK_CHARS)}A-Za-z0-9{QUOTE}（]")


def _mask_matches(norm: str) -> Iterator[re.Match[str]]:
    pos = 0
    while True:
        t = _MASK_TRIGGER.search(norm, pos)
        if t is None:
            return
        m = _MASK_RE.match(norm, t.start())
        if m is None:
            pos = t.start() + 1
            continue
        yield m
        pos = m.end()


def trie_regex(words: list[str]) -> re.Pattern[str] | None:
    """One regex matching any of ``words``, longest first at each position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return None

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        if end:
            return f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    return re.compile(build(trie))


def _deletable_runs(c: str, j: int) -> list[int]:
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


class FormulationIndex:
    """Matching structures over a :class:`FormulationTable` (built once per table).

    It also remembers results between runs (per paragraph text and date, and per aligned
    window) in plain dicts: a run reads and adds entries, never iterates them, so the
    checks worker and a CLI run may share a table.
    """

    def __init__(self, table: FormulationTable) -> None:
        self.table = table
        self.rows = table.rows
        self.all_re = trie_regex(sorted({r.norm for r in self.rows if r.check != "none"}))
        dated = [r.norm for r in self.rows if (r.valid_from or r.valid_until) and r.check != "none"]
        self.dated_re = trie_regex(sorted(set(dated)))
        self.by_norm: dict[str, list[int]] = {}
        for i, r in enumerate(self.rows):
            self.by_norm.setdefault(r.norm, []).append(i)
        # Rows damage is repaired towards: long enough to be recognisable.  Dated rows too
        # (十九届六中全会 in a 2022 draft); whether a row is current is decided per draft.
        self.repairable = [i for i, r in enumerate(self.rows) if r.check != "none" and _cjk_len(r.norm) >= 4]
        self._text_cache: dict[tuple[str, _dt.date], list[Candidate]] = {}
        self._align_cache: dict[tuple[int, str, int], tuple[list[Tok], Alignment | None]] = {}
        self.bigrams: dict[str, list[int]] = {}
        self.keys: dict[str, list[tuple[int, int, int]]] = {}
        for i in self.repairable:
            c = self.rows[i].norm
            for b in {c[k : k + 2] for k in range(len(c) - 1)}:
                self.bigrams.setdefault(b, []).append(i)
            self._add_keys(i, c)
        self.key_set = frozenset(self.keys)

    def _add_keys(self, i: int, c: str) -> None:
        """Three-character strings that appear where something was dropped from ``c``."""
        n = len(c)
        seen: set[tuple[str, int, int]] = set()
        for j in range(n):
            lengths = _deletable_runs(c, j)
            if n >= 6 and 2 <= j <= n - 3 and c[j] not in OPTIONAL and is_cjk(c[j]) and 1 not in lengths:
                lengths = [1, *lengths]
            for d in lengths:
                if j + d > n:
                    continue
                if j == 0:  # cut at the front: only the droppable tokens, leaving ≥ 4 characters
                    if d < n and is_deletable(c[:d]) and _cjk_len(c[d:]) >= 4:
                        seen.add((c[d : d + 3], j, d))
                    continue
                if j + d >= n:
                    continue  # a cut tail is a shorter formulation, not damage
                if j >= 2:
                    seen.add((c[j - 2 : j] + c[j + d], j, d))
                if j + d + 2 <= n:
                    seen.add((c[j - 1] + c[j + d : j + d + 2], j, d))
        for key, j, d in seen:
            if len(key) == 3:
                self.keys.setdefault(key, []).append((i, j, d))

    # ------------------------------------------------------------------ exact
    def exact_spans(self, norm: str) -> list[tuple[int, int]]:
        if self.all_re is None:
            return []
        return [m.span() for m in self.all_re.finditer(norm)]

    def dated_matches(self, norm: str) -> list[tuple[int, int, str]]:
        """Dated formulations in ``norm``, longest first at each place; one that overlaps an
        earlier one and runs past its end is found too (推进马克思主义中国化时代化|大众化)."""
        if self.dated_re is None:
            return []
        out: list[tuple[int, int, str]] = []
        pos, reach = 0, 0
        while (m := self.dated_re.search(norm, pos)) is not None:
            if m.end() > reach:
                out.append((m.start(), m.end(), m.group()))
                reach = m.end()
            pos = m.start() + 1
        return out

    # ---------------------------------------------------------------- damaged
    def find_damaged(self, norm: str, day: _dt.date, words: frozenset[str]) -> list[Candidate]:
        """Damaged occurrences of the formulations current on ``day`` in one text, given
        in its normalised form (offsets are the same as in the text as written).  Results
        are remembered per text and date: on the next run (the next pause in typing) only
        edited paragraphs are looked at again."""
        key = (norm, day)
        hit = self._text_cache.get(key)
        if hit is None:
            if len(self._text_cache) > 20000:
                self._text_cache.clear()
            hit = self._text_cache[key] = self._find_damaged(norm, day, words)
        return hit

    def clear_caches(self) -> None:
        self._text_cache.clear()
        self._align_cache.clear()

    def _find_damaged(self, norm: str, day: _dt.date, words: frozenset[str]) -> list[Candidate]:  # noqa: C901 — to be split (issue 18)
        tasks: set[tuple[int, int, int]] = set()  # (row, window start, window end)
        n_text = len(norm)
        # 1. masks: *, ×, letters for characters, digits for numerals, empty quotes/brackets
        for m in _mask_matches(norm):
            s, e = m.span()
            tok = m.group()
            if tok[0].isalpha() and tok.lower() in LATIN_WORDS:
                continue
            before, after = norm[s - 1 : s], norm[e : e + 1]
            if tok in {QUOTE * 2, "（）"}:
                if not (is_cjk(before) or is_cjk(after)):
                    continue
            elif not (is_cjk(before) or is_cjk(after)):
                continue
            near = {*self.bigrams.get(norm[max(0, s - 2) : s], ()), *self.bigrams.get(norm[e : e + 2], ())}
            if not near:
                continue
            context = set(norm[max(0, s - 8) : e + 8])
            rows = self.rows
            # A mask never ends a repair, so the formulation holds the character after it;
            # a digit stands for a numeral the formulation holds.
            right = norm[e : e + 1]
            readings = numeral_readings(tok) if tok.isdigit() else ()
            cands = [
                (len(context.intersection(rows[i].norm)), rows[i].valid_from or _dt.date.min, -i)
                for i in near
                if rows[i].current_on(day)
                and right in rows[i].norm
                and (not readings or any(r in rows[i].norm for r in readings))
            ]
            for score, _, neg_i in sorted(cands, reverse=True)[:12]:
                i = -neg_i
                if score < 3:
                    continue
                n = len(self.rows[i].norm)
                tasks.add((i, max(0, s - n - 2), min(n_text, e + n + 2)))
        # 2. junctions: something was dropped between two known pieces
        keys = self.keys
        # Set intersection of the text's trigrams with the keys runs in C; positions are
        # then found only for the few keys present.
        present = self.key_set.intersection(map("".join, zip(norm, norm[1:], norm[2:], strict=False)))
        positions = sorted((p, key) for key in present for p in _find_all(norm, key))
        for p, key in positions:
            cut_here = None  # for cut-head keys: the text before the key, tested once per head
            for i, j, d in keys[key]:
                c = self.rows[i].norm
                n = len(c)
                if j == 0:
                    if cut_here is None or len(cut_here) != d:
                        cut_here = norm[max(0, p - d) : p]
                    if cut_here == c[:d]:
                        continue  # the formulation in full: nothing was cut
                    q, left = p, 0
                else:
                    q = p + 2 if norm[p : p + 2] == c[j - 2 : j] and j >= 2 else p + 1
                    left = _common_suffix(norm, q, c, j)
                right = _common_prefix(norm, q, c, j + d)
                if (j > 0 and left < 1) or right < 1 or left + right < 0.5 * (n - d):
                    continue
                if _tail_ok(norm, q + right, c, j + d + right) and _head_ok(norm, q - left, c, j - left):
                    tasks.add((i, max(0, q - j - 2), min(n_text, q + (n - j - d) + 4)))
        if not tasks:
            return []
        exact = self.exact_spans(norm)
        found: list[Candidate] = []
        for i, a, b in sorted(tasks):
            row = self.rows[i]
            if not row.current_on(day):
                continue
            cand = self._verify(i, norm, a, b, words, exact)
            if cand is not None:
                found.append(cand)
        return _best_non_overlapping(found, self.rows)

    def _verify(
        self,
        i: int,
        norm: str,
        a: int,
        b: int,
        words: frozenset[str],
        exact: list[tuple[int, int]],
    ) -> Candidate | None:
        c = self.rows[i].norm
        # Alignments depend only on the formulation and the window (and one character of
        # context each side), so unchanged text is not aligned again on the next run.
        lo, hi = max(0, a - 1), min(len(norm), b + 1)
        key = (i, norm[lo:hi], a - lo)
        hit = self._align_cache.get(key)
        if hit is None:
            if len(self._align_cache) > 20000:
                self._align_cache.clear()
            sub = norm[lo:hi]
            toks = tokenize(sub, a - lo, b - lo)
            hit = (toks, align(c, toks))
            self._align_cache[key] = hit
        toks, al = hit
        if al is None:
            return None
        return accept(c, al, toks, lo, norm, words, exact, i, self.table.norms)


def _cjk_len(s: str) -> int:
    return len(_CJK_RUN.findall(s))


def _find_all(text: str, sub: str) -> Iterator[int]:
    k = text.find(sub)
    while k != -1:
        yield k
        k = text.find(sub, k + 1)


def _masky(ch: str) -> bool:
    return bool(ch) and (ch in MASK_CHARS or (ch.isascii() and ch.isalnum()) or ch in {QUOTE, "（", "）"})


def _tail_ok(t: str, pos: int, c: str, k: int) -> bool:
    """Can the rest of the formulation, ``c[k:]``, still follow the text at ``pos``?  (A
    cheap pre-check: the alignment decides.)  A missing tail is never accepted, so after a
    mismatch only a mask, an optional character or one droppable token may come next."""
    if k >= len(c) or _masky(t[pos : pos + 1]):
        return True
    if c[k] in OPTIONAL and t.startswith(c[k + 1 : k + 3], pos):
        return True
    if t[pos : pos + 1] in OPTIONAL and t.startswith(c[k : k + 2], pos + 1):
        return True
    return any(t.startswith(c[k + n : k + n + 2], pos) for n in _deletable_runs(c, k) if k + n < len(c))


def _head_ok(t: str, pos: int, c: str, k: int) -> bool:
    """The same for the part before the junction, ``c[:k]`` ending at ``t[pos]``."""
    if k <= 0 or _masky(t[pos - 1 : pos]) or is_deletable(c[:k]):
        return True
    if c[k - 1] in OPTIONAL and t[:pos].endswith(c[max(0, k - 3) : k - 1]):
        return True
    if t[pos - 1 : pos] in OPTIONAL and t[: pos - 1].endswith(c[max(0, k - 2) : k]):
        return True
    for n in range(1, min(6, k) + 1):
        if is_deletable(c[k - n : k]) and (k == n or t[:pos].endswith(c[max(0, k - n - 2) : k - n])):
            return True
    return False


def _common_suffix(t: str, q: int, c: str, j: int) -> int:
    k = 0
    while k < j and q - k - 1 >= 0 and t[q - k - 1] == c[j - k - 1]:
        k += 1
    return k


def _common_prefix(t: str, q: int, c: str, j: int) -> int:
    k = 0
    while j + k < len(c) and q + k < len(t) and t[q + k] == c[j + k]:
        k += 1
    return k


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
            if not is_deletable(piece) or _cjk_len(c[e:]) < 4:
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


def _best_non_overlapping(found: list[Candidate], rows: list[Formulation]) -> list[Candidate]:
    """One repair per stretch of text: most evidence, then the most recent formulation."""

    def rank(cd: Candidate):
        r = rows[cd.row]
        return (cd.evidence, -cd.masked, (r.valid_from or _dt.date.min), cd.end - cd.start, -cd.row)

    kept: list[Candidate] = []
    for cd in sorted(found, key=rank, reverse=True):
        if all(cd.end <= k.start or k.end <= cd.start for k in kept):
            kept.append(cd)
    return sorted(kept, key=lambda cd: cd.start)
