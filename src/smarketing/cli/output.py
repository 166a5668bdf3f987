"""Where the command writes: a file replaced whole, a link's target, a pipe or device, or ``-``.

:func:`output` is the one way the command opens what ``--output`` or
``--rejects`` name:

- ``-`` is standard output; ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd/N`` are
  the descriptors this process already has (not opened again, which a user
  may not be allowed to do, e.g. on a pipe another user made);
- a symbolic link is written through: the file it names is written, the link stays;
- a FIFO, a terminal or a device (``/dev/stdout``, ``/dev/null``) is written in place,
  never replaced;
- a regular file is replaced whole: the text goes to a temporary file in the same
  folder, renamed over the old one when complete, so a reader never sees half a
  report. The new file keeps the old one's mode (and owner and group, where the
  user may set them); a new file gets the mode the umask gives, like any tool's.

A path that is one of the inputs (the same file, even through a link) is refused
before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from smarketing.errors import SmarketingError

__all__ = ["STDOUT", "OutputError", "output", "refuse_inputs", "write_text"]

#: The name that means standard output.
STDOUT = "-"


class OutputError(SmarketingError, ValueError):
    """An output that cannot be written, or that would overwrite an input."""


def write_text(target: str | os.PathLike[str], text: str, *, inputs: Iterable[object] = ()) -> None:
    """Write ``text`` to ``target`` (see the module); ``inputs`` are never overwritten."""
    with output(target, inputs=inputs) as handle:
        handle.write(text)


@contextlib.contextmanager
def output(target: str | os.PathLike[str], *, inputs: Iterable[object] = ()) -> Iterator[TextIO]:
    """A text handle on ``target``, written as the module says, committed when the block ends.

    When the block raises, a regular file is left as it was.
    """
    if os.fspath(target) == STDOUT:
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(target)
    descriptor = _descriptor_named(path)
    if descriptor is not None:
        sys.stdout.flush()
        with _opened(path, lambda: open(os.dup(descriptor), "w", encoding="utf-8")) as handle:
            yield handle
        return
    refuse_inputs(path, inputs)
    try:
        existing: os.stat_result | None = os.stat(path)  # through links
    except FileNotFoundError:
        existing = None  # a new file (or a link to one not made yet)
    except OSError as error:
        raise _error(path, error) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder; name a file in it")
    if existing is not None and (not stat.S_ISREG(existing.st_mode) or _is_device_name(path)):
        # a FIFO, a terminal, a device, /dev/stdout: written in place, never replaced
        with _opened(path, lambda: open(path, "w", encoding="utf-8", newline="")) as handle:
            yield handle
        return
    real = Path(os.path.realpath(path))  # a link stays: the file it names is replaced
    with _replacing(path, real, existing) as handle:
        yield handle


def _descriptor_named(path: Path) -> int | None:
    """The descriptor that ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` ... names, if any."""
    name = os.path.abspath(path)
    standard = {"/dev/stdout": 1, "/dev/stderr": 2}
    if name in standard:
        return standard[name]
    for folder in ("/dev/fd/", "/proc/self/fd/"):
        if name.startswith(folder) and name[len(folder) :].isdigit():
            return int(name[len(folder) :])
    return None


def _is_device_name(path: Path) -> bool:
    """Whether ``path`` is in /dev (``/dev/stdout`` may name a regular file: keep it in place)."""
    return Path(os.path.abspath(path)).parts[:2] == ("/", "dev")


def refuse_inputs(path: Path, inputs: Iterable[object]) -> None:
    """Raise :class:`OutputError` if ``path`` is one of ``inputs`` (the same file, by inode)."""
    try:
        written = os.stat(path)
    except OSError:
        return  # nothing there yet: not an input
    if not stat.S_ISREG(written.st_mode):
        return  # a device or a FIFO is read or written, never replaced
    for source in inputs:
        if not isinstance(source, str | os.PathLike):
            continue
        try:
            read = os.stat(source)
        except (OSError, ValueError):
            continue  # not a file (a database URL, say)
        if os.path.samestat(written, read):
            raise OutputError(
                f"{path} is an input ({os.fspath(source)}): writing it would destroy it; "
                "name another file"
            )


@contextlib.contextmanager
def _opened(path: Path, opener: Callable[[], TextIO]) -> Iterator[TextIO]:
    try:
        handle = opener()
    except OSError as error:
        raise _error(path, error) from None
    try:
        with handle:
            yield handle
    except OSError as error:
        raise _error(path, error) from None


@contextlib.contextmanager
def _replacing(path: Path, real: Path, existing: os.stat_result | None) -> Iterator[TextIO]:
    """A temporary file beside ``real``, renamed over it when the block ends without error."""
    temporary = real.parent / f".{real.name}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(temporary, flags, 0o666)  # the umask applies, as for any new file
    except OSError as error:
        raise _error(path, error) from None
    try:
        if existing is not None:
            _keep_owner_and_mode(descriptor, existing)
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, real)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _error(path, error) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _keep_owner_and_mode(descriptor: int, existing: os.stat_result) -> None:
    if hasattr(os, "fchown") and (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.fchown(descriptor, existing.st_uid, existing.st_gid)
    os.chmod(descriptor, stat.S_IMODE(existing.st_mode))  # after chown, which clears setuid


def _error(path: Path, error: OSError) -> OutputError:
    return OutputError(f"cannot write {path}: {error.strerror or error}")
