"""Child processes die with their parent.

Why: a SIGKILLed window cannot stop its children, and a spawned worker blocked on its
pipe would live on (the issue found four orphans, one holding ~490 MB).  Every child of
Reader calls :func:`die_with_parent` first thing.

Two mechanisms: Linux's ``PR_SET_PDEATHSIG`` (via ``prctl`` through ctypes) for an
immediate signal, and a watcher thread that notices the parent changed (``getppid``) within
a second, on any POSIX system.  The signal is not fatal by itself: the kernel sends it when
the *thread* that started the child exits (a pool started from a short-lived worker
thread), so its handler exits only if the parent process is really gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.5
_started = False


def die_with_parent() -> None:
    """Exit (status 1, no clean-up) as soon as the parent process is gone."""
    global _started
    if _started or not hasattr(os, "getppid"):
        return
    _started = True
    parent = os.getppid()

    def gone() -> bool:
        return os.getppid() != parent

    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError, ValueError, TypeError):
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGUSR2, lambda *_: gone() and os._exit(1))
                libc = ctypes.CDLL(None, use_errno=True)
                libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGUSR2), 0, 0, 0)
    if gone():  # died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(_POLL_SECONDS)
            if gone():
                os._exit(1)

    threading.Thread(target=watch, name="reader-parent-watch", daemon=True).start()


BACKGROUND_NICENESS = 10


def yield_cpu_to_window() -> None:
    """Lower this child's CPU priority (``nice``): a background job (the library-wide
    analysis, the tables of a first start) takes the cores the window and the article's
    model leave idle, and never slows them when the machine is busy.  No-op where the
    platform has no ``nice``."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(BACKGROUND_NICENESS)
