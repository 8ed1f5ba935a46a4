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

import contextlib
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

        def job() -> tuple[Callable[..., object], tuple]:
            os.close(read_fd)  # the parent's end of the pipe
            return function, args

        _child_main(job, write_fd)
    os.close(write_fd)
    return _result_getter(pid, read_fd, function, args)


def _child_main(job: Callable[[], tuple[Callable[..., object], tuple] | None], result_fd: int) -> None:
    """In a forked child: get the call from ``job()``, send its pickled result on ``result_fd``, and end
    the child (exit code 0 only when a result was sent)."""
    code = 1
    try:
        call = job()
        if call is not None:
            function, args = call
            data = pickle.dumps(function(*args), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(result_fd, "wb") as stream:
                stream.write(data)
            code = 0
    except BaseException:  # noqa: BLE001 - the parent computes it again and sees the real error
        pass
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers


def _result_getter(pid: int, result_fd: int, function: Callable[..., T], args: tuple,
                   sent: bool = True) -> Callable[[], T]:
    """What gives the child's result, waiting for it; or the plain call's result or error, when the child
    could not give one."""

    def result() -> T:
        try:
            with os.fdopen(result_fd, "rb") as stream:
                data = stream.read()
        finally:
            _, status = os.waitpid(pid, 0)
        if not sent or os.waitstatus_to_exitcode(status) != 0 or not data:
            return function(*args)
        return pickle.loads(data)  # noqa: S301 - our own child's result

    return result


class PreparedChild:
    """A child forked *now*, which prepares (imports a writer, say) while this process goes on, then makes
    one call sent to it later: :meth:`submit`. Used so that the DOCX writer's imports (python-docx, lxml:
    about 0.1 s) happen while this process is still reading the carnet.

    The same guarantees as :func:`start_isolated`: where fork is not available, with threads running, or
    when anything goes wrong in the child (preparing included), the call is simply made here.
    """

    def __init__(self, prepare: Callable[[], object]) -> None:
        self._pid = 0
        self._job_fd = self._result_fd = -1
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return
        job_read, job_write = os.pipe()
        result_read, result_write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (job_read, job_write, result_read, result_write):
                os.close(fd)
            return
        if pid == 0:  # pragma: no cover - the child: its coverage is not collected

            def job() -> tuple[Callable[..., object], tuple] | None:
                os.close(job_write)
                os.close(result_read)
                with contextlib.suppress(Exception):  # an import that fails here fails again at the call
                    prepare()
                with os.fdopen(job_read, "rb") as stream:
                    data = stream.read()
                return pickle.loads(data) if data else None  # noqa: S301 - sent by our own parent

            _child_main(job, result_write)
        os.close(job_read)
        os.close(result_write)
        self._pid, self._job_fd, self._result_fd = pid, job_write, result_read

    def submit(self, function: Callable[..., T], *args: object) -> Callable[[], T]:
        """Send ``function(*args)`` to the child; returns what gives its result (waiting for it)."""
        if not self._pid:
            return lambda: function(*args)
        pid, job_fd, result_fd = self._pid, self._job_fd, self._result_fd
        self._pid = 0
        sent = False
        try:
            with os.fdopen(job_fd, "wb") as stream:  # closing it tells the child the job is whole
                stream.write(pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL))
            sent = True
        except (OSError, pickle.PicklingError, TypeError, AttributeError):  # a dead child, an unpicklable call
            pass

        return _result_getter(pid, result_fd, function, args, sent)

    def cancel(self) -> None:
        """No call after all: the child ends without making one (and is waited for)."""
        if not self._pid:
            return
        os.close(self._job_fd)  # an empty job: the child exits
        os.close(self._result_fd)
        os.waitpid(self._pid, 0)
        self._pid = 0
