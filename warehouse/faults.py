"""Fault injection for crash tests: die like kill -9 at a named point of a run.

NEWSETL_FAULT="POINT" or "POINT@N" makes the process call os._exit(137) the
N-th time it reaches POINT (N from 1; plain "POINT" means "POINT@1"), so a test
can crash a run in its first, a middle or its last batch. The points:

    run:after_start       the run is registered in etl_run (committed), nothing loaded
    load:after_articles   a batch's article rows are written, its children not yet
    load:before_commit    the whole batch is written, not committed
    load:after_commit     the batch is committed, the flow not yet told

NEWSETL_FAULT_LOG=FILE appends "POINT N" to FILE each time a point is reached
(whether or not it is the fatal one), so a test can time a real SIGKILL
against the run's progress. Unset (always, outside tests), a point costs one
dict lookup.
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter

FAULT_ENV = "NEWSETL_FAULT"
FAULT_LOG_ENV = "NEWSETL_FAULT_LOG"
FAULT_POINTS = ("run:after_start", "load:after_articles", "load:before_commit", "load:after_commit")
# "load:before_commit@3" -> point "load:before_commit", call 3; "load:after_commit" -> call 1
FAULT_SPEC = re.compile(r"^(?P<point>[a-z_]+:[a-z_]+)(?:@(?P<call>[1-9]\d*))?$")
EXIT_CODE = 137  # what a shell reports for a process killed by SIGKILL

_calls: Counter[str] = Counter()
_guard = threading.Lock()


def fault_target(spec: str | None) -> tuple[str, int] | None:
    """(point, n-th call) named by a NEWSETL_FAULT value; None if unset or not a known point."""
    match = FAULT_SPEC.match(spec or "")
    if match is None or match["point"] not in FAULT_POINTS:
        return None
    return match["point"], int(match["call"] or 1)


def log_reached(path: str, name: str, call: int) -> None:
    """One unbuffered append, so the line is on disk even if the next instruction dies."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o644)
    try:
        os.write(fd, f"{name} {call}\n".encode())
    finally:
        os.close(fd)


def fault_point(name: str) -> None:
    """Die here if NEWSETL_FAULT names this call of `name`; log it if NEWSETL_FAULT_LOG is set."""
    spec, log = os.environ.get(FAULT_ENV), os.environ.get(FAULT_LOG_ENV)
    if not spec and not log:
        return
    with _guard:
        _calls[name] += 1
        call = _calls[name]
    if log:
        log_reached(log, name, call)
    if fault_target(spec) == (name, call):
        os._exit(EXIT_CODE)
