"""CLI subcommands, one module each: ``register(subparsers)`` adds the parser and sets
``func``; the function returns an exit code.  Shared helpers live in ``common``."""

from __future__ import annotations

import argparse

EXIT_ERROR = 2

_ARGPARSE_ZH = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "无效的选项："),
    ("expected one argument", "需要一个值"),
    ("invalid int value: ", "应为整数："),
    ("choose from ", "可选 "),
    ("argument ", "参数 "),
)


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one Chinese line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        for en, zh in _ARGPARSE_ZH:
            message = message.replace(en, zh)
        self.exit(EXIT_ERROR, f"ideodesk：命令参数错误：{message}（用 --help 查看用法）\n")
