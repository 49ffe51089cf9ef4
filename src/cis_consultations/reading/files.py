"""Read a data file safely: only a regular file, only up to its size limit.

A named pipe would make the loader wait for ever, a device (``/dev/zero``) would fill
the memory, and a sparse file can claim gigabytes it never wrote: each is refused by
what ``stat`` says before the file is opened, and checked again on the open file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..core.problems import Problem

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFLNK: "a symbolic link",
}
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _refusal(status: os.stat_result, limit: int, what: str) -> str | None:
    if not stat.S_ISREG(status.st_mode):
        kind = _KINDS.get(stat.S_IFMT(status.st_mode), "not a file")
        return f"is not a regular file but {kind}; only files are read"
    if status.st_size > limit:
        return f"the file is {status.st_size:,} bytes; {what} may be at most {limit:,} bytes"
    return None


def read_bounded(
    file_path: Path, display_path: str, limit: int, what: str
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of ``file_path``, or the problem that stops it being read.

    ``what`` names the file in a message (``a record``), ``limit`` is its size cap.
    """

    def problem(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, 0, 0, "", message)]

    try:
        refusal = _refusal(os.lstat(file_path), limit, what)
        if refusal is not None:
            return problem(refusal)
        descriptor = os.open(file_path, _FLAGS)
    except OSError as error:
        return problem(f"cannot read the file: {error.strerror}")
    with os.fdopen(descriptor, "rb") as handle:
        # Checked again on what was opened: the file may have changed since.
        refusal = _refusal(os.fstat(handle.fileno()), limit, what)
        if refusal is not None:
            return problem(refusal)
        try:
            raw = handle.read(limit + 1)
        except OSError as error:
            return problem(f"cannot read the file: {error.strerror}")
    if len(raw) > limit:  # it grew while it was read
        return problem(f"the file is over {limit:,} bytes; {what} may be at most {limit:,} bytes")
    return raw, []
