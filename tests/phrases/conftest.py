"""Fixtures for the phrase bank: a small curated bank, the shipped one compiled once, a
generated bank big enough for the dense lookup paths, and a fixed clock."""

from __future__ import annotations

import datetime as dt
import random
import re
import sqlite3
from pathlib import Path

import pytest

from ideodesk.core.genres import GENRES
from ideodesk.core.sections import SECTION_TYPES
from ideodesk.phrases import finder as finder_mod
from ideodesk.phrases import index as index_mod
from ideodesk.phrases.bank import PhraseBank
from ideodesk.phrases.bankfiles import default_bank_dir
from ideodesk.phrases.model import KINDS, NewPhrase, norm_key

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.timezone.utc)

SMALL_BANK = {
    "measures": """
[heading]
持续深化理论武装，筑牢思想根基
强化阵地管理，守牢主责主业

[formulation]
牢牢掌握意识形态工作领导权 | also=requirements
深入学习贯彻党的二十大精神 | from=2022-10-22
加强网络意识形态阵地建设

[sentence]
坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务。

[transition]
下一步，我们将重点抓好以下几个方面的工作：
""",
    "problems": """
[heading]
理论学习的深度还不够
网络阵地管理有待加强

[sentence]
对意识形态工作重要性的认识还不够到位。

[transition]
在肯定成绩的同时，我们也要清醒地看到存在的问题和不足。
""",
    "general": """
[formulation]
习近平新时代中国特色社会主义思想
党的十九大精神 | until=2022-10-22
特此通知 | genres=notice
""",
}


class Clock:
    """A settable clock: ``clock.now`` is what the bank sees."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now = self.now + dt.timedelta(**delta)


def write_bank(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, body in files.items():
        (folder / (name if name.endswith(".txt") else f"{name}.txt")).write_text(
            body.lstrip(), encoding="utf-8"
        )
    return folder


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def small_bank_dir(tmp_path) -> Path:
    return write_bank(tmp_path / "phrasebank", SMALL_BANK)


@pytest.fixture
def bank(tmp_path, small_bank_dir, clock):
    b = PhraseBank.open(tmp_path / "data" / "phrases.sqlite3", bank_dir=small_bank_dir, clock=clock)
    yield b
    b.close()


def _copy_db(src: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    s, d = sqlite3.connect(src), sqlite3.connect(dest)
    try:
        s.backup(d)
    finally:
        s.close()
        d.close()
    return dest


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    """The shipped bank compiled once (pypinyin for 1 700 phrases takes a moment)."""
    path = tmp_path_factory.mktemp("shipped") / "phrases.sqlite3"
    PhraseBank.open(path, clock=Clock()).close()
    return path


@pytest.fixture
def shipped(tmp_path, shipped_db, clock):
    b = PhraseBank.open(_copy_db(shipped_db, tmp_path / "data" / "phrases.sqlite3"), clock=clock)
    yield b
    b.close()


def generated_phrases(n: int, seed: int = 7) -> list[NewPhrase]:
    """Phrases recombined from the shipped bank's clauses: realistic characters and words."""
    rng = random.Random(seed)
    texts = []
    for path in sorted(default_bank_dir().glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "[")):
                texts.append(line.split(" | ")[0])
    clauses = sorted({c for t in texts for c in re.split(r"[，。；：！？]", t) if len(c) >= 2})
    sections, genres, kinds = list(SECTION_TYPES), list(GENRES), list(KINDS)
    seen: set[str] = set()
    out = []
    while len(out) < n:
        text = "，".join(rng.sample(clauses, rng.choice((1, 1, 2, 2, 3)))) + rng.choice(("", "。"))
        if norm_key(text) in seen:
            continue
        seen.add(norm_key(text))
        secs = tuple(rng.sample(sections, rng.choice((1, 1, 2, 3))))
        gens = tuple(rng.sample(genres, rng.choice((1, 2)))) if rng.random() < 0.3 else ()
        out.append(NewPhrase(text, rng.choice(kinds), secs, gens))
    return out


@pytest.fixture(scope="session")
def generated_db(tmp_path_factory) -> Path:
    """3 000 generated phrases with some used, favourite, hidden and dated ones."""
    folder = tmp_path_factory.mktemp("generated")
    empty = write_bank(folder / "bank", {"general": "[formulation]\n习近平新时代中国特色社会主义思想\n"})
    path = folder / "phrases.sqlite3"
    clock = Clock()
    with PhraseBank.open(path, bank_dir=empty, clock=clock) as b:
        created = b.add_many(generated_phrases(3000), origin="imported")
        rng = random.Random(3)
        ids = [pid for pid, _ in created]
        for pid in rng.sample(ids, 120):
            b.record_use(pid)
        for pid in rng.sample(ids, 8):
            b.set_favourite(pid)
        for pid in rng.sample(ids, 30):
            b.hide(pid)
        for pid in rng.sample(ids, 20):
            b.edit(pid, valid_until="2020-01-01")
    return path


@pytest.fixture
def generated(tmp_path, generated_db, clock):
    b = PhraseBank.open(_copy_db(generated_db, tmp_path / "gen.sqlite3"), sync=False, clock=clock)
    yield b
    b.close()


@pytest.fixture(params=["default", "tiny"])
def thresholds(request, monkeypatch) -> str:
    """Run with the real thresholds and with tiny ones, so that a small bank goes
    through every lookup path (exhaustive, intersections, shelf walks, prefix walks)."""
    if request.param == "tiny":
        monkeypatch.setattr(index_mod, "RARE_MAX", 40)
        monkeypatch.setattr(index_mod, "SCORE_ALL_MAX", 8)
        monkeypatch.setattr(finder_mod, "PREFIX_ALL_MAX", 6)
        monkeypatch.setattr(index_mod, "INTERSECT_BUDGET", 400)
    return request.param
