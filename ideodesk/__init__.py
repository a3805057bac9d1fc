"""IdeoDesk (公文组稿台): assemble, keep, check and export Chinese official materials."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "IdeoDesk"
