"""The draft model: a titled document with a tree of typed sections (levels 1–4).

Sections are addressed by *paths* (tuples of child indices from the top).  Every tree
operation keeps the tree valid (depth ≤ 4, text order preserved where the operation
promises it) and returns a :class:`TreeChange` saying which sibling lists changed, so
views refresh only those.  Numbering is derived, never stored in the text.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ideodesk.core.furniture import Furniture
from ideodesk.core.numbering import MAX_LEVEL, style_for
from ideodesk.errors import IdeoError

Path = tuple[int, ...]

_uids = itertools.count(1)

SLOT_RE = re.compile(r"【([^【】\s]{1,20})】")
_SENTENCE_END = "。！？：；…"


def run_in_head(head: str, paragraphs: list[str]) -> str:
    """A run-in heading sentence as printed: a full stop is added only when body text
    follows it in the same paragraph and it has no sentence end of its own."""
    if paragraphs and paragraphs[0] and head and head[-1] not in _SENTENCE_END:
        return head + "。"
    return head


class TreeError(IdeoError):
    """An outline operation that cannot be done (the tree is left unchanged)."""


@dataclass
class Section:
    type: str = "general"
    heading: str = ""
    run_in: bool = False
    paragraphs: list[str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    child_numbering: str | None = None  # style this section gives its children
    extra: dict = field(default_factory=dict)  # unknown JSON keys, kept for round trips
    uid: int = field(default_factory=lambda: next(_uids), compare=False, repr=False)

    @property
    def headed(self) -> bool:
        return bool(self.heading.strip())

    def height(self) -> int:
        """Levels this subtree spans (1 for a leaf)."""
        return 1 + max((c.height() for c in self.children), default=0)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Signature:
    issuer: str = ""
    date: str = ""
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TreeChange:
    """What a tree operation did.

    ``path`` is where the acted-on section is now (None after a delete), ``old_path``
    where it was; ``parents`` are the paths whose child lists changed (``()`` is the
    top level): their children must be re-read and renumbered.
    """

    op: str
    path: Path | None
    old_path: Path | None
    parents: tuple[Path, ...]


@dataclass(frozen=True)
class Block:
    """One paragraph of the rendered document, for views and writers.

    ``kind`` is title / addressee / heading / body / issuer / date.  For a heading or a
    run-in paragraph, ``head_len`` characters at the start are the numbered heading
    sentence (set in the heading font); the rest is body text.
    """

    kind: str
    text: str
    path: Path | None = None
    level: int = 0
    head_len: int = 0


@dataclass
class Draft:
    genre: str = "speech"
    title: str = ""
    addressee: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    signature: Signature = field(default_factory=Signature)
    child_numbering: str | None = None  # style of the level-1 sections
    extra: dict = field(default_factory=dict)
    furniture: Furniture = field(default_factory=Furniture)  # 版头, 附件, 附注, 版记, seal

    # ----------------------------------------------------------------- access
    def copy(self) -> Draft:
        return copy.deepcopy(self)

    def snapshot(self) -> Draft:
        """A structural copy that shares the (immutable) strings: cheap even for long drafts.

        Section uids are kept, so a view can find its selection again after an undo.
        """

        def sec(s: Section) -> Section:
            return Section(
                s.type, s.heading, s.run_in, list(s.paragraphs), [sec(c) for c in s.children],
                s.child_numbering, dict(s.extra), s.uid,
            )  # fmt: skip

        return Draft(
            self.genre, self.title, self.addressee, dict(self.variables), [sec(s) for s in self.sections],
            Signature(self.signature.issuer, self.signature.date, dict(self.signature.extra)),
            self.child_numbering, dict(self.extra), copy.deepcopy(self.furniture),
        )  # fmt: skip

    def section(self, path: Path) -> Section:
        if not path:
            raise TreeError("路径为空，未指向任何段落")
        siblings = self.sections
        node: Section | None = None
        for depth, i in enumerate(path):
            if not 0 <= i < len(siblings):
                raise TreeError(f"大纲中没有位置 {_fmt(path[: depth + 1])}")
            node = siblings[i]
            siblings = node.children
        assert node is not None
        return node

    def children_of(self, parent: Path) -> list[Section]:
        return self.sections if not parent else self.section(parent).children

    def walk(self) -> Iterator[tuple[Path, Section]]:
        """Every section with its path, in document order."""

        def rec(prefix: Path, items: list[Section]) -> Iterator[tuple[Path, Section]]:
            for i, s in enumerate(items):
                p = (*prefix, i)
                yield p, s
                yield from rec(p, s.children)

        yield from rec((), self.sections)

    def path_of(self, section: Section) -> Path:
        for p, s in self.walk():
            if s is section:
                return p
        raise TreeError("该段落不在本稿中")

    # ------------------------------------------------------------- numbering
    def child_style_of(self, parent: Path):
        owner = self.child_numbering if not parent else self.section(parent).child_numbering
        return style_for(len(parent) + 1, owner)

    def label(self, path: Path) -> str:
        """The derived number of the section at ``path`` ("" for unheaded blocks)."""
        self.section(path)  # raises for a bad path
        return self.sibling_labels(path[:-1])[path[-1]]

    def numbered_heading(self, path: Path) -> str:
        sec = self.section(path)
        return self.label(path) + sec.heading.strip() if sec.headed else ""

    # ------------------------------------------------------------- rendering
    def sibling_labels(self, parent: Path) -> list[str]:
        """Labels of all children of ``parent`` at once ("" for unheaded blocks)."""
        siblings = self.children_of(parent)
        if not siblings:
            return []
        style = self.child_style_of(parent)
        count = sum(1 for s in siblings if s.headed)
        out, index = [], 0
        for s in siblings:
            if s.headed:
                out.append(style.render(index, count))
                index += 1
            else:
                out.append("")
        return out

    def blocks(self) -> Iterator[Block]:
        """The document as paragraphs in reading order, numbering applied."""
        if self.title:
            yield Block("title", self.title)
        if self.addressee:
            yield Block("addressee", self.addressee)
        yield from self._section_blocks(())
        if self.signature.issuer:
            yield Block("issuer", self.signature.issuer)
        if self.signature.date:
            yield Block("date", self.signature.date)

    def _section_blocks(self, parent: Path) -> Iterator[Block]:
        for i, (sec, label) in enumerate(
            zip(self.children_of(parent), self.sibling_labels(parent), strict=True)
        ):
            path = (*parent, i)
            level = len(path)
            paras = sec.paragraphs
            if sec.headed:
                head = label + sec.heading.strip()
                if sec.run_in:
                    head = run_in_head(head, paras)
                    yield Block("body", head + (paras[0] if paras else ""), path, level, len(head))
                    paras = paras[1:]
                else:
                    yield Block("heading", head, path, level, len(head))
            for text in paras:
                yield Block("body", text, path, level)
            yield from self._section_blocks(path)

    def plain_text(self) -> str:
        return "\n".join(b.text for b in self.blocks())

    def char_count(self) -> int:
        """Characters a clerk would count: everything but whitespace."""
        return sum(len("".join(b.text.split())) for b in self.blocks())

    # ------------------------------------------------------------- variables
    def slots(self) -> list[str]:
        """Names of 【变量】 slots still in the text, in order of first appearance."""
        seen: dict[str, None] = {}
        for text in self._texts():
            for m in SLOT_RE.finditer(text):
                seen.setdefault(m.group(1), None)
        return list(seen)

    def filled(self, values: dict[str, str] | None = None) -> Draft:
        """A copy with every 【name】 slot replaced by its (non-empty) value.

        ``values`` default to the draft's own variables; slots without a value stay
        visible so a check can report them.
        """
        values = {k: v for k, v in (values or self.variables).items() if v}
        out = self.copy()
        if not values:
            return out

        def sub(text: str) -> str:
            return SLOT_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)

        out.title, out.addressee = sub(out.title), sub(out.addressee)
        out.signature.issuer = sub(out.signature.issuer)
        out.signature.date = sub(out.signature.date)
        fur = out.furniture
        for name in ("issuer_mark", "doc_number", "note", "cc", "printer", "print_date"):
            setattr(fur, name, sub(getattr(fur, name)))
        fur.attachments = [sub(a) for a in fur.attachments]
        for _, s in out.walk():
            s.heading = sub(s.heading)
            s.paragraphs = [sub(p) for p in s.paragraphs]
        return out

    def _texts(self) -> Iterator[str]:
        yield from (self.title, self.addressee)
        for _, s in self.walk():
            yield s.heading
            yield from s.paragraphs
        yield from (self.signature.issuer, self.signature.date)

    # -------------------------------------------------------- tree operations
    def insert(self, path: Path, section: Section | None = None) -> TreeChange:
        """Insert ``section`` (a new empty one by default) so that it ends up at ``path``."""
        _require(path)
        section = section if section is not None else Section()
        parent, index = path[:-1], path[-1] if path else -1
        siblings = self.children_of(parent)
        if not 0 <= index <= len(siblings):
            raise TreeError(f"无法在位置 {_fmt(path)} 插入")
        self._check_depth(len(path), section)
        siblings.insert(index, section)
        return TreeChange("insert", path, None, (parent,))

    def delete(self, path: Path) -> TreeChange:
        self.section(path)
        del self.children_of(path[:-1])[path[-1]]
        return TreeChange("delete", None, path, (path[:-1],))

    def move(self, path: Path, new_parent: Path, index: int) -> TreeChange:
        """Move a section (with its subtree) to ``index`` among ``new_parent``'s children.

        ``index`` counts positions in the target list as it is *before* the move.
        """
        sec = self.section(path)
        old_owner = self._owner(path[:-1])
        if new_parent[: len(path)] == path:
            raise TreeError("不能把段落移到它自己的下级")
        if new_parent:
            self.section(new_parent)
        target = self.children_of(new_parent)
        if not 0 <= index <= len(target):
            raise TreeError(f"无法移到位置 {_fmt((*new_parent, index))}")
        self._check_depth(len(new_parent) + 1, sec)
        old_parent = path[:-1]
        if old_parent == new_parent and index > path[-1]:
            index -= 1  # the section's own slot disappears first
        removed = self.children_of(old_parent).pop(path[-1])
        new_parent = _shift_after_removal(new_parent, path)
        self.children_of(new_parent).insert(index, removed)
        # The old parent may itself have shifted when the section landed before it.
        old_parent = self.path_of(old_owner) if old_owner is not None else ()
        parents = (old_parent,) if old_parent == new_parent else (old_parent, new_parent)
        return TreeChange("move", (*new_parent, index), path, parents)

    def _owner(self, parent: Path) -> Section | None:
        return self.section(parent) if parent else None

    def move_up(self, path: Path) -> TreeChange:
        self.section(path)
        if path[-1] == 0:
            raise TreeError("已经是同级第一个，无法上移")
        ch = self.move(path, path[:-1], path[-1] - 1)
        return TreeChange("move_up", ch.path, path, ch.parents)

    def move_down(self, path: Path) -> TreeChange:
        self.section(path)
        if path[-1] >= len(self.children_of(path[:-1])) - 1:
            raise TreeError("已经是同级最后一个，无法下移")
        ch = self.move(path, path[:-1], path[-1] + 2)
        return TreeChange("move_down", ch.path, path, ch.parents)

    def promote(self, path: Path) -> TreeChange:
        """Raise a section one level; the text keeps its order.

        It becomes the sibling right after its parent, and the siblings that followed
        it become its last children (as in Word's outline view).
        """
        self.section(path)
        if len(path) < 2:
            raise TreeError("已是一级标题，无法升级")
        sec = self.section(path)
        parent_path = path[:-1]
        siblings = self.children_of(parent_path)
        followers = siblings[path[-1] + 1 :]
        if any(len(path) + f.height() - 1 > MAX_LEVEL for f in followers):
            raise TreeError("升级后其后的段落会超过四级，无法升级")
        del siblings[path[-1] :]
        sec.children.extend(followers)
        grand = parent_path[:-1]
        self.children_of(grand).insert(parent_path[-1] + 1, sec)
        new_path = (*grand, parent_path[-1] + 1)
        return TreeChange("promote", new_path, path, (grand, parent_path, new_path))

    def demote(self, path: Path) -> TreeChange:
        """Lower a section one level: it becomes the last child of its previous sibling."""
        self.section(path)
        if path[-1] == 0:
            raise TreeError("前面没有同级段落，无法降级")
        sec = self.section(path)
        self._check_depth(len(path) + 1, sec)
        siblings = self.children_of(path[:-1])
        prev = siblings[path[-1] - 1]
        siblings.pop(path[-1])
        prev.children.append(sec)
        prev_path = (*path[:-1], path[-1] - 1)
        new_path = (*prev_path, len(prev.children) - 1)
        return TreeChange("demote", new_path, path, (path[:-1], prev_path))

    def split(self, path: Path, paragraph: int, offset: int | None = None, heading: str = "") -> TreeChange:
        """Split a section before ``paragraph`` (or inside it at ``offset``).

        The paragraphs from there on, and all children, move to a new sibling section
        right after it with the same type and the given heading (unheaded by default).
        """
        sec = self.section(path)
        paras = sec.paragraphs
        if not 0 <= paragraph <= len(paras):
            raise TreeError(f"第 {paragraph + 1} 段不存在，无法拆分")
        head, tail = paras[:paragraph], paras[paragraph:]
        if offset is not None:
            if paragraph >= len(paras) or not 0 <= offset <= len(paras[paragraph]):
                raise TreeError("拆分位置超出段落范围")
            text = paras[paragraph]
            head = [*head, text[:offset]]
            tail = [text[offset:], *tail[1:]]
        new = Section(
            type=sec.type,
            heading=heading,
            run_in=sec.run_in and bool(heading),
            paragraphs=tail,
            children=sec.children,
            child_numbering=sec.child_numbering,
        )
        sec.paragraphs, sec.children = head, []
        new_path = (*path[:-1], path[-1] + 1)
        self.children_of(path[:-1]).insert(path[-1] + 1, new)
        return TreeChange("split", new_path, path, (path[:-1], path, new_path))

    def merge(self, path: Path) -> TreeChange:
        """Merge the next sibling into this section; no text is lost.

        The next sibling's heading becomes text (joined to its first paragraph when it
        was run-in), its paragraphs and children follow.  This section must have no
        children of its own, or the text order would change.
        """
        sec = self.section(path)
        siblings = self.children_of(path[:-1])
        if path[-1] + 1 >= len(siblings):
            raise TreeError("后面没有同级段落，无法合并")
        if sec.children:
            raise TreeError("该段落含有下级标题，无法与后一段合并")
        nxt = siblings[path[-1] + 1]
        paras = list(nxt.paragraphs)
        if nxt.headed:
            heading = nxt.heading.strip()
            if nxt.run_in and paras:
                paras[0] = run_in_head(heading, paras) + paras[0]
            else:
                paras.insert(0, heading)
        sec.paragraphs.extend(paras)
        if nxt.children:  # they keep the numbering they had
            sec.children, sec.child_numbering = nxt.children, nxt.child_numbering
        del siblings[path[-1] + 1]
        return TreeChange("merge", path, path, (path[:-1], path))

    def _check_depth(self, level: int, section: Section) -> None:
        if level < 1 or level + section.height() - 1 > MAX_LEVEL:
            raise TreeError("大纲最多四级，此操作会超过四级")


def _require(path: Path) -> None:
    if not path:
        raise TreeError("路径为空，未指向任何段落")


def _shift_after_removal(path: Path, removed: Path) -> Path:
    """Adjust ``path`` for the removal of the section at ``removed``."""
    n = len(removed)
    if len(path) >= n and path[: n - 1] == removed[:-1] and path[n - 1] > removed[-1]:
        return (*path[: n - 1], path[n - 1] - 1, *path[n:])
    return path


def _fmt(path: Path) -> str:
    return ".".join(str(i + 1) for i in path) or "（顶层）"
