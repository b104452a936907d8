"""The preview's port: taken is one clear line, 0 means "any free one"."""

from __future__ import annotations

import errno
import socket


class PortTaken(Exception):
    """The port cannot be listened on; the message says what to do."""


def claim_port(host: str, port: int) -> int:
    """The port the preview will listen on: `port`, or a free one when it is 0.

    Binds a socket to try it (as the server will, with SO_REUSEADDR, so a port
    in TIME_WAIT after the last preview is not refused) and closes it again."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
            sock.listen(1)
        except OSError as exc:
            raise PortTaken(taken_message(host, port, exc)) from None
        return sock.getsockname()[1]


def taken_message(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        why = "is already in use (another preview?)"
    elif exc.errno == errno.EACCES:
        why = "needs privileges to listen on"
    else:
        why = f"cannot be listened on ({exc.strerror})"
    return (f"error: port {port} on {host} {why}: choose another with --port N, "
            "or --port 0 for any free one")
