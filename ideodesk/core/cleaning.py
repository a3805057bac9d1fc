"""Cleaning text copied from websites and old files, one small rule per function.

The rules are judged on documents nobody has seen, so each one states a general
pattern (what web pages add, what encodings break) rather than strings from one file.
:func:`clean_lines` runs them in order on the lines of one file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ideodesk.core.convert import to_simplified
from ideodesk.core.markers import parse_marker
from ideodesk.core.pagejunk import junk_reason, repeated_lines, strip_jammer
from ideodesk.core.text import BIDI_CONTROLS, HAN, strip_unsafe

_HAN_RE = re.compile(f"[{HAN}]")
# Characters that make their neighbourhood "Chinese text" for punctuation purposes.
_CJK_CONTEXT = re.compile(f"[{HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d\u2026\u2014《》（）]")

# ------------------------------------------------------------- characters
_INVISIBLE_RE = re.compile(f"[\u200b-\u200f\u2028\u2029\u2060-\u2064\ufeff\u00ad{BIDI_CONTROLS}]")
_SPACES_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_BETWEEN_CJK_RE = re.compile(
    f"(?<=[{HAN}，。、；：？！“”‘’（）《》])[ \t]+(?=[{HAN}，。、；：？！“”‘’（）《》])"
)
_FULLWIDTH_ALNUM = {
    c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}


def normalize_characters(line: str) -> str:
    """Drop control and invisible characters, unify spaces, full-width digits/letters to ASCII.

    Spaces between Chinese characters (a web-page artefact) are removed.
    """
    line = strip_unsafe(line)
    if "&" in line and ";" in line:
        line = html.unescape(line)  # a literal &nbsp; or &ldquo; left by a web page
    line = _INVISIBLE_RE.sub("", line)
    line = _SPACES_RE.sub(" ", line).translate(_FULLWIDTH_ALNUM)
    line = _SPACE_BETWEEN_CJK_RE.sub("", line)
    return line.strip()


# ------------------------------------------------------------- structure kept by spaces
# PDF and web copies put a heading, its body and the next heading on one line, with only
# spaces between (``党组会议制度 一、 会议组成 局党组会议由…``); the spaces vanish with the
# other spaces between Chinese characters, so they are read first.
_GAP = "[ \u3000\t]"
_SPACED_MARKER_RE = re.compile(
    rf"(?<=[{HAN}）)。；：])\s*{_GAP}(?=(?:[一二三四五六七八九十]{{1,3}}、|[（(][一二三四五六七八九十]{{1,3}}[)）]|"
    rf"\d{{1,2}}、|第[一二三四五六七八九十]{{1,3}}条){_GAP}*[{HAN}])"
)
_HEADING_GAP_RE = re.compile(
    rf"^((?:[一二三四五六七八九十]{{1,3}}、|[（(][一二三四五六七八九十]{{1,3}}[)）]|第[一二三四五六七八九十]{{1,3}}条)"
    rf"{_GAP}*[^\s，。；：,.;:、]{{2,12}}){_GAP}+(\S.{{9,}})$"
)


def split_spaced_structure(line: str) -> list[str]:
    """``题目 一、 会议组成 局党组会议由…`` → ``题目`` / ``一、会议组成`` / ``局党组会议由…``."""
    if not re.search(_GAP, line.strip()):
        return [line]
    out = []
    for piece in _SPACED_MARKER_RE.split(line.strip()):
        m = _HEADING_GAP_RE.match(piece)
        out += [m.group(1), m.group(2)] if m else [piece]
    return out


# ------------------------------------------------------------- pinyin
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_RE = re.compile(
    rf"(?<=[{HAN}])[(（]\s*([a-zü{_TONED}]{{1,7}}(?:\s+[a-zü{_TONED}]{{1,7}})*)\s*[)）]", re.IGNORECASE
)


def remove_pinyin_annotations(line: str) -> str:
    """``形態(tài)`` → ``形態``: a pinyin reading in brackets after a character.

    Only readings with a tone mark count, so ``(APP)`` or ``(qq)`` after Chinese stays.
    """
    return _PINYIN_RE.sub(
        lambda m: "" if any(ch in _TONED for ch in m.group(1).lower()) else m.group(0), line
    )


# ------------------------------------------------------------- Traditional
# In Traditional text 著 is also the particle 着 (随著, 存在著); OpenCC keeps 著, which is
# right only in words like 著作, 著名, 显著.
_ZHU_AFTER = set("作名称述录者书文有")
_ZHU_BEFORE = set("显卓土编原名巨专论遗新译合昭所撰大拙")


def _zhu_to_zhe(text: str) -> str:
    def pick(m: re.Match) -> str:
        i = m.start()
        keep = text[i + 1 : i + 2] in _ZHU_AFTER or text[i - 1 : i] in _ZHU_BEFORE
        return "著" if keep and i + 1 <= len(text) else "着"

    return re.sub("著", pick, text)


def to_simplified_text(text: str) -> tuple[str, bool]:
    """Traditional → Simplified (OpenCC t2s); returns (text, whether it was Traditional)."""
    converted = to_simplified(text)
    changed = sum(map(str.__ne__, text, converted))
    was_traditional = changed >= 3 and changed >= len(_HAN_RE.findall(text)) // 200
    if was_traditional:
        converted = _zhu_to_zhe(converted)
    return converted, was_traditional


# ------------------------------------------------------------- damage from encodings
# ``落实?。`` / ``部署??。``: characters the encoding lost, then the site's full stop
_LOST_MARKS_RE = re.compile(f"(?<=[{HAN}）)”。])(?:[?？]+(?=。$)|[?？]{{2,}}$)")
_DOUBLE_END_RE = re.compile(r"([：:；;，,。])[。.]+$")


def repair_line_ends(line: str) -> str:
    """Marks a site or encoding left at line ends: ``落实?。`` → ``落实。``, ``如下:。`` → ``如下:``."""
    line = _LOST_MARKS_RE.sub("", line)
    line = _DOUBLE_END_RE.sub(r"\1", line)
    return re.sub("。{2,}$", "。", line)


# ------------------------------------------------------------- punctuation
_URL_RE = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+|[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[A-Za-z.]+",
    re.IGNORECASE,
)
_SIMPLE = {",": "，", ";": "；", "!": "！", "?": "？", ":": "："}
_HALF_RE = re.compile(r"[,;!?:.]")


def fullwidth_punctuation(line: str) -> str:
    """Half-width ``,:;!?()"`` in Chinese text → full-width; numbers, URLs, Latin untouched."""
    pieces, last = [], 0
    for m in _URL_RE.finditer(line):
        pieces.append(_fullwidth(line[last : m.start()]))
        pieces.append(m.group(0))
        last = m.end()
    pieces.append(_fullwidth(line[last:]))
    return "".join(pieces)


