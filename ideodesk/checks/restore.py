"""Restoring words that web copies strip or mask, from a model of the genre's own text.

Sites strip the politically sensitive words themselves (党, 党中央, 习近平, 总书记, …) and
leave junctions no clerk writes: ``广大员干部``, ``以为核心的中央``, ``认真学习贯彻的重要讲话
精神``.  The model is built once from the shipped text of the genre — the phrase bank
and the formulation table — as character contexts:

* for every occurrence of a strippable word, the two characters before and after it
  (``广大|党|员干``) and the three before and after (stronger evidence);
* every four-character string the text has as written (a junction the genre writes
  without the word is not damage).

A junction of the draft whose 2+2 context the genre only writes *with* a stripped word is
a candidate; it is accepted when the junction is not itself a word, or when the wider
3+3 context agrees.  One restoration that fits is offered as the fix; several are listed
without a fix; none is nothing.  A mask (``*``, ``×``, ``xx``, ``X``, ``某``) or pinyin
initials (``ZZ`` for 政治) between two known pieces are restored the same way, from what
the genre writes between those pieces; a restored number (which congress, which plenum)
must be current on the draft's date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ideodesk import phrasebank_dir
from ideodesk.checks.alignment import LATIN_WORDS
from ideodesk.checks.chars import is_cjk, normalize
from ideodesk.checks.words import dictionary_file, two_char_words
from ideodesk.core.pinyin import reading_initials

# What web copies strip (issue 13), longest first where one contains another.
STRIP_WORDS = (
    "新时代中国特色社会主义思想", "习近平总书记", "习近平同志", "中国共产党", "中共中央", "习近平", "总书记",
    "党中央", "共产党", "二十大", "十九大", "十八大", "毛泽东", "邓小平", "中央", "人民", "中国", "党",
)  # fmt: skip
_MASK_RE = re.compile(r"[*＊×✕╳]+|(?<![A-Za-z0-9])(?:[xX]{1,3}|[A-Za-z]{1,3})(?![A-Za-z0-9])|某")
_SLOT_RE = re.compile(r"【[^】]*】")
_ATTR_SEP = " | "
_NUMERALS = frozenset("一二三四五六七八九十")
_MAX_GAP = 14
_COUNTED = frozenset("人名次个篇场期万余项件家户条位批")  # what follows a number


@dataclass(frozen=True)
class Restoration:
    start: int  # the stretch of the text the fix replaces (context included)
    end: int
    candidates: tuple[str, ...]  # the restored stretch, best first
    kind: str  # "dropped" / "masked" / "letters"
    fixable: bool  # exactly one restoration fits (and does not depend on an unknown date)


def bank_texts(folder: Path) -> list[str]:
    """The phrase bank's entries, without attributes and with 【slots】 as breaks."""
    out: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            line = line.strip()
            if not line or line.startswith(("#", "[")):
                continue
            out.extend(_SLOT_RE.split(line.split(_ATTR_SEP)[0]))
    return out


