"""Child process for the kill -9 test: saves a large draft in a loop, acknowledging each save.

Usage: python crash_child.py DATA_DIR.  Prints ``ready`` once, then after each call that
returned ``ack create ID`` or ``ack save ID REV``; the parent kills it at random.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ideodesk.core.draft import Draft, Section
from ideodesk.store.drafts import DraftStore
from ideodesk.store.folder import DataFolder


def big_draft(rev: int) -> Draft:
    body = "坚持以习近平新时代中国特色社会主义思想为指导，牢牢掌握意识形态工作领导权。" * 40
    sections = [Section(heading=f"第{i}部分", paragraphs=[f"{rev}:{i}:" + body] * 4) for i in range(40)]
    return Draft(genre="speech", title=f"rev={rev}", sections=sections)


def main() -> None:
    folder = DataFolder.resolve(Path(sys.argv[1])).ensure()
    folder.lock()
    store = DraftStore.open(folder.drafts_db, folder.backups)
    existing = store.list()
    if existing:
        draft_id, rev = existing[0].id, existing[0].rev
    else:
        draft_id, rev = store.create(big_draft(1)).id, 1
        print(f"ack create {draft_id}", flush=True)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        if n % 7 == 0:
            new_id = store.create(Draft(genre="notice", title=f"small {n}")).id
            print(f"ack create {new_id}", flush=True)
        rev = store.save(draft_id, big_draft(rev + 1), rev)
        print(f"ack save {draft_id} {rev}", flush=True)


if __name__ == "__main__":
    main()
