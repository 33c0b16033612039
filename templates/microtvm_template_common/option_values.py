"""Reading project option values tolerantly.

Clients differ in how they send option values: TVM's Python API and our plugin send typed JSON
(true, 42), tvmc sends every value as a string ("true", "42"), and TVM fills every declared
option with its default (often null) for every method. These helpers accept all of those and
turn anything else into a ServerError that names the option.
"""

import shlex

from .project_api_server import ServerError

_TRUE_WORDS = ("true", "1", "yes", "on")
_FALSE_WORDS = ("false", "0", "no", "off", "")


def get_bool(options, name, default):
    value = (options or {}).get(name)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE_WORDS + _FALSE_WORDS:
        return value.strip().lower() in _TRUE_WORDS
    raise ServerError(f"option {name}: want true or false, got {value!r}")


def get_int(options, name, default, minimum=None):
    value = (options or {}).get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool):  # bool is an int in Python; true/false is no size
        raise ServerError(f"option {name}: want an integer, got {value!r}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            raise ServerError(f"option {name}: want an integer, got {value!r}") from None
    if not isinstance(value, int):
        raise ServerError(f"option {name}: want an integer, got {value!r}")
    if minimum is not None and value < minimum:
        raise ServerError(f"option {name}: want an integer >= {minimum}, got {value}")
    return value


def get_str(options, name, default, choices=None):
    value = (options or {}).get(name)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ServerError(f"option {name}: want a string, got {value!r}")
    if choices is not None and value not in choices:
        raise ServerError(f"option {name}: {value!r} is not supported; choose one of {', '.join(choices)}")
    return value


def get_words(options, name, default):
    """A command-line fragment option ("-O2 -DX='a b'"), split like a POSIX shell would.

    A JSON list of strings is accepted as already split. Returns a list, or ``default``.
    """
    value = (options or {}).get(name)
    if value is None:
        return default
    if isinstance(value, list) and all(isinstance(word, str) for word in value):
        return list(value)
    if not isinstance(value, str):
        raise ServerError(f"option {name}: want a string of shell words, got {value!r}")
    try:
        return shlex.split(value)
    except ValueError as exc:
        raise ServerError(f"option {name}: cannot split {value!r} into words: {exc}") from None
