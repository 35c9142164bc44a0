"""Entry point: ``reader [PATH] [options]`` opens the GUI; ``reader entities|bookmarks|scan
...`` are command-line tools that need no display."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "entities":
        from reader.entities_cli import main as entities_main

        return entities_main(args[1:])
    if args and args[0] == "scan":
        from reader.scan_cli import main as scan_main

        return scan_main(args[1:])
    if args and args[0] == "bookmarks":
        from reader.bookmarks_cli import main as bookmarks_main

        return bookmarks_main(args[1:])
    from reader.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
