"""``python -m ideodesk``: the same entry point as the ``ideodesk`` command."""

from __future__ import annotations

import sys

from ideodesk.cli import main

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the bundle: a checks child process starts here
    sys.exit(main())
