"""Simplified/Traditional conversion through OpenCC, one cached converter per config.

Configs used by the app: ``t2s`` (import, checks), ``s2t``, ``s2tw``, ``s2hk`` (export).
"""

from __future__ import annotations

from functools import cache

CONFIGS = ("t2s", "s2t", "s2tw", "s2hk", "s2twp", "tw2s", "hk2s")


@cache
def _converter(config: str):
    import opencc  # the C++ library with its dictionaries, loaded on first use

    if config not in CONFIGS:
        raise ValueError(f"unknown OpenCC config {config!r}")
    return opencc.OpenCC(config)


def convert(text: str, config: str) -> str:
    return _converter(config).convert(text) if text else text


def to_simplified(text: str) -> str:
    return convert(text, "t2s")
