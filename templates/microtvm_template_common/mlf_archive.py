"""Reading and safely extracting a Model Library Format tar.

An MLF is a plain (or re-packed, maybe gzipped) tar whose member names start with "./". The
archive comes from the user, so it is treated as untrusted: the whole member list is checked
before anything is written, and extraction never creates a link on disk, which is what keeps
every write inside the target directory:

* names that are absolute or contain ".." are rejected;
* device files, FIFOs and other special members are rejected;
* hard and symbolic links are materialized as copies of the regular-file member they point to;
  links that leave the archive, or point to anything but a regular file, are rejected;
* what extraction would write is bounded (MAX_EXTRACTED_BYTES in all, MAX_MEMBERS entries), so a
  tiny archive declaring a huge entry (a decompression bomb) cannot fill the disk;
* an archive cut short is rejected when its member list is read, or, for a compressed one whose
  last entry is cut, when that entry is extracted (into the target dir, which the caller discards).
"""

import os
import posixpath
import tarfile

from .project_api_server import ServerError

_COPY_CHUNK = 1 << 20
# Far above any real model (the largest weights of a microcontroller model are a few MB of C), far
# below what hurts a build agent's disk.
MAX_EXTRACTED_BYTES = 2 << 30
MAX_MEMBERS = 100_000
_READ_ERRORS = (OSError, EOFError, tarfile.TarError)


def normalize_member_name(name):
    """'./codegen//host/x.c' -> 'codegen/host/x.c'; '.' or './' -> ''. None if unsafe."""
    if name.startswith("/"):
        return None
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        return None
    return "/".join(parts)


class MlfArchive:
    """An MLF tar whose members were all checked when it was opened. Use as a context manager."""

    def __init__(self, path, max_bytes=MAX_EXTRACTED_BYTES, max_members=MAX_MEMBERS):
        self.path = path
        self._max_bytes = max_bytes
        self._max_members = max_members
        try:
            self._tar = tarfile.open(path, "r:*")
        except _READ_ERRORS as exc:
            raise ServerError(f"{path} is not a readable tar archive (Model Library Format): {exc}") from None
        try:
            self._files, self._dirs = self._check_members()
            self._check_sizes()
        except BaseException:
            self._tar.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._tar.close()

    def _members(self):
        """All members, counted and sized as they are read: a bomb is stopped at its own header."""
        members, declared = [], 0
        try:
            for member in self._tar:
                members.append(member)
                declared += member.size if member.isreg() else 0
                if len(members) > self._max_members:
                    raise ServerError(f"{self.path}: more than {self._max_members} entries; not a Model Library"
                                      " Format archive, nothing was extracted")
                if declared > self._max_bytes:
                    self._too_big(declared, member.name, member.size)
        except _READ_ERRORS as exc:
            raise ServerError(f"{self.path} is truncated or corrupt, nothing was extracted ({exc})."
                              " Copy or download the archive again") from None
        return members

    def _check_sizes(self):
        """Links are extracted as copies, so they count again."""
        total = sum(member.size for member in self._files.values())
        if total > self._max_bytes:
            name, member = max(self._files.items(), key=lambda item: item[1].size)
            self._too_big(total, name, member.size)

    def _too_big(self, total, name, size):
        raise ServerError(
            f"{self.path}: the archive would extract to at least {total} bytes, more than the limit of"
            f" {self._max_bytes} (entry {name!r} declares {size} bytes); nothing was extracted."
            " A Model Library Format archive is far smaller: this one is damaged or not a model")

    def _check_members(self):
        """Map every regular-file name to the member holding its bytes; collect directories."""
        files, dirs, links, problems = {}, set(), [], []
        for member in self._members():
            name = normalize_member_name(member.name)
            if name is None:
                problems.append(f"{member.name!r}: absolute path or '..' component")
            elif member.isdir():
                if name:
                    dirs.add(name)
            elif member.isreg():
                if name in files:
                    problems.append(f"{member.name!r}: appears twice")
                files[name] = member
            elif member.issym() or member.islnk():
                links.append((name, member))
            else:
                problems.append(f"{member.name!r}: special file (device, FIFO, ...) not allowed")

        for name, member in links:
            # Symlink targets are relative to the link's directory, hard-link targets to the root.
            base = posixpath.dirname(name) if member.issym() else ""
            target = None
            if not member.linkname.startswith("/"):
                target = normalize_member_name(posixpath.normpath(posixpath.join(base, member.linkname)))
            if target is None or target not in files:
                problems.append(
                    f"{member.name!r}: link to {member.linkname!r}, which is not a regular file inside the archive"
                )
            elif name in files:
                problems.append(f"{member.name!r}: appears twice")
            else:
                files[name] = files[target]

        clashes = sorted(name for name in files if name in dirs)
        problems.extend(f"{name!r}: both a file and a directory" for name in clashes)
        if problems:
            shown = "; ".join(problems[:10]) + ("; ..." if len(problems) > 10 else "")
            raise ServerError(f"{self.path}: unsafe archive, nothing was extracted: {shown}")
        return files, dirs

    def names(self):
        """Names of all regular files (links included), normalized, in no particular order."""
        return list(self._files)

    def has(self, name):
        return name in self._files

    def read_bytes(self, name):
        try:
            with self._tar.extractfile(self._files[name]) as src:
                return src.read()
        except _READ_ERRORS as exc:
            raise ServerError(f"{self.path} is truncated or corrupt: cannot read {name}: {exc}") from None

    def read_text(self, name):
        try:
            return self.read_bytes(name).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ServerError(f"{self.path}: {name} is not UTF-8 text: {exc}") from None

    def extract_to(self, dest_dir):
        """Write every directory and file under ``dest_dir``, which must already exist."""
        dest_dir = os.path.abspath(dest_dir)
        for name in sorted(self._dirs):
            os.makedirs(os.path.join(dest_dir, *name.split("/")), exist_ok=True)
        for name, member in sorted(self._files.items()):
            target = os.path.join(dest_dir, *name.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            mode = 0o755 if member.mode & 0o111 else 0o644
            # O_EXCL | O_NOFOLLOW: never follow or overwrite anything that is already there.
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
            try:
                with os.fdopen(fd, "wb") as out, self._tar.extractfile(member) as src:
                    while True:
                        chunk = src.read(_COPY_CHUNK)
                        if not chunk:
                            break
                        out.write(chunk)
            except (EOFError, tarfile.TarError) as exc:
                # a cut compressed archive shows only now; what was written is inside dest_dir
                raise ServerError(f"{self.path} is truncated or corrupt: cannot extract {name}: {exc}") from None
