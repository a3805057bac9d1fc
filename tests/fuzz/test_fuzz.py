"""Every malformed input of ``gen_inputs.py`` through every command of the real CLI:
no traceback, no hang, bounded memory, nothing stored changed by a refusal, and every
refusal one line."""

from __future__ import annotations

import os

import pytest

from tests.fuzz.run_fuzz import TIMEOUT, fuzz

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="fork/wait4 and FIFOs")]

MAX_RSS_MB = 500


def show(runs) -> str:
    return "\n".join(
        f"{r.command} rc={r.rc} {r.seconds}s {r.rss_mb}MB {r.input}: {r.message}" for r in runs[:20]
    )


def test_malformed_inputs_are_refused_cleanly_in_every_command():
    runs, table = fuzz(workers=2)
    assert len({r.input for r in runs}) >= 200
    assert not (bad := [r for r in runs if r.traceback]), show(bad)
    assert not (bad := [r for r in runs if r.rc is None or r.seconds > TIMEOUT]), show(bad)
    assert not (bad := [r for r in runs if r.rc not in (0, 2)]), show(bad)
    assert not (bad := [r for r in runs if r.rss_mb > MAX_RSS_MB]), show(bad)
    assert not (bad := [r for r in runs if r.store_changed]), show(bad)
    assert not (bad := [r for r in runs if r.multi_line]), show(bad)
    assert table["all"]["refused_rc2"] > 0 and table["all"]["ok_rc0"] > 0
