"""Subcommands of `diary` beyond the core ones: every module here is found and registered.

Each module has `register(subparsers) -> dict[str, Handler]` and imports what its
handlers need inside them, so `diary --help` stays fast.
"""