def _is_cjk(ch: str | None) -> bool:
    return bool(ch) and _CJK_CONTEXT.match(ch) is not None


def _neighbours(s: str, i: int) -> tuple[str | None, str | None]:
    j = i - 1
    while j >= 0 and s[j] == " ":
        j -= 1
    k = i + 1
    while k < len(s) and s[k] == " ":
        k += 1
    return (s[j] if j >= 0 else None), (s[k] if k < len(s) else None)


def _fullwidth(s: str) -> str:
    if not s or not _HAN_RE.search(s):
        return s
    s = re.sub(r"(?<=[^\d.])\.{3,6}|^\.{3,6}", "……", s)
    chars = list(s)
    for m in _HALF_RE.finditer(s):
        i, ch = m.start(), m.group()
        if ch in _SIMPLE:
            before, after = _neighbours(s, i)
            if ch == ":" and before and after and before.isdigit() and after.isdigit():
                continue  # 10:30
            if ch == "," and before and after and before.isdigit() and after.isdigit():
                continue  # 1,000
            if _is_cjk(before) or _is_cjk(after) or (after is None and _is_cjk(before)):
                chars[i] = _SIMPLE[ch]
        elif ch == "." and i > 0 and _HAN_RE.match(s[i - 1]) and (i + 1 == len(s) or _is_cjk(s[i + 1])):
            chars[i] = "。"
    s = "".join(chars)
    s = _brackets(s)
    s = _quotes(s, '"', "“", "”")
    s = re.sub(r"(?<=[，。；：！？、])\s+|\s+(?=[，。；：！？、])", "", s)
    return s


