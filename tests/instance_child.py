"""Child process for the single-instance tests.

Usage: python tests/instance_child.py DATA_DIR [FOLDER]
Prints "primary" once it is the instance (then one "open <folder>" line per request
received, exiting after the first), or "forwarded" when another instance took FOLDER.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication  # noqa: E402

from reader.services.single_instance import OpenRequest, SingleInstance  # noqa: E402


def main(argv: list[str]) -> int:
    app = QCoreApplication(argv[:1])
    instance = SingleInstance(argv[1])
    folder = argv[2] if len(argv) > 2 else None
    if not instance.claim(OpenRequest(folder)):
        print("forwarded", flush=True)
        return 0
    print("primary", flush=True)

    def received(request: OpenRequest) -> None:
        print(f"open {request.library}", flush=True)
        instance.close()
        app.quit()

    instance.sig_open_requested.connect(received)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
