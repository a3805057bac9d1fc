"""Checks before hand-in (校对): one small pure function per rule, a runner, the table of
standard formulations.  No Qt here: the GUI runs :func:`run_checks` on a worker thread.

    from ideodesk.checks import run_checks, apply_fixes
    findings = run_checks(draft)            # sorted by position
    fixed = apply_fixes(draft, findings)    # a corrected copy; the draft is not touched
"""

from __future__ import annotations

from ideodesk.checks.formulations import Formulation, FormulationTable, FormulationTableError, load_table
from ideodesk.checks.model import (
    ERROR,
    INFO,
    RULE_LABELS,
    SEVERITY_LABELS,
    WARNING,
    CheckContext,
    Finding,
    Location,
)
from ideodesk.checks.runner import RULES, apply_fixes, make_context, run_checks

__all__ = [
    "ERROR",
    "INFO",
    "RULES",
    "RULE_LABELS",
    "SEVERITY_LABELS",
    "WARNING",
    "CheckContext",
    "Finding",
    "Formulation",
    "FormulationTable",
    "FormulationTableError",
    "Location",
    "apply_fixes",
    "load_table",
    "make_context",
    "run_checks",
]
