"""CLI subcommands, one module each: ``register(subparsers)`` adds the parser and sets
``func``; the function returns an exit code.  Shared helpers live in ``common``."""