def _brackets(s: str) -> str:
    out = list(s)
    stack: list[int] = []
    for i, ch in enumerate(s):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            inner = s[j + 1 : i]
            before = s[j - 1] if j else None
            if _HAN_RE.search(inner) or _is_cjk(before) or (j == 0 and re.fullmatch(r"\d{1,2}", inner)):
                out[j], out[i] = "（", "）"
    for j in stack:  # unmatched opening bracket in Chinese text
        if _is_cjk(s[j - 1] if j else None) or _is_cjk(s[j + 1] if j + 1 < len(s) else None):
            out[j] = "（"
    text = "".join(out)
    return re.sub(f"(?<=[{HAN}，。])\\)", "）", text)


def _quotes(s: str, mark: str, left: str, right: str) -> str:
    if mark not in s:
        return s
    out, opening = [], True
    for ch in s:
        if ch == mark:
            out.append(left if opening else right)
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


# ------------------------------------------------------------- boilerplate lines
_BOILERPLATE_RE = re.compile(
    "|".join(
        [
            r"小编",
            r"(?:仅|以)?供(?:大家|您|你)?(?:参考|借鉴|学习)",
            r"欢迎(?:大家|您)?(?:前来)?(?:参考|阅读|借鉴|查阅|下载|收藏|分享)",
            r"(?:一起|大家)来?看(?:一)?看吧",
            r"希望(?:对|能)(?:你|您|大家)有所帮助",
            r"(?:以下|下面)(?:是|为)?(?:本站|小编|我们|笔者|网友|编者)?(?:为大家|为你|为您)?(?:精心)?(?:整理|收集|搜集|精选|分享|推荐)",
            r"(?:点击|扫码|扫描二维码|长按)(?![率量数])[^，。]{0,12}(?:下载|查看|阅读|关注|获取)",
            r"(?:本文|文章|内容)(?:来源|转载|出处|由)",
            r"^\s*(?:来源|出处|作者|编辑|责任编辑|责编|原标题)\s*[:：]",
            r"版权(?:归|所有|声明)|免责声明|侵权(?:请)?联系",
            r"(?:相关|热门|精彩|猜你)(?:推荐|阅读|文章|喜欢)|推荐阅读",
            r"预览(?:已)?结束|剩余.{0,12}未读|(?:查看|阅读|展开)全文|(?:下载|获取)(?:完整|全文|word|文档)",
            r"(?:立即|免费)下载|文档(?:贡献者|格式)|VIP|会员(?:专享|免费)",
            r"写(?:范文|好范文|作文)的时候|优秀的?范文|范文(?:大全|网|参考)",
            r"^\s*(?:首页|当前位置|您的位置)\s*[>:：»]",
            r"^\s*(?:上一篇|下一篇|返回目录|返回列表|打印本页|关闭窗口)",
        ]
    ),
    re.IGNORECASE,
)


def is_boilerplate(line: str) -> bool:
    """A line a web site added around the document (banners, notices, introductions); a
    long paragraph of the document that happens to use such words is not one."""
    if len(line) > 160:
        return False
    return bool(_BOILERPLATE_RE.search(line)) or bool(re.fullmatch(r"\s*" + _URL_RE.pattern + r"\s*", line))


# ------------------------------------------------------------- text pasted mid-sentence
_PROMO_CORES = ("微信公众号", "公众号", "微信号", "文库", "范文网")
_SITE_SUFFIX = tuple("文网库吧站号家")


def find_insertions(lines: Iterable[str]) -> set[str]:
    """Strings a site pasted into the middle of sentences, found by their repetition.

    A promotional core word (公众号, 文库 …) preceded by a site name (``公文``, ``某某网``),
    between Chinese characters, in ≥ 2 places whose outer neighbours differ, is an
    insertion: a real phrase would keep its own neighbours.
    """
    text = "\n".join(lines)
    found: set[str] = set()
    for core in _PROMO_CORES:
        seen: dict[str, tuple[set[str], set[str], int]] = {}
        for m in re.finditer(re.escape(core), text):
            left, right = text[max(0, m.start() - 6) : m.start()], text[m.end() : m.end() + 1]
            if not (left and right and _HAN_RE.match(left[-1]) and _HAN_RE.match(right)):
                continue
            for k in range(1, min(4, len(left) - 1) + 1):
                key = left[-k:] + core
                outer, rights, n = seen.get(key, (set(), set(), 0))
                seen[key] = (outer | {left[-k - 1]}, rights | {right}, n + 1)
        good = {
            key: n
            for key, (outer, rights, n) in seen.items()
            if n >= 2 and len(outer) >= 2 and len(rights) >= 2 and key[: -len(core)].endswith(_SITE_SUFFIX)
        }
        for key, n in good.items():  # the longest site name wins over its own tail
            if not any(other != key and other.endswith(key) and good[other] >= n for other in good):
                found.add(key)
    return found


