"""Precision@5 of the phrase panel's offers on real documents, per section type.

The cases (``tests/phrases/relevance_cases.jsonl``) are cut from the documents of the
development corpus (``python bench/relevance.py --make-cases CORPUS_DIR`` wrote them):
each is a (section type, genre, date, text before the cursor, heading line or not)
taken where a real document goes on with a bank formulation or starts a sentence,
clause or heading.  Every offer in the top five is judged:

* an offer the case lists under ``accept`` (the document's own continuation) is right;
* any other offer is right when a careful clerk could insert it *there*: on a heading
  line a heading; at a sentence start anything but a heading; after a clause break a
  set phrase; inside a clause a continuation that begins with the whole clause, or a
  set phrase of ≥ 3 characters continuing its end at a word start (no 以/对/的… start);
  of the case's section type (or a general phrase), not marked for another genre,
  current on the case's date, not already written, and not in the case's ``reject``.

A continuation that fails the position rule is an *ungrammatical join*, counted apart.
The baseline is the ranking before issue 14 (``bank.suggest`` while typing, the
section's heading-word and probe lists on an empty line), run on the same cases and the
same bank in the same run.  Ends with one JSON line of figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ideodesk.phrases.bank import PhraseBank  # noqa: E402
from ideodesk.phrases.model import status_on  # noqa: E402
from ideodesk.phrases.offers import Cursor, offers  # noqa: E402

CASES = ROOT / "tests" / "phrases" / "relevance_cases.jsonl"  # cut from the dev corpus
# the review's §3 cases, and the section types the corpus has few of (causes, closing…)
HAND_CASES = ROOT / "tests" / "phrases" / "relevance_cases_hand.jsonl"
TOP = 5
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.timezone.utc)
ENDS = "。！？；："
BREAKS = ENDS + "，、“”‘’（）《》【】—"
BOUND = set("以对在把为是的和与及并而或被将从向于给让使由按据了着过之其")


# ---------------------------------------------------------------- the two rankings
def old_offers(bank, case: dict, limit: int = TOP) -> list:
    """The ranking before issue 14, as the panel called it."""
    before, section, genre = case["before"], case["section"], case["genre"]
    if before.strip():
        return bank.suggest(before, section, genre, limit, wait_for_words=False)
    hits, seen = [], set()
    heading = case.get("heading_text", "")
    found = bank.search(heading[-8:], section, genre, limit) if len(heading) >= 2 else []
    for probe in ("要", "是", "的"):
        found += bank.search(probe, section, genre, limit * 2)
    for hit in found:
        if hit.id not in seen and section in hit.section_types:
            seen.add(hit.id)
            hits.append(hit)
    return hits[:limit]


def new_offers(bank, case: dict, limit: int = TOP) -> list:
    cur = Cursor(
        before=case["before"], section=case["section"], genre=case["genre"], date=case["date"],
        heading=case.get("line") == "heading", heading_text=case.get("heading_text", ""),
    )  # fmt: skip
    return offers(bank, cur, limit)


# ---------------------------------------------------------------- judging
def where(before: str, heading: bool) -> str:
    t = before.rstrip()
    if heading and not t:
        return "heading"
    if not t or t[-1] in ENDS:
        return "start"
    return "clause" if t[-1] in BREAKS else "inside"


def bad_join(hit, case: dict) -> bool:
    """Inserting ``hit`` at the case's cursor would make ungrammatical text."""
    before, heading = case["before"], case.get("line") == "heading"
    pos = where(before, heading)
    kind = hit.kind
    if not hit.completion:  # a whole phrase inserted at the cursor
        return {"heading": kind != "heading" and kind != "formulation",
                "start": kind == "heading", "clause": kind != "formulation", "inside": True}[pos]  # fmt: skip
    at = len(before) - hit.overlap
    clause = max((i + 1 for i, ch in enumerate(before) if ch in BREAKS), default=0)
    prev = before[at - 1] if at > 0 else ""
    phrase_like = kind in ("formulation", "heading")  # no end punctuation: usable inside a sentence
    if at <= clause and (not prev or prev in BREAKS):
        if heading:
            return not phrase_like
        return not (phrase_like or not prev or prev in ENDS)
    return not phrase_like or hit.overlap < 3 or before[at] in BOUND


