"""One Reader window per user, display and data directory.

Why: two processes writing the same bookmark and read-state stores would each show a stale
view of the other's changes; and a second ``reader FOLDER`` (from a terminal, a file
manager or a ``reader://`` link) is meant to reach the window already open.  The first
process holds a lock file (``QLockFile``: a crashed holder's lock is recognised by its dead
PID and taken over) and listens on a local socket in the user's runtime directory; the next
ones find the lock held, send their request over the socket, wait for the answer and exit.
A socket left behind by a crash (SIGKILL) is removed by the process that takes the lock.
``reader --new-window`` skips all this (the stores still cope with two writers).

Protocol: one JSON line ``{"version": 1, "library": "/abs/folder" | null, "url": ... }``,
answered by ``ok``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("reader.instance")
PROTOCOL_VERSION = 1
FORWARD_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class OpenRequest:
    """What a second ``reader`` asked the running one to open (absolute folder, link)."""

    library: str | None = None
    url: str | None = None

    def encode(self) -> bytes:
        return json.dumps({"version": PROTOCOL_VERSION, "library": self.library,
                           "url": self.url}).encode("utf-8") + b"\n"

    @classmethod
    def decode(cls, line: bytes) -> OpenRequest:
        """Raise ValueError on anything but a request of this protocol."""
        try:
            doc = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not a request: {exc}") from None
        if not isinstance(doc, dict) or doc.get("version") != PROTOCOL_VERSION:
            raise ValueError("not a request of this protocol version")
        library, url = doc.get("library"), doc.get("url")
        if not isinstance(library, str | None) or not isinstance(url, str | None):
            raise ValueError("library and url must be strings")
        return cls(library, url)


def display_name(env: Mapping[str, str] | None = None) -> str:
    """The display this process shows on, as a file-name-safe word."""
    env = os.environ if env is None else env
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in ("offscreen", "minimal", "vnc", "linuxfb", "eglfs"):
        name = platform
    else:
        name = (env.get("WAYLAND_DISPLAY") if platform != "xcb" else "") or env.get(
            "DISPLAY") or platform or "default"
    return re.sub(r"[^A-Za-z0-9.-]+", "_", name).strip("_") or "default"


def socket_path(data_dir: str | Path, env: Mapping[str, str] | None = None) -> Path:
    """Per user (runtime directory, else uid in the name), display and data directory."""
    env = os.environ if env is None else env
    data_key = hashlib.sha1(str(Path(data_dir).resolve()).encode()).hexdigest()[:10]
    name = f"reader-{display_name(env)}-{data_key}"
    runtime = env.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return Path(runtime) / f"{name}.sock"
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"{name}-{uid}.sock"


class SingleInstance(QObject):
    """Become the one instance for ``data_dir``, or hand the request to it.

    Use: ``instance = SingleInstance(data); if not instance.claim(request): exit``; then
    connect :attr:`sig_open_requested` and keep the object alive with the window.
    """

    sig_open_requested = Signal(OpenRequest)

    def __init__(self, data_dir: str | Path, parent: QObject | None = None, *,
                 env: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self.path = socket_path(data_dir, env)
        self._lock = QLockFile(str(self.path) + ".lock")
        self._lock.setStaleLockTime(0)  # the holder lives as long as its window: PID check only
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def claim(self, request: OpenRequest, timeout_ms: int = FORWARD_TIMEOUT_MS) -> bool:
        """True: this process is the instance (listening from now on); False: the running
        one took ``request`` and this process should exit.  When neither works (no
        runtime directory, an instance that does not answer) it says so in the log and
        returns True: a second window is better than none."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            if self._lock.tryLock(0):
                return self._listen()
            if self._lock.error() != QLockFile.LockError.LockFailedError:
                log.warning("single instance: cannot use the lock file %s (%s): running "
                            "without", self._lock.fileName(), self._lock.error().name)
                return True
            if self.forward(request, timeout_ms=500):
                return False
            if time.monotonic() > deadline:
                log.warning("single instance: the running Reader (lock %s) does not answer; "
                            "opening a second window", self._lock.fileName())
                return True
            time.sleep(0.1)  # the first one may still be starting its server

    def forward(self, request: OpenRequest, timeout_ms: int = 2000) -> bool:
        """Send ``request`` to the running instance; True once it acknowledged."""
        socket = QLocalSocket()
        socket.connectToServer(str(self.path))
        if not socket.waitForConnected(timeout_ms):
            return False
        try:
            socket.write(QByteArray(request.encode()))
            if not socket.waitForBytesWritten(timeout_ms):
                return False
            answer = b""
            while b"\n" not in answer:
                if not socket.waitForReadyRead(timeout_ms):
                    return False
                answer += bytes(socket.readAll().data())
            return answer.strip() == b"ok"
        finally:
            socket.abort()

    def _listen(self) -> bool:
        # holding the lock, any socket there is a crashed instance's: replace it
        QLocalServer.removeServer(str(self.path))
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(str(self.path)):
            log.warning("single instance: cannot listen on %s (%s): a second reader will "
                        "open its own window", self.path, server.errorString())
            return True
        server.newConnection.connect(self._accept)
        self._server = server
        log.debug("single instance: listening on %s", self.path)
        return True

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            self._buffers[socket] = data[-65536:]
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        try:
            request = OpenRequest.decode(line)
        except ValueError as exc:
            log.warning("single instance: ignored a message: %s", exc)
            socket.write(QByteArray(b"error\n"))
            socket.disconnectFromServer()
            return
        socket.write(QByteArray(b"ok\n"))
        socket.flush()
        socket.disconnectFromServer()
        log.info("single instance: asked to open %s", request.library or request.url)
        self.sig_open_requested.emit(request)

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def close(self) -> None:
        """Stop listening and free the lock (at exit; the next ``reader`` becomes it)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()
