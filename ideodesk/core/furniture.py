"""Document furniture (GB/T 9704 §7.2–7.4): the 版头 of a 文件, 附件说明, 附注, the 版记
and the seal variant of the 落款 — typed fields of a draft, validated, each genre
offering the ones it uses.

Stored in the draft JSON under ``"furniture"`` (an extra key the contract allows); a
draft without it has none.  Values are kept as typed; :func:`check` says what is wrong
with them in Chinese, and :func:`normalise_doc_number` writes 发文字号 brackets as 〔〕.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

SECRECY_LEVELS = ("绝密", "机密", "秘密")
URGENCY_LEVELS = ("特急", "加急")

# Field id → label, in the order a form shows them.
LABELS = {
    "copy_number": "份号",
    "secrecy": "密级和保密期限",
    "urgency": "紧急程度",
    "issuer_mark": "发文机关标志",
    "doc_number": "发文字号",
    "signers": "签发人",
    "attachments": "附件",
    "note": "附注",
    "cc": "抄送机关",
    "printer": "印发机关",
    "print_date": "印发日期",
    "seal": "加盖印章",
}
LIST_FIELDS = ("signers", "attachments")
BOOL_FIELDS = ("seal",)

_DOC_NUMBER_RE = re.compile(r"(.+?)\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*第?0*(\d+)\s*号")
_DOC_NUMBER_OK = re.compile(r"\S+〔\d{4}〕[1-9]\d*号")


@dataclass
class Furniture:
    copy_number: str = ""  # 份号, up to six Arabic numerals
    secrecy: str = ""  # 密级和保密期限: 秘密★1年
    urgency: str = ""  # 紧急程度: 特急 / 加急
    issuer_mark: str = ""  # 发文机关标志: 中共某县委宣传部文件
    doc_number: str = ""  # 发文字号: 某宣发〔2026〕3号
    signers: list[str] = field(default_factory=list)  # 签发人 (上行文)
    attachments: list[str] = field(default_factory=list)  # 附件 names, in order
    note: str = ""  # 附注 (without its brackets)
    cc: str = ""  # 抄送机关
    printer: str = ""  # 印发机关
    print_date: str = ""  # 印发日期
    seal: bool = False  # 加盖印章: the 落款 of a sealed document

    def is_empty(self) -> bool:
        return self == Furniture()

    def to_dict(self) -> dict:
        """The fields that are set (an empty value is left out of the JSON)."""
        return {
            f.name: list(v) if isinstance(v, list) else v
            for f in fields(self)
            if (v := getattr(self, f.name))
        }

    @property
    def has_head(self) -> bool:
        """A 版头 is set when there is a 发文机关标志."""
        return bool(self.issuer_mark.strip())

    @property
    def has_record(self) -> bool:
        """A 版记 is set when there is a 抄送 or a 印发机关."""
        return bool(self.cc.strip() or self.printer.strip())


def normalise_doc_number(text: str) -> str:
    """``某宣发[2026]03号`` or ``某宣发（2026）3号`` → ``某宣发〔2026〕3号``; anything else as is."""
    m = _DOC_NUMBER_RE.fullmatch(text.strip())
    if not m:
        return text.strip()
    return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"


def check(furniture: Furniture) -> list[tuple[str, str]]:
    """(field, reason) for each value that an office would not issue."""
    problems = []
    f = furniture
    if f.copy_number and not (
        f.copy_number.isascii() and f.copy_number.isdigit() and len(f.copy_number) <= 6
    ):
        problems.append(("copy_number", "份号应为不超过 6 位的阿拉伯数字"))
    if f.secrecy and not f.secrecy.startswith(SECRECY_LEVELS):
        problems.append(("secrecy", f"密级应为{'、'.join(SECRECY_LEVELS)}之一（可加 ★ 和保密期限）"))
    if f.urgency and f.urgency not in URGENCY_LEVELS:
        problems.append(("urgency", f"紧急程度应为{'、'.join(URGENCY_LEVELS)}之一"))
    if f.doc_number and not _DOC_NUMBER_OK.fullmatch(normalise_doc_number(f.doc_number)):
        problems.append(("doc_number", "发文字号应为 机关代字〔年份〕序号号，如 某宣发〔2026〕3号"))
    if f.signers and not f.issuer_mark:
        problems.append(("signers", "签发人只用于有版头的上行文，请先填写发文机关标志"))
    if f.print_date and not f.printer:
        problems.append(("print_date", "有印发日期时须填写印发机关"))
    return problems
