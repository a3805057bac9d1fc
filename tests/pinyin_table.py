"""Generating ``resources/pinyin_initials.txt`` from pypinyin (a development tool, in the
test extra: the app only reads the table).

    python -m tests.pinyin_table      # rewrites the table; tests check it is current
"""

from __future__ import annotations

import sys

from ideodesk.core.pinyin import MULTI, RANGES, table_path


def build_table() -> str:
    """The resource file's content, from pypinyin (a development-time dependency here)."""
    from pypinyin import Style, lazy_pinyin, pinyin

    by_letter: dict[str, list[str]] = {}
    by_letters: dict[str, list[str]] = {}
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            try:
                first = lazy_pinyin(ch, style=Style.FIRST_LETTER, errors=lambda _s: [""])[0]
            except IndexError:  # a character listed with an empty reading
                continue
            if first.isascii() and first.isalpha():
                by_letter.setdefault(first.lower(), []).append(ch)
            readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
            letters = {
                r[0].lower() for group in readings for r in group if r and r[0].isascii() and r[0].isalpha()
            }
            if len(letters) > 1:
                by_letters.setdefault("".join(sorted(letters)), []).append(ch)
    lines = [
        "# 汉字拼音首字母表：每行“字母 汉字……”，取最常用读音的首字母；",
        "# “*字母们 汉字……”行列出各读音首字母不同的多音字（长 → cz），供“党w”这类字母缺字匹配。",
        "# 由 pypinyin 的字典生成（python -m tests.pinyin_table），请勿手工修改；",
        "# 多音字按语境改读的规则见 ideodesk/core/pinyin.py 的 CONTEXT。",
    ]
    lines += [f"{letter} {''.join(chars)}" for letter, chars in sorted(by_letter.items())]
    lines += [f"{MULTI}{letters} {''.join(chars)}" for letters, chars in sorted(by_letters.items())]
    return "\n".join(lines) + "\n"


def contextual(text: str) -> str:
    """pypinyin's own contextual initials (what :func:`initials` is checked against)."""
    from pypinyin import Style, lazy_pinyin

    items = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda s: list(s))
    return "".join(i.lower() for i in items if i.isascii() and i.isalnum())


if __name__ == "__main__":  # pragma: no cover - maintenance
    table_path().write_text(build_table(), encoding="utf-8")
    print(f"wrote {table_path()}", file=sys.stderr)