class GenreModel:
    """Character contexts of the genre's text (see the module docstring)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.text = "\n" + "\n".join(normalize(t) for t in texts if t) + "\n"
        t = self.text
        self.seen4 = frozenset(map("".join, zip(t, t[1:], t[2:], t[3:], strict=False)))
        self.near: dict[str, Counter[str]] = {}  # 2+2 context → words
        self.wide: dict[str, Counter[str]] = {}  # 3+3 context → words
        self.bigram_at: dict[str, list[int]] = {}
        for k in range(len(t) - 1):
            self.bigram_at.setdefault(t[k : k + 2], []).append(k)
        for word in STRIP_WORDS:
            for m in re.finditer(re.escape(word), t):
                s, e = m.span()
                if _inside_longer(t, s, e):
                    continue
                self.near.setdefault(t[s - 2 : s] + t[e : e + 2], Counter())[word] += 1
                self.wide.setdefault(t[s - 3 : s] + t[e : e + 3], Counter())[word] += 1
        self.near = {k: v for k, v in self.near.items() if len(k) == 4 and k not in self.seen4}
        self.near_keys = frozenset(self.near)
        self._spelled: dict[str, list[str]] | None = None
        self.starting: dict[str, list[str]] = {}
        for bigram in self.bigram_at:
            self.starting.setdefault(bigram[0], []).append(bigram)

    def spelled(self, letters: str, second: str = "") -> list[str]:
        """The two-character strings of the text whose initials are ``letters``; with
        ``second``, those that start with it and whose second character has that initial."""
        if second:
            return [b for b in self.starting.get(second, ()) if letters in reading_initials(b[1])]
        if self._spelled is None:
            by: dict[str, list[str]] = {}
            for bigram in self.bigram_at:
                if all(map(is_cjk, bigram)):
                    for a in reading_initials(bigram[0]):
                        for b in reading_initials(bigram[1]):
                            by.setdefault(a + b, []).append(bigram)
            self._spelled = by
        return self._spelled.get(letters, [])

    def between(self, left: str, right: str) -> Counter[str]:
        """What the genre writes between ``left`` and ``right`` (Chinese characters only)."""
        found: Counter[str] = Counter()
        t = self.text
        for p in self.bigram_at.get(left, ()):
            q = t.find(right, p + 3, p + 2 + _MAX_GAP + len(right))
            if q == -1:
                continue
            gap = t[p + 2 : q]
            if gap and all(is_cjk(ch) for ch in gap):
                found[gap] += 1
        return found


def _inside_longer(t: str, s: int, e: int) -> bool:
    """中央 of 党中央 is stripped only as part of 党中央: its context is 党中央's."""
    word = t[s:e]
    for w in STRIP_WORDS:
        o = w.find(word)
        if len(w) > len(word) and o != -1 and t[s - o : s - o + len(w)] == w:
            return True
    return False


@cache
def genre_model(folder: Path | None = None) -> GenreModel:
    """The model of the shipped phrase bank and formulation table (built once, ~0.1 s)."""
    from ideodesk.checks.formulations import load_table

    folder = folder or phrasebank_dir()
    table = load_table(folder)
    texts = [r.text for r in table.rows] + [r.replacement for r in table.rows if r.replacement]
    return GenreModel(texts + bank_texts(folder))


def _find_all(text: str, sub: str) -> Iterable[int]:
    k = text.find(sub)
    while k != -1:
        yield k
        k = text.find(sub, k + 1)


def _choose(counts: Counter[str]) -> tuple[str, ...]:
    """The candidates, best first; one when it clearly dominates the rest."""
    ranked = [w for w, _ in counts.most_common()]
    if len(ranked) > 1 and counts[ranked[0]] >= 3 * counts[ranked[1]]:
        return (ranked[0],)
    return tuple(ranked[:4])


def find_dropped(model: GenreModel, norm: str, words: frozenset[str]) -> list[Restoration]:
    """Junctions where a stripped word fits (see the module docstring)."""
    grams = zip(norm, norm[1:], norm[2:], norm[3:], strict=False)
    present = model.near_keys.intersection(map("".join, grams))
    out: list[Restoration] = []
    for key in present:
        for p in _find_all(norm, key):
            j = p + 2
            if not is_cjk(norm[j]) or not (is_cjk(norm[j - 1]) or norm[j - 1] in "、，"):
                continue
            wide = model.wide.get(norm[max(0, j - 3) : j] + norm[j : j + 3]) if j >= 3 else None
            counts = wide if wide else model.near[key]
            if not wide and sum(counts.values()) < 2:
                continue  # one occurrence of the near context is too little
            if not wide and norm[j - 2 : j] in words and norm[j : j + 2] in words:
                continue  # 基层|组织: two words meeting need the wider context
            cands = tuple(norm[p:j] + w + norm[j : j + 2] for w in _choose(counts))
            out.append(Restoration(p, p + 4, cands, "dropped", len(cands) == 1))
    return out


def _spelled(model: GenreModel, letters: str, before: str, after: str) -> Counter[str]:
    """Words of the genre's text spelled by ``letters`` (zz: 政治) that it writes next to
    the character before or after the initials."""
    words = two_char_words()
    if len(letters) == 1:  # 党w: the rest of a strippable word's dictionary word
        heads = mask_heads()
        found = Counter()
        for word in model.spelled(letters, second=before) if before in _WORD_HEADS else ():
            if word in words and heads.get(word[1], {}).get(before) and (n := model.text.count(word)) >= 3:
                found[word[1]] = n
        return found
    if len(letters) != 2 or not (before or after):
        return Counter()
    out: Counter[str] = Counter()
    for word in model.spelled(letters):
        if word not in words:
            continue
        n = model.text.count(word + after) if after else 0
        n += model.text.count(before + word) if before else 0
        if n:
            out[word] = n
    return out