def right(hit, case: dict) -> bool:
    if any(hit.text.startswith(a) for a in case.get("accept", ())):
        return True
    if any(hit.text.startswith(r) for r in case.get("reject", ())) or bad_join(hit, case):
        return False
    set_phrase = hit.completion and hit.kind in ("formulation", "heading") and hit.overlap >= 3
    if not set_phrase and case["section"] not in hit.section_types and "general" not in hit.section_types:
        return False  # a set phrase being typed fits any section; other offers their own
    if hit.genres and case["genre"] not in hit.genres:
        return False
    return hit.text not in case["before"]


def current_on(bank, hit, date: str) -> bool:
    p = bank.get(hit.id)
    return status_on(p.valid_from, p.valid_until, date) == "current"


def evaluate(bank, cases: list[dict], ranking) -> dict:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # shown, right, bad, cases, found
    firsts = [0, 0]  # cases naming the offer that must come first, and those where it does
    for case in cases:
        hits = ranking(bank, case)[:TOP]
        row = per[case["section"]]
        row[3] += 1
        for h in hits:
            row[0] += 1
            ok = right(h, case) and current_on(bank, h, case["date"])
            row[1] += ok
            row[2] += bad_join(h, case)
        if case.get("first"):
            firsts[0] += 1
            firsts[1] += bool(hits) and hits[0].text.startswith(case["first"])
        if case.get("accept") and any(h.text.startswith(a) for h in hits for a in case["accept"]):
            row[4] += 1
    out = {}
    for section, (shown, ok, bad, n, found) in sorted(per.items()):
        with_real = sum(1 for c in cases if c["section"] == section and c.get("accept"))
        out[section] = {
            "cases": n, "shown": shown, "p_at_5": round(ok / shown, 3) if shown else 0.0,
            "bad_joins": bad, "real_in_top5": round(found / with_real, 3) if with_real else None,
        }  # fmt: skip
    shown = sum(v["shown"] for v in out.values())
    ok = sum(per[s][1] for s in per)
    with_real = sum(1 for c in cases if c.get("accept"))
    out["all"] = {
        "cases": len(cases), "shown": shown, "p_at_5": round(ok / shown, 3) if shown else 0.0,
        "bad_joins": sum(v["bad_joins"] for v in out.values()),
        "real_in_top5": round(sum(per[s][4] for s in per) / with_real, 3) if with_real else None,
        "empty": sum(1 for c in cases if not ranking(bank, c)),
        "first_right": f"{firsts[1]}/{firsts[0]}",
    }  # fmt: skip
    return out


