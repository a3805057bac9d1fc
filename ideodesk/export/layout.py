"""The GB/T 9704-2012 page layout as numbers, and the two font profiles (DESIGN §6).

Everything is in Word's own units so the writer never converts: twips (1/20 pt) for
lengths, half-points for font sizes.  The figures are chosen so that Word and
LibreOffice both lay out exactly 22 lines of 28 characters in the 156 × 225 mm block.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from ideodesk.errors import IdeoError

TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4


def mm(value: float) -> int:
    """Millimetres to whole twips (Word stores page geometry as integers)."""
    return round(value * TWIPS_PER_MM)


# --------------------------------------------------------------------- page
PAGE_WIDTH = 11906  # A4, 210 mm (Word's own value for A4)
PAGE_HEIGHT = 16838  # 297 mm
MARGIN_TOP = mm(37)
MARGIN_BOTTOM = mm(35)
MARGIN_LEFT = mm(28)
MARGIN_RIGHT = mm(26)
BLOCK_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 156 mm
BLOCK_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 225 mm

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# ------------------------------------------------------------------ type sizes
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号

# Exact line spacing: 22 × 28.95 pt fits the 225 mm block, 22 × 29 pt does not (21 lines).
LINE_PITCH = 579  # twips = 28.95 pt

# 28 characters of 16 pt are 448 pt, the block is 442.2 pt wide: every character gives
# up 0.25 pt (28 × 15.75 = 441 pt fits, 29 do not).  A character squeeze instead of a
# character grid, because a negative w:charSpace breaks LibreOffice's layout.
CHAR_SPACING = -5  # twentieths of a point, on every run
CHAR_PITCH = BODY_PT * TWIPS_PER_PT + CHAR_SPACING  # 315 twips = 15.75 pt

# The title keeps 正文's squeeze: 22 pt characters at 21.75 pt, 20 to a line.
TITLE_CHAR_PITCH = TITLE_PT * TWIPS_PER_PT + CHAR_SPACING
TITLE_CHARS_PER_LINE = BLOCK_WIDTH // TITLE_CHAR_PITCH

# Indents are "characters" of the body size (Word's *Chars attributes are in 1/100 char).
BODY_CHAR = BODY_PT * TWIPS_PER_PT  # 320 twips
FIRST_LINE_INDENT_CHARS = 2
SIGNATURE_RIGHT_CHARS = 2  # 署名右空二字
DATE_SHIFT_CHARS = 2  # 成文日期首字比署名首字右移二字
PAGE_NUMBER_INDENT = PAGE_NUMBER_PT * TWIPS_PER_PT  # one 四号 character: 280 twips

# The page number's dash sits 7 mm below the text block: with a one-line footer of
# exactly 14 pt, the em box's middle (where a CJK "—" is drawn) lies 7 pt above the
# footer's bottom edge, which Word and LibreOffice place at w:footer from the page edge.
PAGE_NUMBER_DASH_BELOW_BLOCK_MM = 7
FOOTER_DISTANCE = MARGIN_BOTTOM - mm(PAGE_NUMBER_DASH_BELOW_BLOCK_MM) - PAGE_NUMBER_PT * TWIPS_PER_PT // 2
HEADER_DISTANCE = mm(15)


def _check_grid() -> None:
    # The whole point of the numbers above; cheap enough to verify at import.
    assert LINES_PER_PAGE * LINE_PITCH <= BLOCK_HEIGHT < (LINES_PER_PAGE + 1) * LINE_PITCH
    assert CHARS_PER_LINE * CHAR_PITCH <= BLOCK_WIDTH < (CHARS_PER_LINE + 1) * CHAR_PITCH


_check_grid()


# -------------------------------------------------------------------- fonts
@dataclass(frozen=True)
class FontProfile:
    """Which installed font plays each role.  Names are what Word shows in its font box."""

    id: str
    label: str
    body: str
    title: str
    headings: tuple[str, str, str, str]  # levels 1–4
    page_number: str
    title_bold: bool = False  # synthesise the weight of 小标宋 when only 宋体 is there
    latin: str | None = None  # digits and Latin letters in this font (else the role's font)


FONT_PROFILES: dict[str, FontProfile] = {
    p.id: p
    for p in (
        FontProfile(
            "gb2312",
            "GB2312 字体（仿宋_GB2312、楷体_GB2312、方正小标宋简体）",
            body="仿宋_GB2312",
            title="方正小标宋简体",
            headings=("黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"),
            page_number="宋体",
        ),
        FontProfile(
            "windows",
            "Windows 自带字体（仿宋、楷体、黑体、宋体）",
            body="仿宋",
            title="宋体",
            headings=("黑体", "楷体", "仿宋", "仿宋"),
            page_number="宋体",
            title_bold=True,
        ),
    )
}
# The same two with digits and Latin letters in Times New Roman, as many offices ask.
for _base in list(FONT_PROFILES.values()):
    FONT_PROFILES[f"{_base.id}-tnr"] = replace(
        _base,
        id=f"{_base.id}-tnr",
        label=_base.label + "，数字和字母用 Times New Roman",
        latin="Times New Roman",
    )

# What Word may use when a GB2312-era font is missing (written to the font table as
# w:altName) — the same face under the name Windows ships it with.
ALT_FONT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}


def font_profile(profile_id: str) -> FontProfile:
    try:
        return FONT_PROFILES[profile_id]
    except KeyError:
        choices = "、".join(FONT_PROFILES)
        raise IdeoError(f"未知的字体方案 {profile_id!r}，可选：{choices}") from None


# ---------------------------------------------------------- text measurement
def text_width_chars(text: str) -> float:
    """Width of ``text`` in body characters: CJK and full-width forms 1, the rest ½.

    GB2312 fonts draw Latin letters and Arabic numerals half-width; that is all the
    writer needs to place the date under the signature.
    """
    width = 0.0
    for ch in text:
        width += 1.0 if unicodedata.east_asian_width(ch) in "FWA" else 0.5
    return width


def signature_columns(issuer: str, date: str) -> tuple[float, float]:
    """Where the signature line and the date line start, in characters from the left
    edge of the text block.

    GB/T 9704 §7.3.5.2: the signature sits 右空二字; the date goes on the next line with
    its first character two characters right of the signature's first character.  When
    that would push the date past 右空二字, the date is set 右空二字 and the signature
    moves left to keep the two-character step.  Left positions rather than right
    alignment: the date's first character then lands exactly, whatever width a
    renderer gives its digits.
    """
    end = CHARS_PER_LINE - SIGNATURE_RIGHT_CHARS
    issuer_start = end - text_width_chars(issuer)
    date_start = issuer_start + DATE_SHIFT_CHARS
    overrun = date_start + text_width_chars(date) - end
    if overrun > 0:
        issuer_start -= overrun
        date_start -= overrun
    if issuer_start < 0:  # a signature longer than a line: it wraps from the left edge
        issuer_start, date_start = 0.0, float(DATE_SHIFT_CHARS)
    return issuer_start, max(date_start, 0.0)


@dataclass(frozen=True)
class SignatureGeometry:
    """Paragraph settings of the 署名 and 成文日期 lines (twips; None: the style's)."""

    issuer_left: int | None = None
    issuer_right: int | None = None
    issuer_jc: str | None = None
    squeeze: int | None = None  # character spacing of a 署名 tightened onto its line
    date_left: int | None = None
    date_right: int | None = None
    date_jc: str | None = None


SEAL_DATE_RIGHT_CHARS = 4  # 加盖印章: 成文日期右空四字


def seal_geometry(issuer: str, date: str) -> SignatureGeometry:
    """GB/T 9704 §7.3.5.1: the date 右空四字, the 署名 centred over the date."""
    right = SEAL_DATE_RIGHT_CHARS * CHAR_PITCH
    shift = (text_width_chars(date) - text_width_chars(issuer)) / 2 * CHAR_PITCH
    return SignatureGeometry(
        issuer_left=0, issuer_right=max(0, round(right + shift)), issuer_jc="right",
        date_left=0, date_right=right, date_jc="right",
    )  # fmt: skip


def signature_geometry(issuer: str, date: str) -> SignatureGeometry:
    """Where the 署名 and the date go (GB/T 9704 §7.3.5.2).

    A 署名 that fits right of the text gets the left positions of
    :func:`signature_columns`.  A longer one is never wrapped from the left margin: a
    single line up to the squeeze limit is tightened to end 右空二字; one broken into
    lines (by the arranger) is right-aligned 右空二字, and the date with it.
    """
    lines = issuer.split("\n")
    end = CHARS_PER_LINE - SIGNATURE_RIGHT_CHARS
    if len(lines) == 1 and text_width_chars(issuer) <= end:
        issuer_at, date_at = signature_columns(issuer, date)
        return SignatureGeometry(
            issuer_left=round(issuer_at * CHAR_PITCH), date_left=round(date_at * CHAR_PITCH)
        )
    right = SIGNATURE_RIGHT_CHARS * CHAR_PITCH
    squeeze = None
    if len(lines) == 1:
        natural = round(text_width_chars(issuer) * BODY_CHAR)
        squeeze = (end * CHAR_PITCH - natural) // len(issuer)
    return SignatureGeometry(
        issuer_left=0, issuer_right=right, issuer_jc="right", squeeze=squeeze,
        date_left=0, date_right=right, date_jc="right",
    )  # fmt: skip
