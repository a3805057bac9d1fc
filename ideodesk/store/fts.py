"""Chinese full-text search terms for FTS5: overlapping character bigrams.

FTS5's trigram tokenizer finds nothing for 1–2 character queries and unicode61 sees a
whole run of Chinese as one token.  So the store indexes every run of Han characters as
its bigrams plus the run's last character (``防汛工作`` → ``防汛 汛工 工作 作``) under
unicode61.  A query run becomes the phrase of its bigrams, which matches exactly where
the run occurs as a substring; a single character becomes a prefix query.  Other words
(Latin, digits) are indexed as words and matched by prefix.
"""

from __future__ import annotations

import re

from ideodesk.core.text import HAN

_HAN = HAN
_TERM_RE = re.compile(rf"([{_HAN}]+)|([^\W_{_HAN}]+)")


def index_terms(text: str) -> str:
    """The text as space-separated index terms."""
    out: list[str] = []
    for han, word in _TERM_RE.findall(text):
        if han:
            out.extend(han[i : i + 2] for i in range(len(han) - 1))
            out.append(han[-1])
        else:
            out.append(word.lower())
    return " ".join(out)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression finding every text that contains each query word.

    Words separated by spaces or punctuation must all occur (in any order); a run of
    Han characters must occur exactly as typed.  None when the query has no words.
    """
    parts: list[str] = []
    for han, word in _TERM_RE.findall(query):
        if han and len(han) == 1:
            parts.append(f'"{han}"*')
        elif han:
            parts.append('"' + " ".join(han[i : i + 2] for i in range(len(han) - 1)) + '"')
        else:
            parts.append(f'"{word.lower()}"*')
    return " AND ".join(parts) if parts else None