def load_cases(paths: tuple[Path, ...] = (CASES, HAND_CASES)) -> list[dict]:
    return [
        json.loads(line)
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def open_bank(folder: Path) -> PhraseBank:
    return PhraseBank.open(folder / "phrases.sqlite3", clock=lambda: NOW)


def run(cases: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp, open_bank(Path(tmp)) as bank:
        return {"new": evaluate(bank, cases, new_offers), "baseline": evaluate(bank, cases, old_offers)}


# ---------------------------------------------------------------- making the cases
def _date_of(label: dict, text: str) -> str:
    import re

    sig = label.get("signature") or {}
    raw = sig.get("date", "") if isinstance(sig, dict) else str(sig)
    full = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
    m = re.search(full, raw) or re.search(full, text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return dt.date(y, mo, d).isoformat()
    years = [int(y) for y in re.findall(r"(20[12]\d)年", text)]
    if years:
        return f"{max(set(years), key=years.count)}-12-20"
    return "2021-06-30" if "十九大" in text or "十九届" in text else "2025-06-30"


def _sections(draft, label: dict):
    """(type, heading, paragraphs) of the draft's sections whose level-1 heading the
    label names (its type is the label's), children included; the opening block too."""
    wanted = {s["heading"]: s["type"][0] for s in label.get("sections", []) if s.get("type")}
    for sec in draft.sections:
        if not sec.heading and sec is draft.sections[0]:
            yield "opening", "", sec.paragraphs
        t = wanted.get(sec.heading)
        if t is None:
            continue
        stack = [sec]
        while stack:
            s = stack.pop()
            yield t, s.heading, s.paragraphs
            stack.extend(reversed(s.children))


def _cuts(para: str, entries: list[str]):
    """(before, real continuation) where ``para`` goes on with a bank entry."""
    for text in entries:
        p = para.find(text)
        if p < 0:
            continue
        prev = para[p - 1] if p else ""
        if prev and prev not in BREAKS and text[0] in BOUND:
            continue
        cut = p + max(2, min(len(text) // 2, 6))
        yield para[:cut][-40:], para[p : p + len(text)]


def make_cases(corpus: Path, out: Path, per_section: int = 3) -> int:
    from ideodesk.core.outline import parse_documents
    from ideodesk.phrases.bankfiles import default_bank_dir, read_bank

    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    entries = sorted(
        {e.text.rstrip(ENDS) for e in read_bank(default_bank_dir()).entries if len(e.text) >= 6},
        key=len,
        reverse=True,
    )
    cases: list[dict] = []
    for name in sorted(labels):
        docs = parse_documents(corpus / name)
        found = labels[name] if isinstance(labels[name], list) else [labels[name]]
        for label, draft in zip(found, docs, strict=False):  # a split may find fewer
            cases.extend(_doc_cases(name, label, draft, entries, per_section))
    with out.open("w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    return len(cases)


def _doc_cases(name: str, label: dict, draft, entries: list[str], per_section: int) -> list[dict]:
    """Per labelled section: its heading line (two characters typed), and in up to
    ``per_section`` paragraphs a cut where a bank entry goes on, a sentence start and
    a clause start."""
    cases: list[dict] = []
    genre = label.get("genre")
    if genre not in ("speech", "remarks", "summary", "report", "minutes", "notice"):
        return cases
    text = "\n".join(p for _, s in draft.walk() for p in s.paragraphs)
    base = {"doc": name, "genre": genre, "date": _date_of(label, text)}
    for section, heading, paras in _sections(draft, label):

        def add(line: str, before: str, heading_text: str = heading, section: str = section, **extra) -> None:
            cases.append({**base, "section": section, "line": line, "before": before,
                          "heading_text": heading_text, **extra})  # fmt: skip

        if heading and len(heading) >= 4:
            add("heading", heading[:2], "")
        made = 0
        for para in paras:
            if made >= per_section:
                break
            for before, real in _cuts(para, entries):
                add("body", before, accept=[real])
                made += 1
                break
            first = next((i for i, ch in enumerate(para) if ch in "。！？"), -1)
            if 0 < first < len(para) - 1:
                add("body", para[: first + 1][-40:])
                made += 1
            comma = para.find("，")
            if 0 < comma < 30:
                add("body", para[: comma + 1])
                made += 1
    return cases


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--make-cases", metavar="CORPUS_DIR", help="cut the cases from a labelled corpus")
    args = ap.parse_args(argv)
    if args.make_cases:
        n = make_cases(Path(args.make_cases), CASES)
        print(f"{n} cases written to {CASES}")
        return 0
    figures = run(load_cases())
    cols = ("cases", "P@5 new", "P@5 old", "bad new", "bad old", "real new", "real old")
    print(f"{'section':<14}" + "".join(f"{c:>9}" for c in cols))
    for section in figures["new"]:
        n, o = figures["new"][section], figures["baseline"][section]
        print(
            f"{section:<14}{n['cases']:>9}{n['p_at_5']:>9.3f}{o['p_at_5']:>9.3f}{n['bad_joins']:>9}{o['bad_joins']:>9}"
            f"{n['real_in_top5'] if n['real_in_top5'] is not None else '-':>9}"
            f"{o['real_in_top5'] if o['real_in_top5'] is not None else '-':>9}"
        )
    print(json.dumps({"bench": "relevance", **figures}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
