"""Page furniture: the lines a web page, a document viewer or a PDF extractor put around
and inside a document, recognised by their shape rather than by their words alone.

Each rule names a kind of line every such site produces — a publication/meta line
(``发布时间：… 浏览次数：…``), a navigation bar (many short words and no sentence), a
breadcrumb (``首页 > … >``), a page counter (``第1页 / 共23页``), a file-name line
(``….docx``), an image caption (``图 1 …``), a byline (``文/某某``), an anti-copy jammer
string (``4 K2 |( l& v3``), an ICP/footer line, a button row (``打印此文 关闭窗口``) — so that
it holds on pages nobody has seen.  :func:`junk_reason` says why a line is furniture
(the import preview shows it), or None for a line of the document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from ideodesk.core.text import HAN_RE

# ------------------------------------------------------------------ meta lines
# Field names of the publication/metadata lines of news sites, document libraries and
# government information-disclosure tables.
_META_KEYS = (
    "发布时间|发布日期|更新时间|上传时间|发表时间|来源|信息来源|文章来源|出处|作者|编辑|责任编辑|"
    "责编|浏览|浏览次数|浏览量|阅读|阅读量|阅读数|点击|点击数|点击量|访问量|字号|字体|索引号|发文机关|"
    "主题分类|分类|标\\s*题|文章标题|上传人|文档编号|格式|页数|大小|关键词|成文日期|发文字号|所属栏目|栏目|"
    "文号|有效性|体裁|审核|供稿|摄影|撰稿|投稿"
)
_META_FIELD_RE = re.compile(
    rf"(?:^|[\s【\[|•·])(?:{_META_KEYS})\s*[:：]|(?:浏览|点击|阅读)(?:次数|量|数)?\s*[:：]?\s*\d*\s*次"
)
_META_KEY_RE = re.compile(_META_KEYS)
_META_TABLE_RE = re.compile(rf"(?:^|\s)(?:{_META_KEYS})(?:\s{{1,}}|[:：])\S")
_DATETIME_RE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}(?::\d{2})?")
_ISO_DATE_RE = re.compile(r"(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)")
_ISSUE_RE = re.compile(r"\d{4}\s*年\s*(?:第\s*)?\d{1,2}\s*期$")  # a journal's issue line
_COUNTER_RE = re.compile(
    r"第\s*\d+\s*页\s*[/／,，]?\s*共\s*\d+\s*页|[\[［【(（]?\s*(?:此文|全文|本文)共\s*\d+\s*字|当前显示\s*\d+\s*字|"
    r"\d+(?:\.\d+)?\s*[Ww万]\s*(?:次|阅读|浏览)?$|^\d+\s*(?:次)?(?:阅读|浏览|点赞|收藏|评论)$"
)
_FOOTER_RE = re.compile(
    r"ICP\s*备|ICP证|公网安备|网安备|版权所有|Copyright|©|技术支持[:：]|主办单位[:：]|承办单位[:：]|"
    r"举报电话|400-\d{3}-\d{4}|邮编[:：]",
    re.IGNORECASE,
)
_FILE_NAME_RE = re.compile(r"\.(?:docx?|wps|pdf|txt|pptx?|xlsx?)(?:VIP|_第\d+页)?\s*$", re.IGNORECASE)
_CAPTION_RE = re.compile(
    r"^(?:图|图片|照片)\s*\d{1,3}\s*[:：．.、]?\s*\S.{0,30}$|^(?:文|图|摄影?|编辑|来源)\s*[/／]\s*\S{1,12}$"
)
# Buttons and links of a page: what is left of a line once they are taken out is nothing.
_BUTTONS = (
    "打印此文|打印本页|打印|关闭窗口|关闭|收藏本页|收藏|加入收藏|分享到|分享|举报|下载|立即下载|免费下载|"
    "点击下载|相关|上一篇|下一篇|返回顶部|返回首页|返回列表|返回|查看更多|更多|正文复制|复制|登录|注册|"
    "购物车|我的足迹|我的|APP下载|手机版|移动版|电脑版|扫一扫|二维码|字体|大|中|小|默认|评论|点赞|"
    "纠错|打赏|投诉|在线咨询|客服|首页|开通VIP|VIP|加入Vip|立即了解|了解更多|全文|阅读全文|资源描述|资源|"
    "文档描述|内容简介"
)
_BUTTON_RE = re.compile(f"(?:{_BUTTONS})", re.IGNORECASE)
_PAYWALL_RE = re.compile(
    "试读结束|登录后(?:查看|阅读|下载|继续)?|请先登录|您需要先登录|开通(?:VIP|会员)|(?:VIP|会员)(?:查看|下载|免费)|"
    "未完[，,]|全文共\\s*\\d+\\s*字|阅读全部|请认真阅读下面的提示|受限删改|全篇共享|定制代笔|扫码联系|"
    "剩余\\s*\\d+\\s*(?:字|页)|付费(?:阅读|下载)|下载(?:本文档|完整版|全文)|侵权必究|版权申诉|"
    "请(?:在|到|上).{1,10}(?:搜索|下载)",
    re.IGNORECASE,
)
# A site's elision mark (……略……, ……。), not the bare …… a template or a clerk uses for "more".
_ELISION_RE = re.compile(r"^[…\.·、—\s]*(?:(?:略|此处省略|省略)[…\.。·、—\s]*|。)$")
_SENTENCE_RE = re.compile("[。！？；]")
# Jammer strings of forum software (Discuz "anti-copy"): runs of ASCII tokens of one to
# three characters, many of them punctuation (``4 K2 |( l& v3 [9``), glued to real text.
_ASCII_RUN_RE = re.compile(r"[\x21-\x7e][\x20-\x7e]*")
_ASCII_PUNCT_RE = re.compile(r"[!-/:-@\[-`{-~]")


def _is_jammer(run: str) -> bool:
    tokens = run.split()
    return (
        len(tokens) >= 4
        and all(len(t) <= 3 for t in tokens)
        and sum(bool(_ASCII_PUNCT_RE.search(t)) for t in tokens) >= max(2, len(tokens) // 3)
    )


def strip_jammer(line: str) -> str:
    """Remove anti-copy jammer runs glued to the start, the end or the middle of a line."""
    if not _ASCII_PUNCT_RE.search(line):
        return line
    out = _ASCII_RUN_RE.sub(lambda m: " " if _is_jammer(m.group()) else m.group(), line)
    return out.strip() if out != line else line


def _is_meta(line: str) -> bool:
    short = len(line) <= 120 and not re.search("。.{8,}", line)
    if not short:
        return False
    fields = len(_META_FIELD_RE.findall(line)) + len(_META_TABLE_RE.findall(line))
    if len(set(_META_KEY_RE.findall(line))) >= 3 and "。" not in line:
        return True  # a metadata table flattened to one line (索引号…发文机关…成文日期…)
    if _ISSUE_RE.search(line) and len(line) <= 30:
        return True
    if fields >= 2 or (fields == 1 and (_DATETIME_RE.search(line) or _ISO_DATE_RE.search(line))):
        return True
    if _META_FIELD_RE.match(line.strip()) and len(line) <= 60 and not _SENTENCE_RE.search(line):
        return True
    stamp = _DATETIME_RE.search(line) or _ISO_DATE_RE.search(line)
    return bool(stamp) and len(HAN_RE.findall(line)) <= 12 and not _SENTENCE_RE.search(line)


def _is_nav(line: str) -> bool:
    """A menu bar or a tab row: many short words without a sentence, or a breadcrumb."""
    if line.count(">") + line.count("»") + line.count("＞") >= 2 and len(line) <= 120:
        return True
    if _SENTENCE_RE.search(line) or "，" in line:
        return False
    words = line.replace("•", " ").replace("|", " ").replace("·", " ").split()
    if len(words) >= 5 and all(len(w) <= 6 for w in words):
        return True
    return line.lstrip().startswith(("•", "·")) and len(line) <= 40


def _is_buttons(line: str) -> bool:
    if len(line) > 40 or _SENTENCE_RE.search(line[:-1]):
        return False
    rest = _BUTTON_RE.sub("", line)
    rest = re.sub(r"[\s\[\]【】()（）|｜:：,，!！>»/·•\-_]+", "", rest)
    return len(rest) <= 1 and rest != line


def _is_garbage(line: str) -> bool:
    """Mostly ASCII punctuation and lone letters: jammer strings, broken encodings."""
    visible = line.replace(" ", "")
    if not visible:
        return False
    han = len(HAN_RE.findall(visible))
    punct = len(re.findall(r"[!-/:-@\[-`{-~]", visible))
    return han <= len(visible) * 0.2 and punct >= 3 and punct >= len(visible) * 0.25


def _is_table_fragment(line: str) -> bool:
    """A cell of a table flattened to text: ``姓名 |``, ``| 性别 |``."""
    return bool(re.fullmatch(r"\|?\s*[^|。，]{1,12}\s*\|(?:\s*[^|。，]{0,12}\s*\|)*\s*", line))


@lru_cache(maxsize=8192)
def junk_reason(line: str) -> str | None:
    """Why a line is page furniture (a short Chinese label), or None for document text."""
    line = line.strip()
    if not line:
        return None
    if len(line) > 160:  # every rule but the jammer's is about short lines
        return "乱码或防复制字符" if _is_garbage(line) else None
    checks = (
        (_is_garbage, "乱码或防复制字符"),
        (lambda s: bool(_COUNTER_RE.search(s)) and len(s) <= 40, "页码或计数"),
        (lambda s: bool(_FOOTER_RE.search(s)) and len(s) <= 160, "网站页脚"),
        (lambda s: bool(_PAYWALL_RE.search(s)) and len(s) <= 80, "付费或登录提示"),
        (_is_meta, "发布信息"),
        (_is_nav, "导航栏"),
        (_is_buttons, "网页按钮"),
        (lambda s: bool(_FILE_NAME_RE.search(s)) and len(s) <= 80, "文件名"),
        (lambda s: bool(_CAPTION_RE.match(s)), "图片说明或署名"),
        (lambda s: bool(_ELISION_RE.match(s)) and len(s) >= 2, "省略号"),
        (_is_table_fragment, "表格残片"),
    )
    for test, reason in checks:
        if test(line):
            return reason
    return None


def repeated_lines(lines: Iterable[str], protected: Callable[[str], bool] = lambda _: False) -> set[str]:
    """Short lines a page repeats through the text (promotion slogans, site names).

    A line seen three or more times, or twice far apart, that is not a sentence and not a
    heading-like line of the document (``protected``), is furniture; a title repeated at
    the top is handled by the title logic and is not counted here.
    """
    lines = list(lines)
    counts = Counter(lines)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, line in enumerate(lines):
        first.setdefault(line, i)
        last[line] = i
    out: set[str] = set()
    for line, n in counts.items():
        if n < 2 or len(line) > 40 or _SENTENCE_RE.search(line) or protected(line):
            continue
        if n >= 3 or last[line] - first[line] > 8:
            out.add(line)
    return out
