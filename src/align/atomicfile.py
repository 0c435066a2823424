"""Files written whole or not at all: a temporary file beside the target, fsync, rename.

Every file the workbench writes (stores, TMX, reports, the index page, exports)
goes through :func:`atomic_write_text`, so a crash at any moment leaves either
the old or the new file, never a torn one.  Two details that a bare
``mkstemp`` + ``os.replace`` gets wrong:

- **Permissions.**  ``mkstemp`` creates its file with mode 0600, and the rename
  would carry that over, so every rewritten file became private.  The
  temporary file is given ``0666 & ~umask`` — what ``open()`` would have made.
- **Leftovers.**  A process killed between creating and renaming its
  temporary file leaves it behind.  Temporary files are named
  ``.<name>.<host>.<pid>.<random>.tmp``; each write removes the leftovers of
  the same target whose process is gone (same host, pid no longer running), and
  :func:`remove_stale_temps_under` sweeps a whole folder (``align run`` sweeps
  ``alignments/`` when it starts).  The pattern is in ``.gitignore``.
"""
from __future__ import annotations

import hashlib
import os
import re
import socket
import tempfile
import threading
import time
from pathlib import Path

#: A leftover whose writer cannot be identified (another host, an older name) is removed once it is this old.
FOREIGN_TEMP_AGE = 3600.0

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<host>[0-9a-f]{8})\.(?P<pid>\d+)\.[^.]+\.tmp$")
_UMASK_LOCK = threading.Lock()


def _host_tag() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux ``/proc``)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    with _UMASK_LOCK:  # elsewhere the only way to read it is to set it
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _stale(tmp: Path, host: str, now: float) -> bool:
    m = _TEMP.match(tmp.name)
    if m and m["host"] == host:
        pid = int(m["pid"])
        return pid != os.getpid() and not _alive(pid)
    try:
        return now - tmp.stat().st_mtime > FOREIGN_TEMP_AGE
    except OSError:
        return False


def remove_stale_temps(path: str | Path) -> int:
    """Delete the temporary files that killed writes of ``path`` left beside it; returns how many."""
    p = Path(path)
    try:
        candidates = list(p.parent.glob(f".{glob_escape(p.name)}.*.tmp"))
    except OSError:
        return 0
    return _remove_stale(candidates)


def remove_stale_temps_under(folder: str | Path) -> int:
    """Delete every leftover temporary file of a killed write anywhere under ``folder``; returns how many."""
    try:
        candidates = [t for t in Path(folder).rglob(".*.tmp") if t.is_file()]
    except OSError:
        return 0
    return _remove_stale(candidates)


def _remove_stale(candidates: list[Path]) -> int:
    """Delete those of ``candidates`` that :func:`_stale` says a killed writer left; returns how many."""
    host, now, removed = _host_tag(), time.time(), 0
    for tmp in candidates:
        if _stale(tmp, host, now):
            try:
                tmp.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def glob_escape(name: str) -> str:
    """``name`` with the characters ``glob`` treats specially put in brackets."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` so that readers see the old or the new file,
    never a torn one; the file gets the permissions the umask gives a new file."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(p)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.{_host_tag()}.{os.getpid()}.", suffix=".tmp", dir=p.parent)
    try:
        try:
            os.fchmod(fd, 0o666 & ~current_umask())
        except OSError:  # a file system without modes: keep what it gave
            pass
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dfd = os.open(p.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
