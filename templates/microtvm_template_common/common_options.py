"""Project options both bundled templates declare, and the checks their values share."""

from . import option_values
from .project_api_server import ProjectOption, ServerError

VERBOSE = ProjectOption(
    "verbose",
    default=None,
    type="bool",
    optional=["generate_project", "build"],
    help="Show the full compiler and linker command lines during the build. Given to generate_project, "
         "it becomes the project's default; unset: false, or for build the project's default.",
)


def one_line(name, value):
    """``value`` unchanged; ServerError when it holds a line break (a make variable cannot)."""
    if value is not None and ("\n" in value or "\r" in value):
        raise ServerError(f"option {name}: line breaks are not allowed")
    return value


def make_words(name, words):
    """``words`` unchanged; ServerError when one holds a line break. None stays None."""
    if words is not None:
        for word in words:
            one_line(name, word)
    return words


def get_make_words(options, name, default):
    """Option ``name`` split like a shell would, checked to fit a make variable."""
    return make_words(name, option_values.get_words(options, name, default))
