"""The one exception family the app shows to users: every message is one Chinese line."""

from __future__ import annotations


class IdeoError(Exception):
    """An error whose ``str()`` is a complete, user-facing Chinese sentence.

    The CLI prints it on one line and exits with code 2; the GUI shows it in a
    message box.  Nothing that raises it may leave partial writes behind.
    """

    def __init__(self, message: str) -> None:
        # Always one line: messages quoted from SQLite or lxml may span several.
        message = " ".join(line.strip() for line in message.splitlines() if line.strip())
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


def user_message(error: BaseException) -> str:
    """What the user reads about any failure: our own messages as they are, anything
    else named plainly (the log file has its traceback)."""
    if isinstance(error, IdeoError):
        return str(error)
    return f"发生意外错误（{type(error).__name__}: {error}），详情已写入日志"
