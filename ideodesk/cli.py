"""Command line: ``ideodesk`` starts the app; subcommands (``ideodesk.commands``) work on
files and the data folder.  Errors are one Chinese line on stderr, exit code 2, and
nothing is written."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from ideodesk import __version__
from ideodesk.commands import EXIT_ERROR, Parser
from ideodesk.errors import IdeoError

# Each module has ``register(subparsers)``; heavy imports stay inside the commands.
COMMANDS = ("drafts", "backups", "outline", "importer", "phrases", "export", "check")


def build_parser() -> Parser:
    p = Parser(prog="ideodesk", description="IdeoDesk 公文组稿台")
    p.add_argument("--version", action="version", version=f"IdeoDesk {__version__}")
    p.add_argument("--data-dir", help="数据文件夹（默认：IDEODESK_DATA_DIR 或用户数据目录）")
    sub = p.add_subparsers(dest="command", parser_class=Parser)
    for name in COMMANDS:
        module = f"ideodesk.commands.{name}"
        try:
            importlib.import_module(module).register(sub)
        except ModuleNotFoundError as e:
            if e.name != module:  # a missing dependency is a real error
                raise
    return p


def _safe_streams() -> None:
    """Never die on output: a character the console cannot show becomes '?'."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _app_data_dir(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, --data-dir) when the arguments start the desktop app: no subcommand.

    Checked before the full parser is built, so starting the app imports no command code.
    """
    data_dir = None
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--data-dir" and rest:
            data_dir = rest.pop(0)
        elif arg.startswith("--data-dir="):
            data_dir = arg.split("=", 1)[1]
        else:
            return False, None
    return True, data_dir


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    is_app, data_dir = _app_data_dir(argv)
    try:
        if is_app:
            from ideodesk.gui.app import run_app  # Qt is loaded only for the app
            from ideodesk.store.folder import DataFolder

            return run_app(DataFolder.resolve(data_dir))
        args = build_parser().parse_args(argv)
        if args.command is None:  # only options such as --version/--help reach here
            return 0
        return args.func(args)
    except IdeoError as e:
        print(f"ideodesk：{e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("ideodesk：已取消", file=sys.stderr)
        return 130
    except BrokenPipeError:  # ``ideodesk drafts list | head``: the reader has gone
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
