"""The curated bank in ``phrasebank/``: reading its files and the rules its entries keep.

One file per section type, ``phrasebank/<section id>.txt``, UTF-8, one phrase per line,
grouped under ``[kind]`` lines (``[heading]``, ``[sentence]``, ``[formulation]``,
``[transition]``, ``[closing]``).  Optional attributes follow the text after `` | ``::

    深入学习贯彻党的二十大精神 | from=2022-10-22 | also=requirements | tags=理论武装

``from`` / ``until`` (ISO dates: the first and last day the formulation is current),
``also`` (more section types), ``genres`` (only for these genres), ``tags``, ``source``.
``phrasebank/renamed.txt`` maps an old wording to a new one (``旧 => 新``) so an upgrade
keeps the user's counts for a reworded entry.  Other files in the folder (the checks'
``formulations*.tsv``) are not read here.

:func:`read_bank` is what the app runs (structure only, fast); :func:`lint_entry` holds
the content rules the test suite applies to every shipped entry.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ideodesk import phrasebank_dir
from ideodesk.core.draft import SLOT_RE
from ideodesk.core.genres import GENRES
from ideodesk.core.text import HAN, HAN_RE
from ideodesk.errors import IdeoError
from ideodesk.phrases.model import (
    KINDS,
    SECTION_IDS,
    NewPhrase,
    PhraseError,
    damaged_names,
    norm_key,
    prepare,
)

FORMAT = "ideodesk-phrasebank/1"  # part of the hash: a format change recompiles
_ATTR_KEYS = {"from", "until", "also", "genres", "tags", "source", "weight"}
WEIGHT_TAG = "weight:"  # weight=N is kept as the tag weight:N (no schema change)
RENAMES_FILE = "renamed.txt"


class BankFormatError(IdeoError):
    """A line of ``phrasebank/`` that cannot be read (file and line in the message)."""


@dataclass(frozen=True)
class BankEntry(NewPhrase):
    """A phrase as the shipped bank files give it: a :class:`NewPhrase` and its place."""

    file: str = ""
    line: int = 0

    @property
    def key(self) -> str:
        return norm_key(self.text)

    @property
    def where(self) -> str:
        return f"{self.file} 第 {self.line} 行"


@dataclass
class Bank:
    entries: list[BankEntry] = field(default_factory=list)
    renames: list[tuple[str, str]] = field(default_factory=list)  # (old key, new key)
    digest: str = ""


def default_bank_dir() -> Path:
    """The shipped ``phrasebank/`` (see :func:`ideodesk.phrasebank_dir`)."""
    return phrasebank_dir()


def bank_files(bank_dir: Path) -> list[Path]:
    return [bank_dir / f"{s}.txt" for s in SECTION_IDS if (bank_dir / f"{s}.txt").is_file()]


def digest(bank_dir: Path) -> str:
    """A hash of everything the compiled bank depends on (cheap: read, no parsing)."""
    h = hashlib.sha256(FORMAT.encode())
    files = bank_files(bank_dir)
    renames = bank_dir / RENAMES_FILE
    if renames.is_file():
        files.append(renames)
    for path in files:
        h.update(b"\0" + path.name.encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def read_bank(bank_dir: Path) -> Bank:
    """Every entry of the bank, validated for structure (raises BankFormatError)."""
    bank = Bank(digest=digest(bank_dir))
    seen: dict[str, BankEntry] = {}
    duplicates: list[str] = []
    for path in bank_files(bank_dir):
        for entry in _read_file(path):
            other = seen.get(entry.key)
            if other is not None:
                duplicates.append(f"{entry.where}：与 {other.where} 重复：{entry.text}")
                continue
            seen[entry.key] = entry
            bank.entries.append(entry)
    if duplicates:
        more = f"（另有 {len(duplicates) - 3} 处）" if len(duplicates) > 3 else ""
        raise BankFormatError("；".join(duplicates[:3]) + more)
    renames = bank_dir / RENAMES_FILE
    if renames.is_file():
        for n, line in enumerate(_lines(renames), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            old, sep, new = line.partition("=>")
            if not sep or not old.strip() or not new.strip():
                raise BankFormatError(f"{renames.name} 第 {n} 行：应为“旧文本 => 新文本”")
            bank.renames.append((norm_key(old), norm_key(new)))
    return bank


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise BankFormatError(f"{path.name} 不是 UTF-8 编码") from None
    except OSError as e:
        raise BankFormatError(f"无法读取 {path}（{e.strerror}）") from None


def _read_file(path: Path) -> list[BankEntry]:
    section = path.stem
    kind: str | None = None
    out: list[BankEntry] = []
    for n, raw in enumerate(_lines(path), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path.name} 第 {n} 行"
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            if m.group(1) not in KINDS:
                raise BankFormatError(f"{where}：未知的词条类型 [{m.group(1)}]，可选：{'、'.join(KINDS)}")
            kind = m.group(1)
            continue
        if kind is None:
            raise BankFormatError(f"{where}：词条前缺少 [heading] 这样的类型行")
        text, *attrs = [p.strip() for p in line.split(" | ")]
        values: dict[str, str] = {}
        for a in attrs:
            key, sep, value = a.partition("=")
            if not sep or key not in _ATTR_KEYS:
                raise BankFormatError(
                    f"{where}：无法识别的属性 {a!r}（可用：{'、'.join(sorted(_ATTR_KEYS))}）"
                )
            values[key] = value.strip()
        if "|" in text:
            raise BankFormatError(f"{where}：属性之间应以“ | ”（两侧空格）分隔")
        tags = values.get("tags", "").split(",")
        if "weight" in values:
            if not re.fullmatch(r"[1-9]", values["weight"]):
                raise BankFormatError(f"{where}：weight 应为 1 到 9 的整数，而不是 {values['weight']!r}")
            tags.append(WEIGHT_TAG + values["weight"])
        try:
            p = prepare(
                text,
                kind=kind,
                sections=[section, *values.get("also", "").split(",")],
                genres=values.get("genres", "").split(","),
                tags=tags,
                source=values.get("source", ""),
                valid_from=values.get("from"),
                valid_until=values.get("until"),
            )
        except PhraseError as e:
            raise BankFormatError(f"{where}：{e}") from None
        if p.text != text:
            raise BankFormatError(f"{where}：文本含有多余空格或半角标点，应为：{p.text}")
        out.append(BankEntry(**{**vars(p), "file": path.name, "line": n}))
    return out


# ------------------------------------------------------------- content rules
# Slots a shipped phrase may carry: the genre templates' variables, filled from the draft.
# Slots an entry may hold: the genres' variables (filled from the draft when inserted) and
# the figures a summary states (【次数】, 【数量】: left for the clerk, who types the number;
# the checks list any slot still unfilled).
FIGURE_SLOTS = frozenset({"次数", "数量"})
ALLOWED_SLOTS = frozenset(v.name for g in GENRES.values() for v in g.variables) | FIGURE_SLOTS
_FULL_PUNCT = "，。；：、！？“”（）《》【】—·"
_HAN_RE = HAN_RE
_ALLOWED_RE = re.compile(rf"[{HAN}{_FULL_PUNCT}]+")
# Masks and gaps (DESIGN §1: xx、××、某某、*) and what web pages leave behind.
MASKS = ("某某", "××", "XX", "xx", "＊", "*", "○○", "□", "……", "…", "？？", "口口")
BOILERPLATE = (
    "小编",
    "范文",
    "仅供参考",
    "下载",
    "点击",
    "本文",
    "全文",
    "原创",
    "网址",
    "来源：",
    "预览",
    "篇一",
)
_PAIRS = {"“": "”", "（": "）", "《": "》", "【": "】"}
_LENGTHS = {
    "heading": (2, 40),
    "formulation": (2, 60),
    "sentence": (8, 160),
    "transition": (4, 120),
    "closing": (2, 120),
}
# Period formulations: the text marks a period, so the entry must carry dates within it.
# marker → (valid_from no earlier than, valid_until no later than); None: not required.
PERIOD_MARKERS: dict[str, tuple[str | None, str | None]] = {
    "十九大": (None, "2022-10-22"),
    "十九届": (None, "2022-10-22"),
    "二十大": ("2022-10-16", None),
    "二十届": ("2022-10-16", None),
    "二十届三中全会": ("2024-07-18", None),
    "二十届四中全会": ("2025-10-23", None),
    "党史学习教育": ("2021-02-20", None),
    "主题教育": ("2019-05-31", None),
    "党纪学习教育": ("2024-04-01", None),
    "八项规定精神学习教育": ("2025-03-01", None),
    "疫情": (None, "2023-01-08"),
    "脱贫攻坚": (None, None),
    "十四五": (None, "2025-12-31"),
    "十五五": ("2025-10-23", None),
    "中国式现代化": ("2022-10-16", None),
    "习近平文化思想": ("2023-10-08", None),
    "新质生产力": ("2023-09-07", None),
    "两个确立": ("2021-11-11", None),
    "第二个结合": ("2023-06-02", None),
    "中国化时代化大众化": (None, "2022-10-22"),
}


def lint_entry(e: BankEntry) -> list[str]:
    """Content problems of one shipped entry (empty when it is fit to ship)."""
    text = e.text
    return [
        *_characters(text), *_slots_and_pairs(text), *_shape(e.kind, text), *damaged_names(text),
        *_periods(e),
    ]  # fmt: skip


def _characters(text: str) -> list[str]:
    from ideodesk.core.convert import to_simplified

    problems: list[str] = []
    bad = _ALLOWED_RE.sub("", SLOT_RE.sub("", text))
    if bad:
        problems.append(f"含有不应出现的字符 {sorted(set(bad))!r}（只用汉字和全角标点）")
    if not _HAN_RE.search(text):
        problems.append("没有汉字")
    if to_simplified(text) != text:
        problems.append(f"含有繁体字（简体应为：{to_simplified(text)}）")
    problems += [f"含有遮挡或占位符 {mask!r}（留空请用【变量】）" for mask in MASKS if mask in text]
    problems += [f"含有网页套话 {word!r}" for word in BOILERPLATE if word in text]
    return problems


def _slots_and_pairs(text: str) -> list[str]:
    allowed = "、".join(sorted(ALLOWED_SLOTS))
    problems = [
        f"变量【{name}】不是文种模板的变量（可用：{allowed}）"
        for name in SLOT_RE.findall(text)
        if name not in ALLOWED_SLOTS
    ]
    if not _balanced(text):
        problems.append("引号或括号不成对")
    return problems


_ENDINGS = {  # kind: (the last character must be one of these?, the characters, the problem)
    "heading": (False, "。；，、：", "标题末尾不加句号等标点"),
    "formulation": (False, "。；，、：", "提法是句子成分，末尾不加标点"),
    "sentence": (True, "。！？：；", "句子应以句号、感叹号、问号、冒号或分号结束"),
    "transition": (True, "。！？：；", "句子应以句号、感叹号、问号、冒号或分号结束"),
    "closing": (True, "。！？：", "结束语应以句号、感叹号、问号或冒号结束"),
}


def _shape(kind: str, text: str) -> list[str]:
    problems = []
    lo, hi = _LENGTHS[kind]
    if not lo <= len(text) <= hi:
        problems.append(f"{KINDS[kind]}长度 {len(text)} 字，应在 {lo}–{hi} 字之间")
    if kind in _ENDINGS:
        must, chars, problem = _ENDINGS[kind]
        if (text[-1] in chars) != must:
            problems.append(problem)
    return problems


# Study campaigns: the year's summary still reports them after their last day, so an
# entry naming one stays current through the end of the year the campaign ended.
CAMPAIGN_MARKERS = ("学习教育", "主题教育")


def _periods(e: BankEntry) -> list[str]:
    problems = []
    if e.valid_until and not e.valid_until.endswith("-12-31") and any(m in e.text for m in CAMPAIGN_MARKERS):
        problems.append("学习教育、主题教育类词条在活动结束当年仍用于总结，until 应为当年 12 月 31 日")
    for marker, (not_before, not_after) in PERIOD_MARKERS.items():
        if marker not in e.text:
            continue
        if not (e.valid_from or e.valid_until):
            problems.append(f"含有时期性提法“{marker}”，应标注 from/until 日期")
        if not_before and (e.valid_from is None or e.valid_from < not_before):
            problems.append(f"含有“{marker}”，from 应不早于 {not_before}")
        if not_after and (e.valid_until is None or e.valid_until > not_after):
            problems.append(f"含有“{marker}”，until 应不晚于 {not_after}")
    return problems


def _balanced(text: str) -> bool:
    stack: list[str] = []
    closers = set(_PAIRS.values())
    for ch in text:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch in closers and (not stack or stack.pop() != ch):
            return False
    return not stack
