"""Outline recovery: from cleaned lines of a real document to a typed, renumberable Draft.

The numbering markers of DESIGN §5 are recognised in any nesting order: the first style
met opens level 1, a new style inside it opens the next level, a style already open
closes the levels below it.  Numbers themselves are ignored (so ``(三)`` twice or a
missing ``(四)`` cannot break the tree) and removed from the text: they are derived again
from the tree.  Where a document switches from one run-in list to another at the same
depth (``——…`` items, then ``一要…`` items), the earlier list is wrapped in an unheaded
block so both keep their own numbering.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ideodesk.core.attachments import take_attachment_note, take_attachment_pages
from ideodesk.core.classify import classify, guess_genre
from ideodesk.core.cleaning import clean_lines, clean_text_lines
from ideodesk.core.draft import Draft, Section, Signature
from ideodesk.core.furniture import normalise_doc_number
from ideodesk.core.markers import RUN_IN_STYLES, marker_value, parse_marker
from ideodesk.core.minutes import field_values, split_fields
from ideodesk.core.numbering import MAX_LEVEL
from ideodesk.core.opening import DATE_RE, Head, take_head
from ideodesk.core.reading import SourceLine, SourceText, read_source
from ideodesk.core.rejoin import rejoin
from ideodesk.core.runin import split_run_in
from ideodesk.core.safefile import display_name
from ideodesk.core.splitting import split_documents, split_embedded
from ideodesk.errors import IdeoError

# Conventional rank of block styles (GB/T 9704): a higher-ranked style never nests below a lower one.
_RANK = {"article": 1, "cn": 1, "h1": 1, "cn_paren": 2, "empty_paren": 2, "h2": 2, "arabic": 3, "h3": 3,
         "list": 3, "arabic_paren": 4, "circled": 4, "h4": 4}  # fmt: skip
_REAL_STYLE = {
    "circled": "arabic_paren",
    "empty_paren": "cn_paren",
}  # pseudo styles (h1–h4, list) map to the level default

_CLOSING_CUE = re.compile(
    r"^(?:同志们|让我们|综上所述|总之|特此|以上(?:发言|报告|汇报|意见|是我)|散会|谢谢大家|今后|下一步，|请各)"
)
_SENTENCE_END = "。！？；"  # a run-in heading is its sentence up to 。 or ；
MAX_HEADING = 60


@dataclass
class Recovered:
    """A recovered document and what the UI can show about the recovery."""

    draft: Draft
    warnings: list[str] = field(default_factory=list)


def split_heading(style: str, rest: str) -> tuple[str, str | None, bool]:
    """Heading sentence, the body that follows it on the same line, and whether it is run-in."""
    end = _first_sentence_end(rest)
    if end is not None and end + 1 < len(rest):
        head, tail = rest[: end + 1], rest[end + 1 :].strip()
        return head.rstrip("。；"), tail, True
    text = rest
    if style in RUN_IN_STYLES or len(text.rstrip("。；")) > MAX_HEADING // 1.5:
        return text.rstrip("。；"), None, True  # a numbered sentence standing alone
    return text.rstrip("。；"), None, False  # a block heading (sites often add a full stop)


def _first_sentence_end(text: str) -> int | None:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "“《（(":
            depth += 1
        elif ch in "”》）)":
            depth = max(0, depth - 1)
        elif ch in _SENTENCE_END and depth == 0:
            while i + 1 < len(text) and text[i + 1] in _SENTENCE_END + "”":
                i += 1
            return i
    return None


# ------------------------------------------------------------------ the tree
@dataclass
class _Frame:
    style: str
    owner: Section | None  # None: the draft's top level
    level: int


class _Builder:
    def __init__(self) -> None:
        self.top: list[Section] = []
        self.top_style: str | None = None
        self.frames: list[_Frame] = []
        self.loose_text = False  # a text line came after the last numbered line
        self.own_lines: dict[int, int] = {}  # id(section) → paragraphs that came on its own line

    # the section that text lines attach to
    def current(self) -> Section | None:
        if not self.frames:
            return self.top[-1] if self.top else None
        siblings = self._children(self.frames[-1].owner)
        return siblings[-1] if siblings else None

    def _children(self, owner: Section | None) -> list[Section]:
        return self.top if owner is None else owner.children

    def _style_of(self, owner: Section | None) -> str | None:
        return self.top_style if owner is None else owner.child_numbering

    def _set_style(self, owner: Section | None, style: str) -> None:
        real = _REAL_STYLE.get(style, style)
        real = real if real in _BLOCK_STYLES or real in RUN_IN_STYLES else None  # pseudo: level default
        if owner is None:
            self.top_style = real
        else:
            owner.child_numbering = real

    def text(self, line: str) -> None:
        sec = self.current()
        if sec is None:
            sec = Section()
            self.top.append(sec)
        sec.paragraphs.append(line)
        self.loose_text = True

    def _target_depth(self, style: str) -> int:
        """Index in ``frames`` where a marker of ``style`` belongs."""
        open_styles = [f.style for f in self.frames]
        if style in open_styles:
            return open_styles.index(style)  # a sibling: close the deeper levels
        if style in _RANK:
            for k, f in enumerate(self.frames):
                if f.style in _RANK and _RANK[f.style] >= _RANK[style]:
                    return k  # 一、 after 1. items: not below them but in their place
            blocks = [k for k, f in enumerate(self.frames) if f.style in _RANK]
            return blocks[-1] + 1 if blocks else 0  # under the deepest block heading
        if self.frames and self.frames[-1].style in RUN_IN_STYLES and self.loose_text:
            # one run-in list, some text, then another: the same depth (——… / 一要…)
            return len(self.frames) - 1
        return len(self.frames)

    def marker(self, style: str, rest: str, raw: str, value: int = 0) -> None:
        """Add a numbered section; ``value`` 1 on an open list starts a new list (一 after 五)."""
        j = self._target_depth(style)
        if j < len(self.frames) and style in _RANK and _RANK.get(self.frames[j].style) == _RANK[style]:
            style = self.frames[j].style  # a Word heading 1 beside typed 一、: the same level
        owner = self._children(self.frames[j - 1].owner)[-1] if j else None
        if j + 1 > MAX_LEVEL:
            self.text(raw)  # deeper than four levels: keep it as text
            return
        restart = value == 1 and any(s.headed for s in self._children(owner))
        if j < len(self.frames) and self.frames[j].style == style and not restart:
            self.frames = self.frames[: j + 1]
        elif self._open_group(owner, style, j + 1):
            self.frames = [*self.frames[:j], _Frame(style, owner, j + 1)]
        else:
            self.text(raw)
            return
        self.loose_text = False
        heading, body, run_in = split_heading(style, rest)
        section = Section(heading=heading, run_in=run_in, paragraphs=[body] if body else [])
        self.own_lines[id(section)] = len(section.paragraphs)
        self._children(owner).append(section)

    def _open_group(self, owner: Section | None, style: str, level: int) -> bool:
        """Start a list of ``style`` under ``owner``; an earlier list there is wrapped."""
        siblings = self._children(owner)
        first = next((i for i, s in enumerate(siblings) if s.headed), None)
        if first is not None:
            group = siblings[first:]
            if level + max(s.height() for s in group) > MAX_LEVEL:
                return False
            intro = _take_intro(group[-1])
            wrapper = Section(children=group, child_numbering=self._style_of(owner))
            del siblings[first:]
            siblings.append(wrapper)
            if intro:
                siblings.append(Section(paragraphs=intro))
        self._set_style(owner, style)
        return True


_BLOCK_STYLES = {"cn", "cn_paren", "arabic", "arabic_paren", "article"}


def _take_intro(last: Section) -> list[str]:
    """Trailing paragraphs that introduce the next list (``…讲三点意见：``) leave the last item."""
    while last.children:
        last = last.children[-1]
    if len(last.paragraphs) >= 2 and last.paragraphs[-1].endswith("："):
        return [last.paragraphs.pop()]
    return []


# ------------------------------------------------------------------ recovery
def recover(
    lines: list[str],
    hints: dict[str, int] | None = None,
    title_hint: str = "",
    removed: list[tuple[str, str]] | None = None,
    keep: frozenset[str] = frozenset(),
) -> Draft:
    """A Draft from the cleaned lines of one document (lines dropped from its head are
    added to ``removed`` with their reason; lines in ``keep`` go back to the text)."""
    head, lines = take_head([line for line in lines if line.strip()])
    lines = list(split_fields(rejoin(lines)))
    restored = [line for line, _ in head.removed if line in keep]
    lines = [*restored, *lines]
    trailing = _trailing_captions(lines, keep)
    if removed is not None:
        removed += [(line, why) for line, why in head.removed if line not in keep]
        removed += [(line, "文末的图片说明") for line in trailing]
    pages = take_attachment_pages(lines)
    signature = _take_signature(lines)
    attachments = take_attachment_note(lines) or pages
    builder = _Builder()
    hint_levels = hints or {}
    for line in split_run_in(lines):
        open_styles = {f.style for f in builder.frames}
        marker = None if _INLINE_LIST.match(line) else parse_marker(line, open_styles)
        if marker is None and (lvl := hint_levels.get(line)):
            marker = (f"h{min(lvl, 4)}" if lvl > 0 else "list", line)
        if marker is None:
            builder.text(line)
        else:
            builder.marker(marker[0], marker[1], line, marker_value(line))
    sections = builder.top
    _split_closing(builder)
    draft = Draft(
        title=head.title or title_hint,
        addressee=head.addressee,
        sections=sections,
        signature=signature,
        child_numbering=builder.top_style,
    )
    draft.furniture.attachments = attachments
    _keep_head_lines(draft, head)
    draft.genre = guess_genre(draft, title_is_own=bool(head.title))
    if draft.genre == "minutes":
        for name, value in field_values(lines).items():
            draft.variables.setdefault(name, value)
    classify(draft)
    return draft


def _keep_head_lines(draft: Draft, head: Head) -> None:
    """Speaker, date, 文号 and subtitle lines: into the signature where it is empty (a
    speech names its speaker and date under the title), and as found into ``extra``."""
    for key, value in (
        ("title_as_found", head.title_line if head.title_line != head.title else ""),
        ("speaker_line", head.speaker),
        ("date_line", head.date_line),
        ("subtitle", head.subtitle),
    ):
        if value:
            draft.extra[key] = value
    if head.doc_number:
        draft.furniture.doc_number = normalise_doc_number(head.doc_number)
    if head.issuer_mark:
        draft.furniture.issuer_mark = head.issuer_mark
    bare_date = head.date_line.strip("（()） ")
    if not draft.signature.date and DATE_RE.match(bare_date):
        draft.signature.date = bare_date
    speaker = head.speaker
    if m := re.match(r"^(.+?)\s*(\d{4}年\d{1,2}月\d{1,2}日)$", speaker):  # 某某中心组 2023年6月30日
        speaker = m.group(1)
        if not draft.signature.date:
            draft.signature.date = m.group(2)
    if not draft.signature.issuer and speaker and speaker.strip("Xx×* "):
        draft.signature.issuer = speaker


# ``一是……；二是……。`` in one paragraph is prose with an enumeration, not a numbered section
_INLINE_LIST = re.compile(r"^(?:一是|一要|第一，|首先，).*?[；。，](?:二是|二要|第二，|其次，)")


def hint_levels(hints: list[SourceLine]) -> dict[str, int]:
    """Word heading styles (level) and list numbering (-1) by line text, for lines that
    carry no typed marker."""
    out: dict[str, int] = {}
    for h in hints:
        text = h.text.strip()
        if h.level_hint and len(text) <= MAX_HEADING:
            out[text] = h.level_hint
        elif h.auto_numbered and len(text) <= MAX_HEADING:
            out.setdefault(text, -1)
    return out


def _trailing_captions(lines: list[str], keep: frozenset[str]) -> list[str]:
    """Short lines after the last sentence of a web article (``某某发言``, ``会议现场``: the
    captions of its photos), removed from lines.  A signature (an issuer ending in the
    name of a body, a date) or a heading stays."""
    out: list[str] = []
    while len(lines) > 1 and _is_caption(lines[-1]) and lines[-1] not in keep:
        out.insert(0, lines.pop())
    if out and not lines[-1].endswith(("。", "！", "？", "”")):
        lines += out  # not after a sentence: part of the document
        return []
    return out


def _is_caption(line: str) -> bool:
    return (
        len(line) <= 12
        and not re.search(r"[\d\W]", line)
        and not parse_marker(line)
        and line[-1] not in _BODY_ENDINGS
    )


_BODY_ENDINGS = set("委局厅办部处室院校会组所站心位司府队")


def _take_signature(lines: list[str]) -> Signature:
    """Issuer and date at the end (``中共某县委宣传部`` / ``2024年7月1日``), removed from lines."""
    sig = Signature()
    if lines and DATE_RE.match(lines[-1].rstrip("。")):
        sig.date = lines.pop().rstrip("。")
        if (
            lines
            and len(lines[-1]) <= 30
            and not re.search("[，；：]", lines[-1])
            and not parse_marker(lines[-1])
        ):
            candidate = lines[-1].rstrip("。")
            if not re.search("[。！？]", candidate):
                sig.issuer = candidate
                lines.pop()
    return sig


def _split_closing(builder: _Builder) -> None:
    """Closing paragraphs after the last numbered section: those with a closing cue
    (同志们…, 让我们…, 今后…), and everything after the last item of a run-in list
    (when 一是… / 一要… items are one paragraph each, what follows the last one closes)."""
    sections = builder.top
    siblings, style = sections, builder.top_style
    last = sections[-1] if sections else None
    if last is None or not (last.headed or last.children):
        return
    while last.children:
        siblings, style, last = last.children, last.child_numbering, last.children[-1]
    one_paragraph = all(len(x.paragraphs) <= builder.own_lines.get(id(x), 1) for x in siblings[:-1])
    if style in _LIST_RUN_IN and last.run_in and one_paragraph and len(siblings) > 1:
        start: int | None = builder.own_lines.get(id(last), 1)
        start = start if start < len(last.paragraphs) else None
    else:
        # paragraphs[0] is the section's own text, unless it is a heading-only list item
        heading_only = not last.run_in and all(not s.paragraphs for s in siblings[:-1]) and len(siblings) > 1
        first = 0 if heading_only else 1
        start = next((i for i, p in enumerate(last.paragraphs) if i >= first and _CLOSING_CUE.match(p)), None)
    if start is not None:
        sections.append(Section(type="closing", paragraphs=last.paragraphs[start:]))
        del last.paragraphs[start:]


_LIST_RUN_IN = {"yishi", "yiyao", "diyi", "shouxian"}


# ------------------------------------------------------------------ entry points
@dataclass
class FileRecovery:
    """Every document of one file, what cleaning removed and what the user should know."""

    path: str
    documents: list[Recovered] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # about the file as a whole
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)
    halfwidth: int = 0  # half-width punctuation marks cleaning made full-width
    was_traditional: bool = False


def recover_file(source: SourceText, keep: frozenset[str] = frozenset()) -> FileRecovery:
    """Clean, split and recover a read file; ``keep`` are lines the user restored."""
    cleaned = clean_text_lines((line.text for line in source.lines), keep)
    out = FileRecovery(
        source.path,
        warnings=list(source.warnings),
        removed=list(cleaned.removed),
        halfwidth=cleaned.halfwidth,
        was_traditional=cleaned.was_traditional,
    )
    split = split_documents(cleaned.lines)
    restored = [line for line in split.before if line in keep]
    out.removed += [(line, "合集说明") for line in split.before if line not in keep]
    parts = [(stem, doc) for stem, part in split.parts for doc in split_embedded(part)]
    if restored:
        parts[0] = (parts[0][0], [*restored, *parts[0][1]])
    hints = hint_levels(source.lines)  # keyed by the cleaned text only when Word gave hints
    if hints:
        hints = {clean_lines([k])[0][0]: v for k, v in hints.items() if clean_lines([k])[0]}
    for n, (stem, part_lines) in enumerate(parts, 1):
        draft = recover(part_lines, hints, title_hint=stem, removed=out.removed, keep=keep)
        draft.extra["source"] = Path(source.path).name
        if len(parts) > 1:
            draft.extra["part"] = n
        if cleaned.was_traditional:
            draft.extra["converted_from_traditional"] = True
        if not draft.sections and not draft.title:
            out.warnings.append(f"{source.path}：第 {n} 篇没有正文，已跳过")
            continue
        out.documents.append(Recovered(draft, _doubts(draft, n if len(parts) > 1 else 0)))
    return out


def _doubts(draft: Draft, part: int) -> list[str]:
    """What recovery is unsure of, for the user to look at (never dropped)."""
    where = f"第 {part} 篇" if part else "本篇"
    out = [] if draft.title else [f"{where}没有找到标题，请补上"]
    for _, sec in draft.walk():
        conf = sec.extra.get("confidence")
        if sec.headed and isinstance(conf, float) and conf < 0.35:
            out.append(f"{where}「{sec.heading[:16]}」的类型把握不大（{conf:.0%}），请核对")
    return out


def recover_text(source: SourceText) -> Iterator[Recovered]:
    """Every document in a read file; the file's warnings go with each document (use
    :func:`recover_file` to see them also when no document is left)."""
    result = recover_file(source)
    for rec in result.documents:
        rec.warnings = [*result.warnings, *rec.warnings]
        yield rec


def read_documents(path: str | Path) -> list[Draft]:
    """All documents in a .txt/.docx file (ReadError naming the file when it cannot be read)."""
    return [r.draft for r in recover_text(read_source(path))]


def parse_text_documents(text: str) -> list[Draft]:
    """All documents in typed or pasted text (never taken for a file name)."""
    return [
        r.draft for r in recover_text(SourceText("文本", [SourceLine(line) for line in text.split("\n")]))
    ]


def parse_documents(source: str | Path) -> list[Draft]:
    """All documents in a file (a Path or an existing path) or in a text: the DESIGN §3
    entry point that takes either.  Code that knows which it has calls
    :func:`read_documents` or :func:`parse_text_documents`, which never guess.

    A one-line string that reads as a file name (``….txt``/``….docx``, or a path with a
    folder) but names no file is an error, not a draft titled with the path."""
    if isinstance(source, Path) or ("\n" not in source and len(source) < 1024 and Path(source).is_file()):
        return read_documents(source)
    if _looks_like_path(source):
        raise IdeoError(f"{source}：找不到这个文件，请检查路径和文件名")
    return parse_text_documents(source)


def _looks_like_path(text: str) -> bool:
    one = text.strip()
    if "\n" in one or not one or len(one) > 260:
        return False
    return bool(re.search(r"\.(?:txt|docx?|wps)$", one, re.IGNORECASE)) or (
        bool(re.match(r"^(?:[A-Za-z]:[\\/]|[/~.]|\\\\)", one)) and not re.search("[。，；！？]", one)
    )


def _one(docs: list[Draft], source: str | Path) -> Draft:
    if not docs:
        raise IdeoError(f"{display_name(source)}：没有找到正文")
    if len(docs) > 1:
        raise IdeoError(
            f"{display_name(source)}：文件中有 {len(docs)} 篇文稿；"
            "请先用 ideodesk import --as-draft 拆分导入，再按草稿编号处理"
        )
    return docs[0]


def read_outline_file(path: str | Path) -> Draft:
    """The one document in a .txt/.docx file."""
    return _one(read_documents(path), path)


def parse_outline_text(text: str) -> Draft:
    """The one document in typed or pasted text."""
    return _one(parse_text_documents(text), text)


def parse_outline(source: str | Path) -> Draft:
    """The one document in a file or text (DESIGN §3 ``parse_outline``; see
    :func:`parse_documents` for how it tells them apart)."""
    return _one(parse_documents(source), source)
