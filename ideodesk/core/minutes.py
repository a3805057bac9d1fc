"""The fields of a meeting record: 时间、地点、主持人、出席、列席、缺席、记录人 … .

Minutes give them as ``key：value`` lines, or run several into one paragraph
(``时间：6月30日上午 地点：党员活动室 主持人：张某``).  :func:`split_fields` puts each
field on its own line; :func:`field_values` reads the ones the minutes template has as
variables (地点, 主持人, 参会人员, 记录人), so that a recovered record fills them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

_KEYS = (
    "会议时间|时间|会议地点|地点|主持人|主持|出席人员|出席|参会人员|参加人员|与会人员|列席人员|列席|缺席人员|缺席|"
    "记录人|记录|审定|应到人数|应到|实到人数|实到|会议议题|议题|会次"
)
_FIELD_START = re.compile(rf"(?:^|(?<=[\s，。；]))(?:{_KEYS})\s*[：:]")
_FIELD_LINE = re.compile(rf"^({_KEYS})\s*[：:]\s*(.{{1,80}})$")
# the minutes template's variables, by the words records use for them
_VARIABLE = {"地点": "地点", "会议地点": "地点", "主持人": "主持人", "主持": "主持人", "出席": "参会人员",
             "出席人员": "参会人员", "参会人员": "参会人员", "参加人员": "参会人员", "与会人员": "参会人员",
             "记录": "记录人", "记录人": "记录人"}  # fmt: skip


def split_fields(lines: Iterable[str]) -> Iterator[str]:
    """Each line, with two or more run-together fields split one per line."""
    for line in lines:
        starts = [m.start() for m in _FIELD_START.finditer(line)]
        if len(starts) < 2 or len(line) > 300:
            yield line
            continue
        for a, b in pairwise([0, *starts, len(line)]):
            piece = line[a:b].strip(" ，；")
            if piece:
                yield piece


def field_values(lines: Iterable[str]) -> dict[str, str]:
    """The template variables the record's field lines give (first value wins)."""
    out: dict[str, str] = {}
    for line in lines:
        m = _FIELD_LINE.match(line.strip())
        if m and (name := _VARIABLE.get(m.group(1))):
            out.setdefault(name, m.group(2).strip().rstrip("。；"))
    return out
