"""Lint of the templates' Python: pyflakes3 and pycodestyle (Debian packages of the same names).

Run from templates/ (the Maven build does, in the test phase of microtvm-maven-plugin); pycodestyle
reads its settings from setup.cfg here. Exits non-zero when a linter reports a problem.

A linter that is not installed is skipped with a warning on a developer's machine, and is an error
where the environment variable CI is set (CI installs both: .ci/run), so CI never passes unlinted.
"""

import os
import shutil
import subprocess
import sys

# The template sources; templates/*/microtvm_template_common are links to the package, not read twice.
SOURCES = ["host", "qemu-arm", "microtvm_template_common", "tests"]
LINTERS = [("pyflakes3", "pyflakes3"), ("pycodestyle", "pycodestyle")]  # (command, Debian package)


def _required():
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def main():
    failed = False
    for command, package in LINTERS:
        if shutil.which(command) is None:
            message = f"{command} not found on PATH; install the Debian package {package} (apt-get install {package})"
            if _required():
                print(f"ERROR: {message}; CI is set, so lint is required", file=sys.stderr)
                failed = True
            else:
                print(f"WARNING: {message}; {command} skipped", file=sys.stderr)
            continue
        result = subprocess.run([command] + SOURCES, timeout=300)
        if result.returncode != 0:
            print(f"ERROR: {command} found problems (above)", file=sys.stderr)
            failed = True
        else:
            print(f"{command}: no problems in {', '.join(SOURCES)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
