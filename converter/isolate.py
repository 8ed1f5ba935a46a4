"""Run a memory-hungry step in a forked child process, so that its memory goes back to the system.

Place in the pipeline: used by the Markdown reader for large carnets (issue 7). CPython keeps the memory it
frees in partly used arenas, so a process's resident size hardly falls after a big temporary structure is
gone: Python-Markdown's working memory on a carnet 100× carnet #9 (≈ 300 MB for 12 MB of source) stayed
for the rest of the conversion and added up with the tree and the writers. In a forked child, that memory
ends with the child; only the result (a string) comes back, through a pipe.

:func:`start_isolated` also lets the converting process render one output format while a child renders
another (the DOCX writer, the slowest, beside the EPUB and HTML writers) when one carnet is converted.

Nothing changes for the caller: where fork is not available, when the process runs threads (forking them is
unsafe), or when anything goes wrong in the child (an exception, a crash, a result that cannot be sent), the
function is simply called here, so its result or its exception is exactly what a plain call gives.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def call_isolated(function: Callable[..., T], *args: object) -> T:
    """``function(*args)``, computed in a forked child process when possible."""
    return start_isolated(function, *args)()


def start_isolated(function: Callable[..., T], *args: object) -> Callable[[], T]:
    """Start ``function(*args)`` in a forked child process; returns what gives its result (waiting for it).

    Meanwhile this process goes on with other work: both run at once on two cores. Where the child cannot
    be used, the result is computed here, when it is asked for.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return lambda: function(*args)
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return lambda: function(*args)
    if pid == 0:  # pragma: no cover - the child: its coverage is not collected
        code = 1
        try:
            os.close(read_fd)
            data = pickle.dumps(function(*args), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_fd, "wb") as stream:
                stream.write(data)
            code = 0
        except BaseException:  # noqa: BLE001 - the parent computes it again and sees the real error
            pass
        finally:
            os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
    os.close(write_fd)

    def result() -> T:
        try:
            with os.fdopen(read_fd, "rb") as stream:
                data = stream.read()
        finally:
            _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0 or not data:
            return function(*args)
        return pickle.loads(data)  # noqa: S301 - our own child's result

    return result
