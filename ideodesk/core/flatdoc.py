"""The draft as a flat list of paragraphs, the form the document editor holds.

The editor shows one paragraph per block; structure lives in each block's *props* (role,
level, run-in flag, section type, …), never in its text.  :func:`layout` turns a Draft
into those paragraphs (with the derived numbers and where each section paragraph sits);
:func:`unflatten` turns any list of paragraphs back into a valid Draft.  Every paragraph
maps to exactly one paragraph of ``layout(unflatten(paras))``, in order, with the same
text — the editor relies on that to place check findings and the cursor's section.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ideodesk.core.draft import _SENTENCE_END, Draft, Path, Section, Signature, run_in_head
from ideodesk.core.furniture import Furniture
from ideodesk.core.numbering import MAX_LEVEL

TITLE, ADDRESSEE, HEADING, BODY, ISSUER, DATE = "title", "addressee", "heading", "body", "issuer", "date"
META_ROLES = (TITLE, ADDRESSEE, ISSUER, DATE)


@dataclass(frozen=True)
class Props:
    """What a paragraph is.  ``level`` is a heading's level, or for body text the level of
    the section it belongs to.  ``start`` marks the first paragraph of an unheaded section
    (which then carries its ``type``/``numbering``/``extra``); ``numbering`` is the style a
    heading gives its children; ``extra`` holds a section's unknown JSON keys."""

    role: str = BODY
    level: int = 1
    run_in: bool = False
    type: str = "general"
    start: bool = False
    numbering: str | None = None
    extra: str = ""
    auto: bool = False  # the type is the classifier's guess, re-guessed as the heading is edited

    def key(self) -> str:
        """A compact string form (stored in the editor's block formats)."""
        fields = [
            self.role,
            self.level,
            int(self.run_in),
            self.type,
            int(self.start),
            self.numbering,
            self.extra,
        ]
        return json.dumps([*fields, int(self.auto)], ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def from_key(key: str) -> Props:
        return _parse_key(key)

    @property
    def is_meta(self) -> bool:
        return self.role in META_ROLES

    @property
    def opens_section(self) -> bool:
        return self.role == HEADING or (self.role == BODY and self.start)

    def as_body(self) -> Props:
        """The same section's plain text (Enter after a heading, Ctrl+0)."""
        return Props(BODY, self.level, type=self.type)


@lru_cache(maxsize=256)
def _parse_key(key: str) -> Props:
    role, level, run_in, type_, start, numbering, extra, auto = json.loads(key)
    return Props(role, level, bool(run_in), type_, bool(start), numbering, extra, bool(auto))


Para = tuple[Props, str]


@dataclass(frozen=True)
class Row:
    """One paragraph of the laid-out draft and where its text lives in the Draft.

    ``path`` is the section's path (None for title/addressee/issuer/date).  ``para`` is the
    index of the section paragraph this block shows (-1: a heading block only), starting
    ``offset`` characters into the block (after a run-in heading sentence).  ``label`` is
    the derived number drawn before a heading ("" if none).
    """

    props: Props
    text: str
    path: Path | None = None
    para: int = -1
    offset: int = 0
    label: str = ""


@dataclass
class Meta:
    """What the draft holds besides its paragraphs."""

    genre: str = "speech"
    variables: dict[str, str] = field(default_factory=dict)
    child_numbering: str | None = None
    extra: dict = field(default_factory=dict)
    signature_extra: dict = field(default_factory=dict)
    furniture: Furniture = field(default_factory=Furniture)  # 版头, 附件, 版记 (not in the text)


def meta_of(draft: Draft) -> Meta:
    sig_extra = dict(draft.signature.extra)
    return Meta(
        draft.genre, dict(draft.variables), draft.child_numbering, dict(draft.extra), sig_extra,
        copy.deepcopy(draft.furniture),
    )  # fmt: skip


def _one_line(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\u2029", " ")


def _extra(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, sort_keys=True) if d else ""


# ------------------------------------------------------------------ draft → paragraphs
def layout(draft: Draft) -> list[Row]:
    """The draft's paragraphs in reading order: title and addressee first, issuer and date
    last (always present, maybe empty), sections in between."""
    # the title paragraph carries the style of the level-1 numbers (so undo covers it)
    title = Props(TITLE, numbering=draft.child_numbering)
    rows = [Row(title, _one_line(draft.title)), Row(Props(ADDRESSEE), _one_line(draft.addressee))]
    _section_rows(draft, (), rows)
    rows.append(Row(Props(ISSUER), _one_line(draft.signature.issuer)))
    rows.append(Row(Props(DATE), _one_line(draft.signature.date)))
    return rows


def flatten(draft: Draft) -> list[Para]:
    return [(r.props, r.text) for r in layout(draft)]


def _section_rows(draft: Draft, parent: Path, rows: list[Row]) -> None:
    labels = draft.sibling_labels(parent)
    for i, (sec, label) in enumerate(zip(draft.children_of(parent), labels, strict=True)):
        path = (*parent, i)
        level = len(path)
        paras = [_one_line(p) for p in sec.paragraphs]
        extra = _extra(sec.extra)
        if sec.headed:
            props = Props(HEADING, level, sec.run_in, sec.type, False, sec.child_numbering, extra)
            heading = _one_line(sec.heading)  # as typed: offsets of checks point into it
            if sec.run_in:
                head = run_in_head(heading, paras)
                text = head + (paras[0] if paras else "")
                rows.append(Row(props, text, path, 0 if paras else -1, len(head), label))
                first = 1
            else:
                rows.append(Row(props, heading, path, -1, 0, label))
                first = 0
            for n in range(first, len(paras)):
                rows.append(Row(Props(BODY, level, type=sec.type), paras[n], path, n))
        else:
            for n, text in enumerate(paras):
                props = (
                    Props(BODY, level, False, sec.type, True, sec.child_numbering, extra)
                    if n == 0
                    else Props(BODY, level, type=sec.type)
                )
                rows.append(Row(props, text, path, n))
        _section_rows(draft, path, rows)


# ------------------------------------------------------------------ paragraphs → draft
def split_run_in(text: str) -> tuple[str, str]:
    """A run-in paragraph's heading sentence and the body text after it (see
    ``run_in_head``: rendering the pair gives ``text`` back)."""
    end = next((i for i, ch in enumerate(text) if ch in _SENTENCE_END), None)
    if end is None:
        return text, ""
    rest = text[end + 1 :]
    if text[end] == "。" and rest:
        return text[:end], rest
    return text[: end + 1], rest


class _Builder:
    def __init__(self) -> None:
        self.top: list[Section] = []
        self.open: list[Section] = []  # open sections, index = level - 1

    def _parent_children(self, level: int) -> list[Section]:
        """Close sections at ``level`` and below; open unheaded containers up to ``level - 1``."""
        del self.open[level - 1 :]
        while len(self.open) < level - 1:
            container = Section()
            self._parent_children(len(self.open) + 1).append(container)
            self.open.append(container)
        return self.open[-1].children if self.open else self.top

    def add(self, level: int, section: Section) -> None:
        self._parent_children(level).append(section)
        self.open.append(section)

    def body(self, props: Props, text: str) -> None:
        level = max(1, min(props.level, MAX_LEVEL))
        current = self.open[-1] if self.open else None
        if current is not None and not props.start and len(self.open) == level and not current.children:
            current.paragraphs.append(text)
            return
        self.add(level, self.section(props, "", False, [text]))

    @staticmethod
    def section(props: Props, heading: str, run_in: bool, paragraphs: list[str]) -> Section:
        extra = json.loads(props.extra) if props.extra else {}
        return Section(props.type, heading, run_in, paragraphs, [], props.numbering, extra)

    def heading(self, props: Props, text: str) -> None:
        level = max(1, min(props.level, MAX_LEVEL))
        if not text.strip():  # an empty heading is an (empty) unheaded paragraph
            self.add(level, self.section(props, "", False, [text]))
            return
        if props.run_in:
            # the paragraph's body text is always paragraphs[0] (maybe empty), so that a
            # following paragraph never joins the heading sentence when rendered
            head, first = split_run_in(text)
            if not head.strip():
                self.add(level, self.section(props, "", False, [text]))
            else:
                self.add(level, self.section(props, head, True, [first]))
        else:
            self.add(level, self.section(props, text, False, []))


def unflatten(paras: list[Para], meta: Meta | None = None) -> Draft:
    """A valid Draft from any paragraphs (the editor's blocks)."""
    meta = meta or Meta()
    draft = Draft(
        genre=meta.genre,
        variables=dict(meta.variables),
        child_numbering=meta.child_numbering,
        extra=dict(meta.extra),
        signature=Signature(extra=dict(meta.signature_extra)),
        furniture=copy.deepcopy(meta.furniture),
    )
    builder = _Builder()
    for props, text in paras:
        if props.role == TITLE:
            draft.title, draft.child_numbering = text, props.numbering
        elif props.role == ADDRESSEE:
            draft.addressee = text
        elif props.role == ISSUER:
            draft.signature.issuer = text
        elif props.role == DATE:
            draft.signature.date = text
        elif props.role == HEADING:
            builder.heading(props, text)
        else:
            builder.body(props, text)
    draft.sections = builder.top
    return draft


def normalized(paras: list[Para]) -> list[Para]:
    """Title and addressee first, issuer and date last, each exactly once, and at least
    one paragraph between: meta paragraphs found elsewhere become body text, missing ones
    are added empty."""
    roles = [p.role for p, _ in paras]
    body = list(paras)
    head: list[Para] = []
    for role in (TITLE, ADDRESSEE):
        if body and body[0][0].role == role:
            head.append(body.pop(0))
        else:
            head.append((Props(role), ""))
    tail: list[Para] = []
    for role in (DATE, ISSUER):
        if body and body[-1][0].role == role:
            tail.insert(0, body.pop())
        else:
            tail.insert(0, (Props(role), ""))
    if any(r in META_ROLES for r in roles):
        body = [
            (Props(BODY, _level_before(body, i)), t) if p.is_meta else (p, t) for i, (p, t) in enumerate(body)
        ]
    if not body:  # always somewhere to write the text
        body = [(Props(BODY, 1), "")]
    return head + body + tail


def _level_before(paras: list[Para], index: int) -> int:
    for p, _ in reversed(paras[:index]):
        if not p.is_meta:
            return p.level
    return 1


def with_props(para: Para, **changes) -> Para:
    return replace(para[0], **changes), para[1]