def remove_insertions(line: str, insertions: set[str]) -> str:
    for ins in insertions:
        line = re.sub(f"(?<=[{HAN}]){re.escape(ins)}(?=[{HAN}])", "", line)
    return line


_BRACKETED_PROMO_RE = re.compile(
    r"[（(【\[][^()（）【】\[\]]{0,40}(?:来源|转载|整理|关注|下载|公众号|微信|网址|http|www|版权)[^()（）【】\[\]]{0,40}[)）】\]]",
    re.IGNORECASE,
)


_INLINE_ELISION_RE = re.compile(r"[…\.·]{2,}\s*(?:略|此处省略|省略若干字?)\s*[…\.·]{2,}")


def remove_inline_promos(line: str) -> str:
    """Bracketed source notes and URLs inside a line: ``（来源：某某网）``, ``www.x.com``;
    a site's elision mark in the middle of a sentence (``……略……``)."""
    line = _INLINE_ELISION_RE.sub("", line)
    line = _BRACKETED_PROMO_RE.sub("", line)
    return _URL_RE.sub("", line) if _HAN_RE.search(line) else line


# ------------------------------------------------------------- duplicated title lines
def drop_duplicated_titles(lines: list[str]) -> list[str]:
    """A title repeated on the next line, maybe with a page number (``…发言1`` / ``…发言``)."""
    out: list[str] = []
    for line in lines:
        if out and len(line) <= 60:
            prev = out[-1]
            if prev == line or re.sub(r"[\d\s]+$", "", prev) == line or re.sub(r"[\d\s]+$", "", line) == prev:
                if len(line) >= len(prev) or line == prev:
                    continue  # keep the earlier copy
                out[-1] = line
                continue
        out.append(line)
    return out


# ------------------------------------------------------------- the pipeline
@dataclass
class Cleaned:
    lines: list[str]
    was_traditional: bool = False
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason) for the preview
    halfwidth: int = 0  # half-width punctuation marks made full-width


def clean_text_lines(lines: Iterable[str], keep: frozenset[str] = frozenset()) -> Cleaned:
    """All cleaning steps on the lines of one file, with the lines removed and why.

    Empty lines, boilerplate and page furniture are dropped (lines in ``keep`` — ones the
    user restored in the import preview — stay); every kept line is non-empty.
    """
    raw = [strip_jammer(normalize_characters(p)) for line in lines for p in split_spaced_structure(line)]
    raw = [remove_pinyin_annotations(line) for line in raw if line]
    text, was_traditional = to_simplified_text("\n".join(raw))
    out: list[str] = []
    removed: list[tuple[str, str]] = []
    halfwidth = 0
    for line in text.split("\n"):
        if line in keep:
            out.append(line)
            continue
        reason = "网站附加内容" if is_boilerplate(line) else junk_reason(line)
        if reason:
            removed.append((line, reason))
            continue
        line = repair_line_ends(remove_inline_promos(line))
        full = fullwidth_punctuation(line)
        if full != line:
            halfwidth += sum(a != b for a, b in zip(line, full, strict=False)) or 1
        if full.strip():
            out.append(full.strip())
    insertions = find_insertions(out)
    if insertions:
        out = [remove_insertions(line, insertions) for line in out]
    head = set(out[:12])
    repeats = repeated_lines(out, lambda line: line in head or line in keep or bool(parse_marker(line)))
    if repeats:
        removed += [(line, "多处重复的网页内容") for line in out if line in repeats]
        out = [line for line in out if line not in repeats]
    return Cleaned(drop_duplicated_titles(out), was_traditional, removed, halfwidth)


def clean_lines(lines: Iterable[str]) -> tuple[list[str], bool]:
    """All cleaning steps on the lines of one file; returns (lines, was_traditional)."""
    cleaned = clean_text_lines(lines)
    return cleaned.lines, cleaned.was_traditional
