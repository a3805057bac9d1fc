"""The head of a document: title, 发文字号, speaker and date lines, subtitle and addressee.

A real document opens with a few short lines before its first sentence; a web copy adds
its own before, between and inside them (a site slogan, the page title with a suffix, a
breadcrumb, the title twice).  :func:`take_head` reads the lines up to the first
sentence or numbered heading, chooses the title by evidence (genre words at the end,
``关于…的``, ``在…上的讲话``, nearness to the addressee or the body, repetition), joins a
title or an addressee broken over lines, strips site suffixes from the title, recognises
the speaker, date, 文号 and subtitle lines, and drops what is left before the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ideodesk.core.markers import NUMERALS, marker_value, parse_marker
from ideodesk.core.text import HAN

DATE_RE = re.compile(
    r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,2}月"
    r"(?:[\d〇○零一二三四五六七八九十]{1,3}日?)?$"
)
TITLE_WORDS = re.compile(
    "讲话|发言|报告|总结|通知|记录|纪要|意见|方案|办法|情况|汇报|研判|会议|决定|通报|请示|批复|心得|体会|函|"
    "规定|计划|要点|细则|制度|规则|提纲|主持词|致辞|材料|思考|标准|安排|讲稿|发言稿|述职|清单|公告|通告"
)
_GENRE_END = re.compile(f"(?:{TITLE_WORDS.pattern})(?:稿|材料)?[）)]?$")
_NOT_ADDRESSEE = re.compile("如下|提出|指出|强调|要求|表示|认为|会上|汇报|主要|包括|有：$|是：$|为：$")
_SENTENCE = re.compile("[。！？；]")
_BRACKET_DATE = re.compile(
    r"^[（(]\s*(?:[\dX×x〇○零一二三四五六七八九十]{2,4}年)?[\dX×x〇○零一二三四五六七八九十]{1,2}月"
    r"[\dX×x〇○零一二三四五六七八九十]{1,3}日.{0,30}[）)]$"
)
_DOC_NUMBER = re.compile(rf"^[{HAN}]{{1,12}}[〔\[［【(（]\s*\d{{4}}\s*[〕\]］】)）]\s*[第]?\d{{1,4}}\s*号$")
_ISSUER_MARK = re.compile(rf"^[{HAN}（）()]{{2,30}}文件$")  # 发文机关标志: 中共某县委宣传部文件
_SUBTITLE = re.compile(r"^[（(][^（）()]{2,20}[）)]$")
_GREETING = re.compile(r"^(.{2,40}?)[，,]\s*大家(?:上午|下午|晚上)?好[！!。]?$")
_TITLE_FIELD = re.compile(r"^(?:标\s*题|文章标题|会议题目|题\s*目)\s*[:：•·]?\s*(.+)$")

# Site suffixes and prefixes on a title line: the collection count, the piece number,
# "范文", "(完整)", a column tag, a file extension, a literal HTML entity.
_TITLE_STRIP = (
    re.compile(r"^[【\[][^】\]]{1,40}[】\]]\s*(?=\S)"),
    re.compile(rf"^(?:篇\s*[{NUMERALS}\d]+|第\s*[{NUMERALS}\d]+\s*篇)\s*[：:、.．]?\s*"),
    re.compile(r"^\d{1,3}\s*[,，、.．]+\s*(?=\D)"),
    re.compile(r"\.(?:docx?|wps|pdf|txt)(?:VIP)?$", re.IGNORECASE),
    re.compile(r"\s*[（(]?\s*\d{1,3}\s*篇\s*[）)]?$"),
    re.compile(rf"\s*[（(]?篇\s*[{NUMERALS}\d]+[）)]?$"),
    re.compile(r"\s*[（(](?:完整版?|精选|最新|优选|word版|可编辑|全文|范文)[）)]$", re.IGNORECASE),
    re.compile(r"(?:范文|范例|模板)(?:精选|大全)?$"),
    re.compile(r"\s*[|｜_].{1,20}$"),
)


def clean_title(line: str) -> str:
    """A title line without what sites add around it."""
    line = line.replace("&nbsp;", " ").strip()
    if m := _TITLE_FIELD.match(line):
        line = m.group(1)
    if m := re.match(rf"^[{HAN}]{{1,12}}〔\d{{4}}〕\d{{1,4}}号\s*《(.+)》$", line):
        line = m.group(1)  # 文号《标题》: the page title of a government site
    for _ in range(2):
        for pattern in _TITLE_STRIP:
            line = pattern.sub("", line).strip()
    return line.rstrip("。").strip()


def is_title(line: str) -> bool:
    if len(line) > 100 or line.endswith(("：", "；", "，", "、")) or parse_marker(line):
        return False
    body = line.rstrip("。")
    if _SENTENCE.search(body) or DATE_RE.match(body) or "！" in body or "!" in body:
        return False
    if "了" in body and not _GENRE_END.search(body):
        return False  # a sentence (…参加了会议), not a title
    commas = body.count("，")
    return commas == 0 or (commas == 1 and bool(TITLE_WORDS.search(body[-6:])))


def is_addressee(line: str) -> bool:
    return (
        len(line) <= 100
        and line.endswith("：")
        and "。" not in line
        and not _NOT_ADDRESSEE.search(line)
        and not parse_marker(line)
        and (len(line) <= 40 or line.count("，") + line.count("、") >= 2)
    )


# Last characters of the names of bodies and of people addressed (各单位, 同志们, 各位代表,
# 省直基层工委, 全校师生): what a salutation ends with, unlike ``附件：`` or ``特点如下：``.
_ADDRESSED_END = set(
    "委局厅办部处室院校会组所站心位司府队员们导表学师友志科级门馆团社区县市省镇乡村街支总者生工人军属行"
)


def is_salutation(line: str) -> bool:
    """An addressee that can open a document: bodies or people, not a field label."""
    if not is_addressee(line) or re.search(
        r"[\d@]|邮箱|电话|地址|附件|网址|传真|联系人|邮编|时间|地点", line
    ):
        return False
    name = line.rstrip("：").rstrip()
    return bool(name) and (name[-1] in _ADDRESSED_END or name in ("XX", "××", "某某"))


def is_strong_title(line: str) -> bool:
    """A title line with a genre ending (…的通知, …工作总结), not an attachment line."""
    text = clean_title(line)
    return bool(_GENRE_END.search(text)) and not text.startswith("附")


def _is_date_line(line: str) -> bool:
    bare = line.strip().rstrip("。")
    return bool(
        DATE_RE.match(bare) or _BRACKET_DATE.match(bare) or re.fullmatch(r"[（(]\s*X年X月X日\s*[）)]", bare)
    )


def _is_speaker(line: str) -> bool:
    """``县委常委、宣传部长 某某``, ``XXX``, ``科研第二党支部 王荻``: a short line of names."""
    return (
        len(line) <= 30
        and not _SENTENCE.search(line)
        and not line.endswith("：")
        and not re.search("[，,：:“”《》]", line)
        and not _GENRE_END.search(line)
        and not parse_marker(line)
    )


def _is_body(line: str) -> bool:
    """The first line of running text or a numbered heading (not a long title, not a
    ``——在…上的讲话`` subtitle)."""
    if line.startswith("——") and is_strong_title(line):
        return False
    if parse_marker(line) or is_addressee(line) or _GREETING.match(line):
        return parse_marker(line) is not None
    if not _SENTENCE.search(line) and is_strong_title(line) and len(line) <= 100:
        return False
    bare = line.rstrip("。")
    if len(line) >= 60:
        return True
    return (
        (len(line) >= 30 and bool(_SENTENCE.search(line)))
        or bool(_SENTENCE.search(bare))
        or (line.endswith("。") and len(line) >= 12)
    )


@dataclass
class Head:
    """What the lines before the first sentence held."""

    title: str = ""
    title_line: str = ""  # the title line as found (with what the site added)
    addressee: str = ""
    speaker: str = ""
    date_line: str = ""
    doc_number: str = ""
    issuer_mark: str = ""  # 发文机关标志 above the title (…文件)
    subtitle: str = ""
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)


def _title_score(line: str, index: int, head: list[str]) -> float:
    text = clean_title(line)
    if not text or not is_title(text) or len(text) < 4:
        return -1.0
    score = 0.0
    if _GENRE_END.search(text):
        score += 3
    elif TITLE_WORDS.search(text):
        score += 1
    if re.search("关于.{2,}的|在.{2,}(?:上|中)的(?:讲话|发言|致辞|主持词)", text):
        score += 2
    if len(text) >= 8:
        score += 0.5
    nxt = head[index + 1] if index + 1 < len(head) else ""
    if not nxt or is_addressee(nxt) or _is_date_line(nxt) or _DOC_NUMBER.match(nxt) or _is_body(nxt):
        score += 0.5  # the title stands right above the addressee or the text
    return score


def _join_broken(head: list[str]) -> list[str]:
    """A title or an addressee broken over lines: ``关于召开某某`` / ``现场会的通知``,
    ``2025`` / ``年工作计划``, ``尊敬的各位领导、`` / ``同志们：``."""
    out: list[str] = []
    for line in head:
        if out:
            prev = out[-1]
            joined = prev + line
            if _breaks_addressee(prev, line) and (is_addressee(joined) or _GREETING.match(joined)):
                out[-1] = joined
                continue
            if _breaks_title(prev, line):
                out[-1] = joined
                continue
        out.append(line)
    return out


def _breaks_addressee(prev: str, line: str) -> bool:
    if prev.endswith(("、", "，")):
        return True
    fragment = (
        len(prev) <= 12
        and not re.search(r"[\d()（）〔〕\[\]：:X×\s]", prev)
        and bool(re.match("各|尊敬|亲爱|全体", prev))  # 各位领导、各位 / 同志：
    )
    return fragment and is_addressee(line) and not _is_title(prev)


def _is_title(line: str) -> bool:
    return is_title(clean_title(line)) and is_strong_title(line)


def _breaks_title(prev: str, line: str) -> bool:
    if _DOC_NUMBER.match(prev) or _DOC_NUMBER.match(line) or _ISSUER_MARK.match(prev):
        return False
    if _GENRE_END.search(prev) or not is_title(prev) or is_addressee(line) or _is_date_line(line):
        return False
    if re.fullmatch(r"\d{2,4}", prev) or re.fullmatch(r"\d{2,4}", line) or line.startswith("——"):
        return True
    if re.search(r"\d$", prev) and re.match("[年月日号届期]", line):
        return True  # a number broken from its unit (PDF extraction breaks at digit runs)
    if prev.endswith(("与", "和", "及", "暨", "的", "关于")) and is_title(prev + line):
        return True  # no title ends on a conjunction
    return len(prev) <= 24 and _is_title(line) and _is_title(prev + line) and not _is_title(prev)


def _split_greeting(line: str) -> str | None:
    m = _GREETING.match(line)
    return m.group(1) + "：" if m else None


_RUN_TOGETHER = re.compile(r"^(.{4,80}?)((?:尊敬的|各位|同志们|亲爱的)[^。：:！!]{0,40}[：:])(.{20,})$")


def _unglue_head(lines: list[str]) -> list[str]:
    """A whole document on one line: ``标题各位领导、各位代表：我是……`` → title, salutation,
    text (the salutation is found within the first characters of a long line)."""
    if not lines or len(lines[0]) < 120:
        return lines
    m = _RUN_TOGETHER.match(lines[0])
    if not m or _SENTENCE.search(m.group(1)):
        return lines
    return [m.group(1), m.group(2).replace(":", "："), m.group(3), *lines[1:]]


def take_head(lines: list[str]) -> tuple[Head, list[str]]:
    """The head of one document and the lines that follow it."""
    out = Head()
    lines = _unglue_head(lines)
    menu = _leading_menu(lines)
    if menu:
        out.removed += [(line, "导航栏") for line in lines[:menu]]
        lines = lines[menu:]
    lead = _leading_material(lines)
    if lead:
        out.removed += [(line, "标题前的网页内容") for line in lines[:lead]]
        lines = lines[lead:]
    if lines and _numbered_piece_title(lines):
        out.title_line, out.title = lines[0], clean_title(lines[0])
        lines = lines[1:]
    head_end = next((i for i, line in enumerate(lines) if _is_body(line)), len(lines))
    head_end = min(head_end, 12)
    region, rest = _join_broken(lines[:head_end]), lines[head_end:]
    addr = next((i for i, line in enumerate(region) if is_addressee(line) or _GREETING.match(line)), None)
    before = region if addr is None else region[:addr]
    scores = [(_title_score(line, i, before), i) for i, line in enumerate(before)]
    best = max((s for s in scores if s[0] >= 1), default=None, key=lambda s: (s[0], s[1]))
    best = None if out.title else _fullest(best, scores, before)
    start = 0
    if best is not None:
        idx = best[1]
        out.title_line, out.title = before[idx], clean_title(before[idx])
        for line in before[:idx]:
            _before_title(out, line)
        start = idx + 1
    kept: list[str] = []
    for i, line in enumerate(region[start:], start):
        if i == addr:
            out.addressee = _split_greeting(line) or line
        elif _same_title(line, out.title):
            out.removed.append((line, "重复的标题"))
        elif addr is None or i < addr:
            _head_line(out, line, kept)
        else:
            kept.append(line)
    return out, kept + rest


def _leading_menu(lines: list[str]) -> int:
    """A site menu printed one entry a line above the document (法定主动 / 公开内容 /
    政策 / …): five or more short lines without punctuation, maybe after the site name."""

    def entry(line: str) -> bool:
        return len(line) <= 8 and not re.search(r"[，。、：；！？,.:;!?\d]", line) and not parse_marker(line)

    run = 0
    for i, line in enumerate(lines[:40]):
        if i == 0 and not entry(line) and len(line) <= 20:
            continue  # the site's name above its menu
        if entry(line):
            run += 1
        elif run >= 5 and i - run <= 1:
            return i
        else:
            return 0
    return 0


def _fullest(best, scores, before: list[str]):
    """The page's full title line over a part of it broken onto the lines below."""
    if best is None:
        return None
    text = re.sub(r"\W", "", clean_title(before[best[1]]))
    for score, i in scores:
        other = re.sub(r"\W", "", clean_title(before[i]))
        if score >= best[0] - 1 and len(other) > len(text) and text and text in other:
            return score, i
    return best


