"""The phrase bank (规范表述词库): standard formulations by section type, lookup while
typing, learning, packs and candidates from imported documents.  Data: ``phrasebank/``.

One entry point per job::

    bank = PhraseBank.open(folder.phrases_db)          # creates/compiles/loads
    bank.search(text, section, genre, limit)           # substring, pinyin initials, keywords
    bank.complete(text_before_cursor, section, limit)  # the rest of a formulation
    bank.add(text, section_types, kind)                # the user's own entry
    bank.record_use(phrase_id)                         # learning
    bank.queue_candidates(draft, source=path)          # import: candidates for review
    bank.export_pack(path) / bank.import_pack(path)    # sharing with colleagues
"""

from __future__ import annotations

from ideodesk.phrases.bank import AddResult, PhraseBank
from ideodesk.phrases.candidates import Candidate, QueueResult, extract_candidates
from ideodesk.phrases.model import KINDS, Hit, Phrase, PhraseError
from ideodesk.phrases.packs import PackError, PackImport

__all__ = [
    "KINDS",
    "AddResult",
    "Candidate",
    "Hit",
    "PackError",
    "PackImport",
    "Phrase",
    "PhraseBank",
    "PhraseError",
    "QueueResult",
    "extract_candidates",
]
