"""Chinese word segmentation (jieba), loaded lazily and never on the start path.

jieba costs about a second and tens of MB to load, so nothing here imports it until
:func:`cut` (or :func:`preload`, which a GUI runs on a worker thread when idle) needs
it.  Its model cache and temporary files go to one fixed per-user folder (the data
folder's ``cache/``): in a frozen app jieba's default temp location changes every run,
which would rebuild the cache every start.  The user dictionary in ``resources/`` keeps
the genre's set terms whole (两个维护, 四个意识, 意识形态工作责任制 …).
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ideodesk import resources_dir
from ideodesk.core.text import HAN

if TYPE_CHECKING:
    import jieba

USERDICT_NAME = "jieba_userdict.txt"

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_cache_dir: Path | None = None
_preloading = False

# Words that carry no meaning for keyword matching in this genre.
_STOPWORDS_TEXT = """
的 了 和 与 及 以及 等 在 是 把 对 为 以 将 要 从 向 于 由 被 并 而 或 也 都 就 还 又 中 上 下
我们 你们 他们 我 你 他 其 这 那 这些 那些 一些 一个 各 各项 有关 相关 进行 开展 做好 工作
方面 问题 情况 进一步 不断 切实 认真 努力 积极 全面 深入 持续 着力 大力 更加 一是 二是 三是 四是 五是
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_WORD_RE = re.compile(f"[{HAN}A-Za-z0-9]")


def set_cache_dir(path: Path) -> None:
    """Where jieba keeps its cache; takes effect when it is loaded (later calls win)."""
    global _cache_dir
    with _lock:
        _cache_dir = Path(path)


def userdict_path() -> Path:
    return resources_dir() / USERDICT_NAME


def user_terms() -> list[str]:
    """The terms of the user dictionary, read without loading jieba."""
    terms = []
    for line in userdict_path().read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append(line.split()[0])
    return terms


def is_loaded() -> bool:
    return _tokenizer is not None


def preload() -> None:
    """Load jieba now (call from a background thread so typing never waits on it)."""
    _get()


def preload_in_background() -> None:
    """Start loading jieba on a thread of its own (once), without waiting for it."""
    global _preloading
    with _lock:
        if _tokenizer is not None or _preloading:
            return
        _preloading = True
    import threading

    threading.Thread(target=_get, name="ideodesk-jieba", daemon=True).start()


def _get() -> jieba.Tokenizer:
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            _tokenizer = _load(_cache_dir)
    return _tokenizer


def _load(cache_dir: Path | None) -> jieba.Tokenizer:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its progress notes would land on the CLI's stderr
    tk = jieba.Tokenizer()
    if cache_dir is None:  # the bank sets the data folder's; else one fixed folder here
        import tempfile

        cache_dir = Path(tempfile.gettempdir()) / "ideodesk-cache"
    try:
        if cache_dir.parent.is_dir():  # a reader must not create a data folder for a cache
            cache_dir.mkdir(exist_ok=True)
            tk.tmp_dir = str(cache_dir)
            tk.cache_file = str(cache_dir / "jieba.cache")
    except OSError:
        pass  # no cache folder: jieba falls back to the system temp folder
    tk.initialize()
    # The user dictionary, parsed here rather than by jieba.load_userdict, so a comment
    # line or a BOM never becomes a word.
    for line in userdict_path().read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tk.add_word(parts[0], freq, parts[2] if len(parts) > 2 else None)
    return tk


def cut(text: str) -> list[str]:
    """The words of ``text`` (punctuation and spaces included, as jieba returns them)."""
    return list(_get().cut(text))


def keywords(text: str) -> list[str]:
    """Content words of ``text`` in order: no punctuation, no stop words, no single
    characters (too common to narrow a search)."""
    out = []
    for w in cut(text):
        w = w.strip()
        if len(w) >= 2 and w not in STOPWORDS and _WORD_RE.search(w):
            out.append(w)
    return out
