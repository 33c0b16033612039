"""What every generate_project of these templates does around the template-specific part.

The paths TVM's client sends are checked first (absolute, a new project dir, an MLF file), and the
project is made in a private sibling temp dir that is renamed into place only once it is complete:
a failure, or a server killed half way, never leaves a half-made project dir behind.

Shared by the host and qemu-arm templates (kept once, in templates/host).
"""

import contextlib
import logging
import os
import pathlib
import shutil
import tempfile

from .project_api_server import ServerError

_LOG = logging.getLogger("project_staging")


def warn_unknown_options(method, options, declared_names):
    """TVM sends every option it knows to every method; names this template does not declare are ignored."""
    unknown = sorted(set(options or {}) - set(declared_names))
    if unknown:
        _LOG.warning("%s: ignoring options this template does not declare: %s", method, ", ".join(unknown))


def absolute_path(value, what):
    if value is None:
        raise ServerError(f"generate_project: {what} is empty")
    if not value.is_absolute():
        # The server runs with cwd = the template dir; a relative path would silently land there.
        raise ServerError(f"generate_project: {what} must be an absolute path, got {str(value)!r}")
    return value


def checked_paths(model_library_format_path, project_dir):
    """(MLF path, project dir) of a generate_project call, or a ServerError saying what is wrong."""
    mlf_path = absolute_path(model_library_format_path, "model_library_format_path")
    project_dir = absolute_path(project_dir, "project_dir")
    if os.path.lexists(project_dir):
        raise ServerError(f"project directory {project_dir} already exists; give a new path or delete it first")
    if not mlf_path.is_file():
        raise ServerError(f"Model Library Format archive {mlf_path} does not exist or is not a file")
    return mlf_path, project_dir


@contextlib.contextmanager
def staged_project(project_dir):
    """Yields an empty staging dir beside project_dir; renames it to project_dir when the block
    completes, deletes it when the block (or the rename) fails."""
    project_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = pathlib.Path(tempfile.mkdtemp(prefix=f".{project_dir.name}.partial-", dir=project_dir.parent))
    try:
        yield staging
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp made it private
        if os.path.lexists(project_dir):
            raise ServerError(f"project directory {project_dir} appeared while generating; not replacing it")
        os.rename(staging, project_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