def _stripped_kind(gap: str) -> bool:
    """What sites mask: a strippable word, a congress or plenum number, or text holding one."""
    return any(w in gap for w in STRIP_WORDS) or all(ch in _NUMERALS for ch in gap)


def _letters_fit(letters: str, gap: str) -> bool:
    return len(letters) == len(gap) and all(
        a in reading_initials(ch) for a, ch in zip(letters, gap, strict=True)
    )


def _mask_fits(tok: str) -> Callable[[str], bool]:
    if tok == "某":
        return lambda gap: gap in STRIP_WORDS
    if tok[0].isascii() and tok[0].isalpha() and set(tok.lower()) != {"x"}:
        return lambda gap: _letters_fit(tok.lower(), gap)
    if len(tok) > 1 and tok[0] in "*＊×":
        return lambda gap: len(gap) == len(tok) or gap in STRIP_WORDS
    return lambda gap: True


def _stripped_fits(model: GenreModel, norm: str, s: int, e: int, fits) -> Counter[str]:
    """The strippable words that fit a mask by the nearest characters: a dictionary word
    it heads (*支部, *委, **政府), else the genre's text three characters to one side."""
    if norm[e] in _COUNTED:
        return Counter()  # 志愿者*人: a number left blank
    heads = mask_heads()
    for k in range(min(5, len(norm) - e), 0, -1):
        rest = norm[e : e + k]
        found = Counter({h: n for h, n in heads.get(rest, Counter()).items() if fits(h)})
        if k == 1:  # one character (党委, 党费) only where the genre writes the word
            found = Counter({h: n for h, n in found.items() if model.text.count(h + rest) >= 3})
        if found:
            return found
    right = norm[e : e + 3]
    if len(right) < 3 or not all(map(is_cjk, right)):
        return Counter()
    return Counter({w: n for w in STRIP_WORDS if fits(w) and (n := model.text.count(w + right))})


@cache
def mask_heads() -> dict[str, Counter[str]]:
    """For what follows a mask, the strippable words that head a dictionary word with it
    (支部 → 党, 政府 → 人民, 八项规定 → 中央), by the words' frequency."""
    out: dict[str, Counter[str]] = {}
    for head, rest, freq in _headed(_dictionary_text()):
        if len(rest) > 1 or head == "党":  # 中央|局: one character is too little to go on
            out.setdefault(rest, Counter())[head] += freq
    return out


def find_masked(
    model: GenreModel, norm: str, current: Callable[[str], bool], undated: bool
) -> list[Restoration]:
    """Masks and pinyin initials between two pieces the genre writes around one word."""
    out: list[Restoration] = []
    for m in _MASK_RE.finditer(norm):
        s, e = m.span()
        tok = m.group()
        if tok.lower() in LATIN_WORDS or e >= len(norm):
            continue
        left, right = norm[max(0, s - 2) : s], norm[e : e + 2]
        if not (is_cjk(norm[e]) and (s == 0 or is_cjk(norm[s - 1]))):
            continue
        if tok == "某" and (norm[e : e + 1] == "某" or norm[s - 1 : s] == "某"):
            continue  # 某某: an anonymised name
        if norm[:s].endswith("中共"):
            continue  # 中共××支部: the unit's name left blank
        fits = _mask_fits(tok)
        if right == "同志" and not left.endswith("以"):
            continue  # xx同志: a name left blank, not a stripped one
        between = model.between(left, right) if len(left) == len(right) == 2 else Counter()
        letters = tok[0].isascii() and tok[0].isalpha() and set(tok.lower()) != {"x"}
        counts = Counter({g: c for g, c in between.items() if fits(g) and (letters or _stripped_kind(g))})
        if not counts and letters:
            counts = _spelled(model, tok.lower(), norm[max(0, s - 1) : s], norm[e : e + 1])
        elif not counts:
            counts = _stripped_fits(model, norm, s, e, fits)
        counts = Counter({g: c for g, c in counts.items() if current(left + g + right)})
        if not counts:
            continue
        if tok == "某" and sum(counts.values()) < 2:
            continue
        cands = _choose(counts)
        dated = undated and any(_NUMERALS.intersection(c) for c in counts)
        kind = "letters" if letters else "masked"
        restored = tuple(left + c + right for c in cands)
        fixable = len(restored) == 1 and not dated
        out.append(Restoration(s - len(left), e + len(right), restored, kind, fixable))
    return out