def _numbered_piece_title(lines: list[str]) -> bool:
    """``3、小学教师学习心得`` first in a document: a list page numbering its pieces, not
    the first item of the document's own list (which would be numbered 1)."""
    m = parse_marker(lines[0])
    return (
        bool(m)
        and marker_value(lines[0]) > 1
        and is_strong_title(lines[0])
        and is_title(clean_title(lines[0]))
    )


def _leading_material(lines: list[str]) -> int:
    """How many lines a page put before a clear title further down (site rules, a lead-in
    paragraph, a slogan): a title with a genre ending among the first lines, before any
    numbered heading, standing right above the addressee or the text."""
    window = []
    for line in lines[:15]:
        if parse_marker(line):
            break
        window.append(line)
    for i, line in enumerate(window[1:9], 1):
        if _title_score(line, i, window) >= 3.5 and _is_body(window[i - 1]):
            return i
    return 0


def _before_title(out: Head, line: str) -> None:
    """A line above the title: the 版头's 发文机关标志 or 发文字号, else what a page added."""
    if _ISSUER_MARK.match(line) and not out.issuer_mark:
        out.issuer_mark = line
    elif _DOC_NUMBER.match(line) and not out.doc_number:
        out.doc_number = line
    else:
        out.removed.append((line, "标题前的网页内容"))


def _same_title(line: str, title: str) -> bool:
    if not title:
        return False
    a, b = re.sub(r"\W", "", clean_title(line)), re.sub(r"\W", "", title)
    return bool(a) and (a == b or (len(a) >= 6 and (a in b or b in a)))


def _head_line(out: Head, line: str, kept: list[str]) -> None:
    """A line between the title and the addressee (or the text)."""
    if _DOC_NUMBER.match(line) and not out.doc_number:
        out.doc_number = line
    elif _is_date_line(line) and not out.date_line:
        out.date_line = line
    elif _SUBTITLE.match(line) and not out.subtitle:
        out.subtitle = line
    elif out.title and _is_speaker(line) and not out.speaker:
        out.speaker = line
    else:
        kept.append(line)
