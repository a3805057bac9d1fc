"""Pinyin initials of a phrase (``牢牢掌握意识形态工作领导权`` → ``llzwysxtgzldq``).

Computed once when a phrase is stored, from ``resources/pinyin_initials.txt``: the
initial of each character's most common reading (and, for the letter masks of the checks,
the initials of all readings of a heteronym), generated from pypinyin's dictionary
(``python -m tests.pinyin_table`` rewrites it; a test checks it is current).  The
app does not import pypinyin itself: its phrase dictionary costs 55 MB of memory for
the sake of the few characters whose readings start with different letters (长 zhang /
chang, 调 diao / tiao …).  Those are decided by :data:`CONTEXT`, words of this genre in
which they take their other reading; a test checks the result equals pypinyin's
contextual conversion for every shipped phrase.

Punctuation is dropped, so initials run on across ``、``; Latin letters and digits are
kept, lower-cased, so ``qq`` finds ``QQ群``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ideodesk import resources_dir

TABLE_NAME = "pinyin_initials.txt"
# The blocks the table covers: CJK Unified Ideographs and Extension A.
RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))

# Characters whose other reading starts with another letter, and the words (of this
# genre) where they take it; everywhere else the table's most common reading applies.
CONTEXT: dict[str, tuple[str, tuple[str, ...]]] = {
    "长": ("c", ("长期", "长效", "长远", "长治久安", "长征", "长河", "长城", "长足", "长江", "长处",
        "长时间", "长久", "长年", "长篇", "长廊", "长途", "长度", "漫长", "擅长", "特长", "延长",
        "专长", "冗长", "悠长", "见长", "很长", "较长", "之长")),
    "调": ("t", ("协调", "调整", "调节", "调控", "调和", "调解", "调剂", "调适", "失调", "空调",
        "调试", "调味", "烹调", "调皮", "调理", "调养", "调停", "调处", "调优")),
    "行": ("h", ("行业", "银行", "同行", "行列", "各行各业", "内行", "外行", "行当", "排行", "行家",
        "行长", "央行", "分行", "支行", "商行", "车行", "行伍")),
    "重": ("c", ("重新", "重温", "重复", "重申", "重建", "重组", "重叠", "重返", "重塑", "重整",
        "重演", "重现", "重阳", "重重", "重来", "重逢", "重置", "重启", "重审", "重写", "重修", "重印",
        "重播", "重名", "双重", "多重")),
    "朝": ("z", ("朝气", "朝阳", "朝夕", "朝三暮四", "今朝", "朝霞", "朝晖", "朝露")),
    "率": ("s", ("率先", "表率", "统率", "率领", "坦率", "轻率", "草率", "直率", "率直", "率真",
        "率性")),
    "省": ("x", ("反省", "省察", "自省", "省悟", "内省", "发人深省")),
    "给": ("j", ("供给", "给予", "补给", "自给", "给养", "配给", "家给人足")),
    "参": ("s", ("人参", "海参", "党参")),
    "会": ("k", ("会计",)),
    "藏": ("z", ("西藏", "宝藏", "藏族", "藏区", "藏语", "藏传")),
    "传": ("z", ("传记", "自传", "经传", "列传", "水浒传")),
    "降": ("x", ("投降", "降服", "降伏")),
    "校": ("j", ("校对", "校正", "校准", "校订", "校勘", "校样", "校验")),
    "乐": ("y", ("音乐", "乐器", "乐队", "乐曲", "声乐", "器乐", "乐团", "乐章", "民乐", "礼乐",
        "乐理")),
    "便": ("p", ("便宜",)),
    "卡": ("q", ("关卡", "哨卡", "卡子", "卡壳")),
    "恶": ("w", ("厌恶", "可恶", "憎恶", "好恶")),
    "奇": ("j", ("奇数", "奇偶")),
    "解": ("x", ("解数",)),
    "曾": ("z", ("曾孙", "曾祖")),
    "系": ("j", ("系鞋带", "系领带")),
    "强": ("j", ("倔强",)),
    "提": ("d", ("提防",)),
    "否": ("p", ("否极泰来",)),
    "泊": ("p", ("湖泊", "血泊")),
    "秘": ("b", ("秘鲁",)),
}  # fmt: skip

_lock = threading.Lock()
_table: dict[int, str] | None = None
_all: dict[int, frozenset[str]] = {}  # characters whose readings start with several letters
MULTI = "*"  # table lines "*letters chars": every reading of those chars starts with one of letters


def table_path() -> Path:
    return resources_dir() / TABLE_NAME


def _load() -> dict[int, str]:
    """code point → initial letter, from the resource file (loaded once, ~2 MB)."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                table: dict[int, str] = {}
                for line in table_path().read_text(encoding="utf-8").splitlines():
                    if not line or line.startswith("#"):
                        continue
                    letter, _, chars = line.partition(" ")
                    if letter.startswith(MULTI):
                        letters = frozenset(letter[1:])
                        _all.update((ord(ch), letters) for ch in chars)
                        continue
                    for ch in chars:
                        table[ord(ch)] = letter
                _table = table
    return _table


def initials(text: str) -> str:
    """The initials of ``text`` (one letter per character that has a reading)."""
    table = _load()
    out: list[str] = []
    for i, ch in enumerate(text):
        letter = table.get(ord(ch))
        if letter is not None:
            rule = CONTEXT.get(ch)
            if rule is not None and _in_any(text, i, ch, rule[1]):
                letter = rule[0]
            out.append(letter)
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
    return "".join(out)


def reading_initials(ch: str) -> frozenset[str]:
    """The first letters of every reading of ``ch`` (长 → {c, z}); empty for a character
    without a reading.  What a letter mask such as ``党w`` (for 党委) is matched with."""
    table = _load()
    letters = _all.get(ord(ch))
    if letters is not None:
        return letters
    letter = table.get(ord(ch))
    return frozenset(letter) if letter else frozenset()


def _in_any(text: str, i: int, ch: str, words: tuple[str, ...]) -> bool:
    """Whether the character at ``i`` is part of one of ``words`` in ``text``."""
    for w in words:
        k = w.find(ch)
        while k >= 0:
            if i - k >= 0 and text.startswith(w, i - k):
                return True
            k = w.find(ch, k + 1)
    return False


def is_initials_query(query: str) -> bool:
    """A query typed as initials: Latin letters (digits allowed), at least two characters."""
    q = query.strip()
    return len(q) >= 2 and q.isascii() and q.isalnum() and any(c.isalpha() for c in q)