# ------------------------------------------------------------ dictionary words
@dataclass(frozen=True)
class StrippedWords:
    """Dictionary words that start with a strippable word and whose rest is no word on
    its own: 党委书记 leaves 委书记, 党员干部 leaves 员干部 (党支部 leaves the word 支部, so
    it is not here).  ``rests`` maps each rest to the stripped word; ``owners`` the words
    that legitimately end in that rest (县委书记, 市委书记) to their heads."""

    rests: dict[str, str]
    owners: dict[str, frozenset[str]]
    pattern: re.Pattern[str] | None
    triples: frozenset[str] = frozenset()  # 评论员: three-character words ending in a rest's head


# The heads a dictionary word loses when a site strips it (中国 heads org names: not here).
_WORD_HEADS = ("共产党", "党中央", "党", "中央", "人民")
_NOUN_TAGS = frozenset({"n", "nt", "j", "vn"})  # not names (nr), idioms (i) or verbs


def _dictionary_text() -> str:
    path = dictionary_file()
    try:
        return path.read_text(encoding="utf-8") if path is not None else ""
    except (OSError, UnicodeDecodeError):
        return ""


def _headed(text: str) -> list[tuple[str, str, int]]:
    """(head, rest, frequency) of the dictionary's nouns that start with a strippable word."""
    heads = "|".join(_WORD_HEADS)
    return [
        (head, rest, int(freq))
        for head, rest, freq, tag in re.findall(rf"^({heads})(\S{{1,5}}) (\d+) (\w+)", text, re.M)
        if int(freq) >= 3 and tag in _NOUN_TAGS and all(map(is_cjk, rest)) and rest[0] not in "的和与之"
    ]


@cache
def stripped_words() -> StrippedWords:
    text = _dictionary_text()
    rests: dict[str, str] = {}
    for head, rest, _ in _headed(text):
        if len(rest) >= 2:
            rests.setdefault(rest, head)
    if not rests:
        return StrippedWords({}, {}, None)
    alt = "|".join(sorted(map(re.escape, rests), key=len, reverse=True))
    for word in re.findall(rf"^({alt}) ", text, re.M):
        rests.pop(word, None)  # 支部, 组织, 政府: the rest is a word of its own
    owners: dict[str, set[str]] = {}
    alt = "|".join(sorted(map(re.escape, rests), key=len, reverse=True))
    for head, rest in re.findall(rf"^(\S{{1,3}}?)({alt}) ", text, re.M):
        if head != rests[rest]:
            owners.setdefault(rest, set()).add(head)
    pattern = re.compile(alt)
    firsts = "".join(sorted({r[0] for r in rests}))
    triples = frozenset(re.findall(rf"^(\S\S[{re.escape(firsts)}]) ", text, re.M))
    return StrippedWords(rests, {r: frozenset(v) for r, v in owners.items()}, pattern, triples)


def find_dropped_words(norm: str, words: frozenset[str]) -> list[Restoration]:
    """广大员干部, 明确委书记: the rest of a dictionary word whose head was stripped."""
    sw = stripped_words()
    if sw.pattern is None:
        return []
    out: list[Restoration] = []
    for m in sw.pattern.finditer(norm):
        j, e = m.span()
        rest = m.group()
        strip = sw.rests[rest]
        prev = norm[j - 1 : j]
        if not is_cjk(prev) or norm[:j].endswith(strip) or prev + rest[0] in words:
            continue  # not a junction in running text, the word is there, or prev+rest is a word
        owners = sw.owners.get(rest, frozenset())
        if any(norm[:j].endswith(h) for h in owners) or norm[j - 2 : j + 1] in sw.triples:
            continue  # 县委书记: a word of its own
        out.append(Restoration(j - 1, e, (prev + strip + rest,), "dropped", True))
    return out
