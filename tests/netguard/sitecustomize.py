"""Loaded by child processes the tests start: any network attempt aborts them loudly.

The tests put this folder on PYTHONPATH so ``python -m ideodesk`` in a subprocess runs
with the same no-network rule as the test process itself.
"""

import os
import socket
import sys


def _refuse(*args, **kwargs):
    sys.stderr.write(f"NETWORK ATTEMPT BLOCKED: {args!r}\n")
    sys.stderr.flush()
    os._exit(99)


def _guard(original):
    def method(self, *args, **kwargs):
        if self.family == getattr(socket, "AF_UNIX", None):
            return original(self, *args, **kwargs)
        return _refuse(*args)

    return method


socket.socket.connect = _guard(socket.socket.connect)
socket.socket.connect_ex = _guard(socket.socket.connect_ex)
socket.socket.sendto = _guard(socket.socket.sendto)
socket.getaddrinfo = _refuse
socket.gethostbyname = _refuse
socket.create_connection = _refuse
