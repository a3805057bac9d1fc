"""Listing and searching a library of 10 000 drafts.

Baselines in the same run: listing by reading every row with its body and sorting in
Python (what a naive store does), and searching with ``LIKE '%词%'`` over the stored JSON.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from _common import median_ms, report

from ideodesk.core import draftjson
from ideodesk.core.genres import GENRES
from ideodesk.store.drafts import DraftStore

N = 10_000
RUNS = 15
RARE = "森林防火"  # in 0.5 % of the drafts
TOPICS = ["防汛", "党建", "意识形态", "安全生产", "乡村振兴", "作风建设", "宣传思想", "网络安全"]


def fill(store: DraftStore) -> None:
    rng = random.Random(1)
    genres = list(GENRES.values())
    store.conn.execute("BEGIN")
    for i in range(N):
        g = rng.choice(genres)
        topic = RARE if i % 200 == 0 else rng.choice(TOPICS)
        d = g.create(
            title=f"关于{topic}工作的{g.label}（{i}）", values={"工作主题": f"{topic}工作", "单位": "某县"}
        )
        store.conn.execute(
            "INSERT INTO drafts (title, genre, body, chars, rev, created, updated, indexed_rev)"
            " VALUES (?, ?, ?, ?, 1, ?, ?, 0)",
            (d.title, d.genre, draftjson.dumps(d, indent=None),
             d.char_count(), f"2026-01-01T00:00:{i:07.3f}", f"2026-01-01T00:00:{i:07.3f}"),
        )  # fmt: skip
    store.conn.execute("COMMIT")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = DraftStore.open(Path(tmp) / "drafts.sqlite3")
        fill(store)
        store.refresh_index()
        list_all = median_ms(lambda: store.list(), RUNS)
        list_page = median_ms(lambda: store.list(limit=100), RUNS)

        def naive_list():
            rows = store.conn.execute("SELECT * FROM drafts WHERE trashed IS NULL").fetchall()
            return sorted(rows, key=lambda r: r[7], reverse=True)

        baseline_list = median_ms(naive_list, RUNS)
        searches = {}
        for name, word in (("common", "防汛"), ("rare", RARE)):
            searches[name] = median_ms(lambda w=word: store.search(w, limit=100), RUNS)
            searches[name + "_like"] = median_ms(
                lambda w=word: store.conn.execute(
                    "SELECT id FROM drafts WHERE trashed IS NULL AND (title LIKE ? OR body LIKE ?)"
                    " ORDER BY updated DESC LIMIT 100",
                    (f"%{w}%", f"%{w}%"),
                ).fetchall(),
                RUNS,
            )
            searches[name + "_hits"] = len(store.search(word, limit=N))
        store.close()
    report(
        "list_drafts",
        {
            "drafts": N,
            "list_all_median_ms": list_all,
            "list_first_100_median_ms": list_page,
            "baseline_select_all_sort_median_ms": baseline_list,
            "list_all_speedup": round(baseline_list / list_all, 1),
            "search_common_防汛_median_ms": searches["common"],
            "baseline_like_common_median_ms": searches["common_like"],
            "search_common_hits": searches["common_hits"],
            "search_rare_森林防火_median_ms": searches["rare"],
            "baseline_like_rare_median_ms": searches["rare_like"],
            "search_rare_speedup": round(searches["rare_like"] / searches["rare"], 1),
            "search_rare_hits": searches["rare_hits"],
            "runs": RUNS,
        },
    )


if __name__ == "__main__":
    main()
