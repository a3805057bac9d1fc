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
from typing import TYPE_CHECKING

from ideodesk.checks.alignment import (
    DELETABLE,
    LATIN_WORDS,
    MASK_CHARS,
    OPTIONAL,
    Alignment,
    Candidate,
    Tok,
    accept,
    align,
    cjk_len,
    deletable_runs,
    is_deletable,
    tokenize,
)
from ideodesk.checks.chars import QUOTE, is_cjk, numeral_readings

if TYPE_CHECKING:
    from ideodesk.checks.formulations import Formulation, FormulationTable

__all__ = ["DELETABLE", "LATIN_WORDS", "FormulationIndex", "trie_regex"]

_MASK_RE = re.compile(
    rf"[{re.escape(MASK_CHARS)}]+"
    r"|(?<![A-Za-z0-9])[A-Za-z]{1,3}(?![A-Za-z0-9])"
    r"|(?<![0-9.])[0-9]{1,2}(?![0-9.])"
    rf"|{QUOTE}{QUOTE}|（）"
)
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
        self.repairable = [i for i, r in enumerate(self.rows) if r.check != "none" and cjk_len(r.norm) >= 4]
        self._text_cache: dict[tuple[str, _dt.date], list[Candidate]] = {}
        self.restored: dict[tuple, list] = {}  # checks.formulation_rules: restorations per text
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
            lengths = deletable_runs(c, j)
            if n >= 6 and 2 <= j <= n - 3 and c[j] not in OPTIONAL and is_cjk(c[j]) and 1 not in lengths:
                lengths = [1, *lengths]
            for d in lengths:
                if j + d > n:
                    continue
                if j == 0:  # cut at the front: only the droppable tokens, leaving ≥ 4 characters
                    if d < n and is_deletable(c[:d]) and cjk_len(c[d:]) >= 4:
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
        self.restored.clear()

    def _find_damaged(self, norm: str, day: _dt.date, words: frozenset[str]) -> list[Candidate]:
        tasks = self._mask_tasks(norm, day) | self._junction_tasks(norm)
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

    def _mask_tasks(self, norm: str, day: _dt.date) -> set[tuple[int, int, int]]:
        """(row, window start, window end) to align around masks: *, ×, letters for
        characters, digits for numerals, empty quotes/brackets."""
        tasks: set[tuple[int, int, int]] = set()
        n_text = len(norm)
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
        return tasks

    def _junction_tasks(self, norm: str) -> set[tuple[int, int, int]]:
        """The same around junctions: something was dropped between two known pieces."""
        tasks: set[tuple[int, int, int]] = set()
        n_text = len(norm)
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
        return tasks

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
    return any(t.startswith(c[k + n : k + n + 2], pos) for n in deletable_runs(c, k) if k + n < len(c))


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
