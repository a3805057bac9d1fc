"""Candidate formulations from imported documents, and their review queue.

:func:`extract_candidates` reads a typed Draft (what outline recovery makes of an
imported file) and picks what a clerk would want in the bank: headings, set phrases
(short clauses built on the genre's key terms, 牢牢掌握意识形态工作领导权) and
transition sentences (在肯定成绩的同时…, 主要表现在：), each with the section type it
was found in.  Masked, dated, numbered or web-boilerplate text is left out.

:func:`queue` puts them in the database's review queue: a phrase the bank already has —
the same words, or nearly (a 的 more, other punctuation) — is *merged* (not added
again); one rejected before is *skipped* (rejection is remembered); the rest wait as
``pending`` until accepted (they become phrases of origin ``imported``) or rejected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ideodesk.core.draft import Draft, Section
from ideodesk.core.text import is_han
from ideodesk.errors import IdeoError
from ideodesk.phrases.index import LookupIndex
from ideodesk.phrases.model import KINDS, clean_text, damaged_names, kind_id, norm_key, section_ids
from ideodesk.store.errors import NotFoundError

if TYPE_CHECKING:
    from ideodesk.phrases.storage import BankStore

NEAR_DICE = 0.8  # bigram overlap from which two phrases count as the same formulation
_NEAR_MIN = 6  # shorter texts must match exactly (a short variant is a different phrase)


@dataclass(frozen=True)
class Candidate:
    text: str
    kind: str
    section_types: tuple[str, ...]
    context: str = ""  # the heading it was found under (helps the reviewer)


@dataclass(frozen=True)
class QueueResult:
    """What :func:`queue` did: ``added`` new pending candidates, ``merged`` into an entry
    or a pending candidate already there, ``skipped`` as rejected before."""

    added: int = 0
    merged: int = 0
    skipped: int = 0
    ids: tuple[int, ...] = ()  # ids of the pending candidates added

    def to_dict(self) -> dict:
        return {"added": self.added, "merged": self.merged, "skipped": self.skipped, "ids": list(self.ids)}


@dataclass(frozen=True)
class QueuedCandidate:
    id: int
    text: str
    kind: str
    section_types: tuple[str, ...]
    source: str
    context: str
    status: str
    seen: int
    phrase_id: int | None
    created: str
    decided: str | None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "kind_label": KINDS.get(self.kind, self.kind),
            "section_types": list(self.section_types),
            "source": self.source,
            "context": self.context,
            "status": self.status,
            "seen": self.seen,
            "phrase_id": self.phrase_id,
        }


# ------------------------------------------------------------------ extraction
_MASK_RE = re.compile(r"[A-Za-z0-9０-９＊*×□○]|某某|……")
_BOILERPLATE = (
    "小编",
    "范文",
    "参考",
    "下载",
    "点击",
    "网址",
    "整理",
    "来源",
    "篇一",
    "篇二",
    "预览",
    "本文",
)
_NUMBERING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|"
    r"[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]|首先|其次|再次|最后|——)\s*"
)
_SENTENCE_RE = re.compile(r"[^。！？]+[。！？]?")
_CLAUSE_RE = re.compile(r"[^，。！？；：]+")
_TRANSITION_STARTS = (
    "在肯定成绩的同时", "在看到成绩的同时", "在充分肯定成绩的同时", "成绩来之不易", "同时也要看到",
    "同时也要清醒地看到", "我们也要清醒地看到", "但也要看到", "对照", "对标", "针对上述问题",
    "针对这些问题", "针对存在的问题", "针对以上问题", "下一步", "下面", "综上", "总之", "总的来看",
    "总体来看", "总体上看", "从总体上看", "究其原因", "分析原因", "深究原因", "深入剖析", "回顾",
    "实践证明", "实践表明", "由此可见", "为此", "今后", "当前", "当今世界", "会议指出", "会议强调",
    "会议要求", "会议认为",
)  # fmt: skip
_LEADS = (
    "坚持", "牢牢", "切实", "深入", "全面", "持续", "不断", "始终", "进一步", "严格", "扎实", "着力", "大力",
    "积极", "认真", "加强", "强化", "健全", "完善", "推动", "推进", "筑牢", "压实", "落实", "提高", "增强",
    "树牢", "坚定", "坚决", "深化", "守牢", "守好", "唱响", "壮大", "弘扬", "培育", "践行", "巩固", "防范",
    "做到", "确保", "把握", "掌握", "用好", "管好", "建好",
)  # fmt: skip
_PAIRS = {"“": "”", "（": "）", "《": "》", "【": "】"}


def extract_candidates(draft: Draft) -> list[Candidate]:
    """Headings, set phrases and transition sentences of a typed draft, in reading order
    and without repeats."""
    terms = _key_terms()
    out: dict[str, Candidate] = {}

    def keep(text: str, kind: str, section: str, context: str) -> None:
        text = text.strip()
        if not _clean_enough(text, kind):
            return
        key = norm_key(text)
        if key and key not in out:
            out[key] = Candidate(text, kind, (section,), context)

    def visit(sec: Section, context: str) -> None:
        stype = sec.type if sec.type else "general"
        heading = _heading(sec.heading)
        if heading:
            keep(heading, "heading", stype, context)
        here = heading or context
        for para in sec.paragraphs:
            for raw in _SENTENCE_RE.findall(clean_text(para)):
                sentence = raw.strip()
                kind = _sentence_kind(sentence, stype)
                if kind:
                    keep(sentence, kind, stype, here)
                    continue
                for clause in _CLAUSE_RE.findall(sentence):
                    clause = clause.strip()
                    if clause.startswith(_LEADS) and any(t in clause for t in terms):
                        keep(clause, "formulation", stype, here)
        for child in sec.children:
            visit(child, here)

    for sec in draft.sections:
        visit(sec, "")
    return list(out.values())


def _heading(heading: str) -> str:
    h = clean_text(heading)
    h = _NUMBERING_RE.sub("", h)
    return h.rstrip("。；，、").strip()


def _sentence_kind(sentence: str, section: str) -> str | None:
    body = sentence.rstrip("。！？；：")
    if sentence.startswith(("特此报告", "特此通知", "特此函告", "以上报告", "以上发言")):
        return "closing"
    if section == "closing" and 6 <= len(body) <= 80:
        return "closing"
    if sentence.startswith(_TRANSITION_STARTS) and len(body) <= 60:
        return "transition"
    if sentence.endswith("：") and 6 <= len(body) <= 40:
        return "transition"  # a lead-in: 主要表现在：/ 现将有关情况报告如下：
    return None


_LIMITS = {
    "heading": (4, 40),
    "formulation": (6, 30),
    "transition": (6, 80),
    "closing": (4, 80),
    "sentence": (8, 160),
}


def _clean_enough(text: str, kind: str) -> bool:
    lo, hi = _LIMITS[kind]
    if not lo <= len(text) <= hi:
        return False
    if _MASK_RE.search(text) or any(b in text for b in _BOILERPLATE) or damaged_names(text):
        return False  # masked, web leftovers, or a standard name with characters missing
    if sum(map(is_han, text)) < min(4, len(text)):
        return False
    stack: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch in _PAIRS.values() and (not stack or stack.pop() != ch):
            return False
    if stack:
        return False
    from ideodesk.core.convert import to_simplified  # OpenCC: loaded once, on import only

    return to_simplified(text) == text  # a Traditional leftover is not for a Simplified bank


_terms_cache: tuple[str, ...] | None = None


def _key_terms() -> tuple[str, ...]:
    global _terms_cache
    if _terms_cache is None:
        from ideodesk.core.segment import user_terms

        _terms_cache = tuple(t for t in user_terms() if len(t) >= 3)
    return _terms_cache


# -------------------------------------------------------------- near duplicates
def _bigrams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} or {key}


def similar(a_key: str, b_key: str) -> bool:
    """Near-duplicate test on two norm keys: the same, or most bigrams shared."""
    if a_key == b_key:
        return True
    if min(len(a_key), len(b_key)) < _NEAR_MIN or min(len(a_key), len(b_key)) < 0.75 * max(
        len(a_key), len(b_key)
    ):
        return False
    a, b = _bigrams(a_key), _bigrams(b_key)
    return 2 * len(a & b) / (len(a) + len(b)) >= NEAR_DICE


def near_phrase(index: LookupIndex, text: str) -> int | None:
    """The id of a stored phrase (hidden or not) that is the same formulation as ``text``."""
    key = norm_key(text)
    if len(key) < _NEAR_MIN:
        return None
    mine = _bigrams(key)
    rarest = sorted(mine, key=index.posting_len)[:8]
    # Dice ≥ 0.8 with a length ratio ≥ 0.75 means sharing ≥ 70 % of these bigrams, so a
    # near duplicate misses at most 30 % of them — among the rarest ones too.
    need = max(1, len(rarest) - int(0.3 * len(mine)))
    votes: Counter[int] = Counter()
    for g in rarest:
        votes.update(index.postings(g) or ())
    for pid, n in sorted(votes.items()):
        if n < need:
            continue
        t = index.text[pid] if pid < len(index.text) else None
        if t is not None and similar(key, norm_key(t)):
            return pid
    return None


# ------------------------------------------------------------------ the queue
def queue(store: BankStore, index: LookupIndex, draft_or_candidates: object, source: str = "") -> QueueResult:
    """Queue the candidates (or those of a Draft) not yet in the bank nor rejected;
    one seen again gets a vote (and maybe another section)."""
    if isinstance(draft_or_candidates, Draft):
        items = extract_candidates(draft_or_candidates)
    elif isinstance(draft_or_candidates, Iterable):
        items = list(draft_or_candidates)
        if not all(isinstance(c, Candidate) for c in items):
            raise IdeoError("待审词条应来自 Draft 或 Candidate 列表")
    else:
        raise IdeoError("待审词条应来自 Draft 或 Candidate 列表")
    added, merged, skipped = [], 0, 0
    source = clean_text(source)[:200]
    with store.lock:
        stamp = store.stamp()
        with store.write("加入待审词条") as c:
            known = [
                (r[0], r[1], r[2], r[3])
                for r in c.execute("SELECT id, norm, status, sections FROM candidates")
            ]
            for cand in items:
                key = norm_key(cand.text)
                if not key:
                    continue
                exact = c.execute("SELECT id FROM phrases WHERE norm = ?", (key,)).fetchone()
                if exact is not None or near_phrase(index, cand.text) is not None:
                    merged += 1
                    continue
                match = next((k for k in known if k[1] == key), None) or next(
                    (k for k in known if similar(key, k[1])), None
                )
                if match is not None:
                    cid, _, status, sections = match
                    if status == "rejected":
                        skipped += 1
                    else:
                        merged += 1
                        if status == "pending":  # seen again: one more vote, maybe another section
                            secs = " ".join(dict.fromkeys([*sections.split(), *cand.section_types]))
                            c.execute(
                                "UPDATE candidates SET seen = seen + 1, sections = ? WHERE id = ?",
                                (secs, cid),
                            )
                    continue
                new_secs = " ".join(section_ids(cand.section_types))
                cur = c.execute(
                    "INSERT INTO candidates (text, norm, kind, sections, source, context, status, seen,"
                    " created) VALUES (?, ?, ?, ?, ?, ?, 'pending', 1, ?)",
                    (
                        clean_text(cand.text),
                        key,
                        kind_id(cand.kind),
                        new_secs,
                        source,
                        cand.context[:200],
                        stamp,
                    ),
                )
                added.append(int(cur.lastrowid))  # type: ignore[arg-type]
                known.append((added[-1], key, "pending", " ".join(cand.section_types)))
    return QueueResult(len(added), merged, skipped, tuple(added))


_CAND_COLUMNS = "id, text, kind, sections, source, context, status, seen, phrase_id, created, decided"


def _row(r: Sequence) -> QueuedCandidate:
    return QueuedCandidate(r[0], r[1], r[2], tuple(r[3].split()), r[4], r[5], r[6], r[7], r[8], r[9], r[10])


def listing(store: BankStore, status: str = "pending", limit: int = -1) -> list[QueuedCandidate]:
    if status not in {"pending", "accepted", "rejected", "all"}:
        raise IdeoError(f"未知的审核状态 {status!r}，可选：pending、accepted、rejected、all")
    where = "" if status == "all" else " WHERE status = ?"
    params: tuple = () if status == "all" else (status,)
    rows = store.read(f"SELECT {_CAND_COLUMNS} FROM candidates{where} ORDER BY id LIMIT ?", (*params, limit))
    return [_row(r) for r in rows]


def get(store: BankStore, candidate_id: int) -> QueuedCandidate:
    rows = store.read(f"SELECT {_CAND_COLUMNS} FROM candidates WHERE id = ?", (candidate_id,))
    if not rows:
        raise NotFoundError(f"待审词条 {candidate_id} 不存在")
    return _row(rows[0])


def check_open(store: BankStore, candidate_id: int) -> QueuedCandidate:
    """The candidate, if it can still be accepted."""
    cand = get(store, candidate_id)
    if cand.status == "accepted" and cand.phrase_id is not None:
        raise IdeoError(f"待审词条 {candidate_id} 已收入词库（词条 {cand.phrase_id}）")
    return cand


def mark_accepted(store: BankStore, candidate_id: int, phrase_id: int) -> None:
    """The candidate was kept as ``phrase_id`` (call with the store's lock held)."""
    with store.write("收入词条") as c:
        c.execute(
            "UPDATE candidates SET status = 'accepted', phrase_id = ?, decided = ? WHERE id = ?",
            (phrase_id, store.stamp(), candidate_id),
        )


def reject(store: BankStore, candidate_id: int) -> None:
    """Turn a candidate down for good: the same text is not offered again."""
    with store.lock, store.write("拒绝待审词条") as c:
        cur = c.execute(
            "UPDATE candidates SET status = 'rejected', decided = ? WHERE id = ?",
            (store.stamp(), candidate_id),
        )
        if cur.rowcount != 1:
            raise NotFoundError(f"待审词条 {candidate_id} 不存在")
