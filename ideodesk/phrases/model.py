"""Plain data of the phrase bank and the rules every entry obeys, wherever it comes from.

Kinds, origins, section and genre ids, the cleaning applied to text coming in (typed,
imported, from a pack) and the key that decides when two entries are the same phrase.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ideodesk.core.genres import GENRES
from ideodesk.core.sections import SECTION_TYPES
from ideodesk.core.text import HAN, strip_bidi, strip_unsafe
from ideodesk.errors import IdeoError

# Kind ids and their labels; the Chinese labels are accepted wherever a kind is typed.
KINDS: dict[str, str] = {
    "heading": "标题",
    "sentence": "句子",
    "formulation": "提法",
    "transition": "过渡句",
    "closing": "结束语",
}
_KIND_ALIASES = {label: kid for kid, label in KINDS.items()} | {"tifa": "formulation"}

ORIGINS: dict[str, str] = {"shipped": "内置", "user": "自建", "imported": "导入"}

MAX_LEN = 500  # longer than any sentence a clerk would keep; a paragraph is not a phrase

# Section ids in a fixed order: the bit of a section in the lookup masks is its position.
SECTION_IDS: tuple[str, ...] = tuple(SECTION_TYPES)
GENRE_IDS: tuple[str, ...] = tuple(GENRES)

# Half-width punctuation typed or pasted into Chinese text, and its full-width form.
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HAN = HAN
_HALF_PUNCT_RE = re.compile(
    rf"(?<=[{_HAN}“”（）【】《》])\s*([,;:?!()])|([,;:?!()])\s*(?=[{_HAN}“”（）【】《》])"
)
_SPACE_BETWEEN_HAN_RE = re.compile(
    rf"(?<=[{_HAN}，。；：、！？“”（）《》【】])\s+(?=[{_HAN}，。；：、！？“”（）《》【】])"
)
# Everything that does not change which phrase it is: punctuation, quotes, brackets, spaces.
_NOT_IN_KEY_RE = re.compile(r"[\s，。；：、！？“”‘’\"'（）()《》〈〉【】\[\]—…·,.;:!?\-]+")


# Standard names that must never appear truncated (DESIGN §2.6: masked or dropped
# characters): the short form, and the full name it must be part of.
FULL_NAMES: tuple[tuple[str, str], ...] = (
    ("新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想"),
    ("为核心的党中央", "以习近平同志为核心的党中央"),
    ("风廉政建设", "党风廉政建设"),
    ("管意识形态", "党管意识形态"),
)
# What masking leaves behind when a name or a number is cut out of a formulation.
DAMAGE_MARKS: tuple[str, ...] = ("以为核心", "以思想为指导", "贯彻党的精神", "学习党的精神", "党的届")


class PhraseError(IdeoError):
    """A phrase, a section type, a kind or a date that the bank cannot take."""


@dataclass(frozen=True)
class Phrase:
    """One entry of the bank as stored."""

    id: int
    text: str
    kind: str
    section_types: tuple[str, ...]
    genres: tuple[str, ...] = ()  # empty: fits every genre
    tags: tuple[str, ...] = ()
    source: str = ""
    valid_from: str | None = None  # ISO dates; None: open-ended
    valid_until: str | None = None  # last day on which the formulation is current
    uses: int = 0
    last_used: str | None = None
    favourite: bool = False
    hidden: bool = False
    origin: str = "user"
    created: str = ""
    updated: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "kind_label": KINDS.get(self.kind, self.kind),
            "section_types": list(self.section_types),
            "genres": list(self.genres),
            "tags": list(self.tags),
            "source": self.source,
            "valid_from": self.valid_from,
            "valid_until": self.valid_until,
            "uses": self.uses,
            "last_used": self.last_used,
            "favourite": self.favourite,
            "hidden": self.hidden,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class Hit:
    """One lookup result, best first in the list it came in.

    ``match`` says how it matched: ``prefix`` (the phrase starts with the query),
    ``substring``, ``pinyin`` (initials), ``keyword`` (jieba words of a longer query) or
    ``completion``; for completions ``overlap`` characters of the typed text are the
    phrase's beginning and ``completion`` is the rest to insert.  ``status`` is
    ``current``, or ``outdated`` (旧提法: past its valid-until date) / ``future`` (not yet
    valid) when such entries were asked for.
    """

    id: int
    text: str
    kind: str
    section_types: tuple[str, ...]
    genres: tuple[str, ...]
    score: float
    match: str
    status: str = "current"
    favourite: bool = False
    uses: int = 0
    origin: str = "user"
    completion: str = ""
    overlap: int = 0

    @property
    def outdated(self) -> bool:
        return self.status != "current"

    def to_dict(self) -> dict:
        out = {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "kind_label": KINDS.get(self.kind, self.kind),
            "section_types": list(self.section_types),
            "genres": list(self.genres),
            "score": round(self.score, 3),
            "match": self.match,
            "status": self.status,
            "outdated": self.outdated,
            "favourite": self.favourite,
            "uses": self.uses,
            "origin": self.origin,
        }
        if self.match == "completion":
            out.update(completion=self.completion, overlap=self.overlap)
        return out


@dataclass(frozen=True)
class NewPhrase:
    """A phrase about to be stored (validated and cleaned by :func:`prepare`)."""

    text: str
    kind: str
    section_types: tuple[str, ...]
    genres: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: str = ""
    valid_from: str | None = None
    valid_until: str | None = None
    extra: dict = field(default_factory=dict, compare=False)


# ------------------------------------------------------------------ validation
def kind_id(kind: str) -> str:
    k = (kind or "").strip()
    k = _KIND_ALIASES.get(k, k)
    if k not in KINDS:
        choices = "、".join(f"{kid}（{label}）" for kid, label in KINDS.items())
        raise PhraseError(f"未知的词条类型 {kind!r}，可选：{choices}")
    return k


def _id_list(values: str | Iterable[str] | None, check) -> tuple[str, ...]:
    """Ids given as a string ("measures problems", "a，b") or a list: each checked,
    de-duplicated in order."""
    items = [values] if isinstance(values, str) else list(values or [])
    out: list[str] = []
    for raw in items:
        for item in re.split(r"[\s,，、]+", raw.strip()):
            if item:
                check(item)
                if item not in out:
                    out.append(item)
    return tuple(out)


def section_ids(sections: str | Iterable[str] | None) -> tuple[str, ...]:
    """Validated section ids, de-duplicated in order; at least one."""
    out = _id_list(sections, check_section)
    if not out:
        raise PhraseError(f"请指定段落类型，可选：{_section_choices()}")
    return tuple(out)


def check_section(section: str | None) -> str | None:
    if section is None or section == "":
        return None
    if section not in SECTION_TYPES:
        raise PhraseError(f"未知的段落类型 {section!r}，可选：{_section_choices()}")
    return section


def genre_ids(genres: str | Iterable[str] | None) -> tuple[str, ...]:
    return _id_list(genres, check_genre)


def check_genre(genre: str | None) -> str | None:
    if genre is None or genre == "":
        return None
    if genre not in GENRES:
        choices = "、".join(f"{g.id}（{g.label}）" for g in GENRES.values())
        raise PhraseError(f"未知的文种 {genre!r}，可选：{choices}")
    return genre


def tag_list(tags: str | Iterable[str] | None) -> tuple[str, ...]:
    items = [tags] if isinstance(tags, str) else list(tags or [])
    out: list[str] = []
    for raw in items:
        for t in re.split(r"[\s,，、;；]+", strip_unsafe(raw).strip()):
            if t and t not in out:
                out.append(t[:40])
    return tuple(out)


def iso_date(value: str | _dt.date | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    try:
        return _dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise PhraseError(f"{what} {value!r} 不是有效日期（应为 2024-07-18 这样的格式）") from None


def _section_choices() -> str:
    return "、".join(f"{sid}（{label}）" for sid, label in SECTION_TYPES.items())


# ---------------------------------------------------------------- text rules
def clean_text(text: str) -> str:
    """Text as the bank keeps it: one line, no stray spaces, full-width punctuation
    next to Chinese (what a clerk pastes from the web often has ``,;:()``)."""
    text = strip_bidi(strip_unsafe(text or "")).replace("\u3000", " ").strip()
    text = re.sub(r"[\r\n\t]+", " ", text)
    text = _HALF_PUNCT_RE.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    if '"' in text and text.count('"') % 2 == 0 and re.search(f"[{_HAN}]", text):
        # Paired ASCII quotes in Chinese text: opening and closing full-width quotes.
        parts = text.split('"')
        text = "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]
    text = _SPACE_BETWEEN_HAN_RE.sub("", text)
    return re.sub(r" {2,}", " ", text).strip()


def damaged_names(text: str) -> list[str]:
    """The standard names in ``text`` that are cut short or masked (empty when none)."""
    out = []
    for short, full in FULL_NAMES:
        for m in re.finditer(re.escape(short), text):
            start = m.start() - (len(full) - len(short))
            if start < 0 or text[start : m.end()] != full:
                out.append(f"“{short}”不完整，应为“{full}”")
                break
    out.extend(f"“{mark}”有缺字" for mark in DAMAGE_MARKS if mark in text)
    return out


def norm_key(text: str) -> str:
    """What makes two entries the same phrase: the words, not punctuation or quotes."""
    return _NOT_IN_KEY_RE.sub("", clean_text(text)).lower()


def prepare(
    text: str,
    *,
    kind: str = "sentence",
    sections: str | Sequence[str] | None = None,
    genres: str | Sequence[str] | None = None,
    tags: str | Sequence[str] | None = None,
    source: str = "",
    valid_from: str | _dt.date | None = None,
    valid_until: str | _dt.date | None = None,
) -> NewPhrase:
    """Validate and clean one phrase before it is stored (raises PhraseError)."""
    cleaned = clean_text(text)
    if not cleaned:
        raise PhraseError("词条内容为空")
    if len(cleaned) > MAX_LEN:
        raise PhraseError(f"词条过长（{len(cleaned)} 字，最多 {MAX_LEN} 字）：{cleaned[:20]}……")
    if not norm_key(cleaned):
        raise PhraseError(f"词条只有标点，没有文字：{cleaned}")
    start, end = iso_date(valid_from, "起始日期"), iso_date(valid_until, "截止日期")
    if start and end and start > end:
        raise PhraseError(f"起始日期 {start} 晚于截止日期 {end}：{cleaned[:20]}")
    return NewPhrase(
        text=cleaned,
        kind=kind_id(kind),
        section_types=section_ids(sections),
        genres=genre_ids(genres),
        tags=tag_list(tags),
        source=strip_unsafe(source or "").strip()[:200],
        valid_from=start,
        valid_until=end,
    )


def status_on(valid_from: str | None, valid_until: str | None, today: str) -> str:
    """``current``, ``outdated`` or ``future`` on the ISO date ``today``."""
    if valid_until and today > valid_until:
        return "outdated"
    if valid_from and today < valid_from:
        return "future"
    return "current"
