"""Tensor shapes from the Relay text an MLF carries (``src/<module>.relay``).

metadata.json and the generated C header give only byte sizes and dtypes; the only shapes in a
standalone AOT archive are in the printed signature of ``def @main(...)``:

    def @main(%input: Tensor[(1, 8, 8, 1), float32], %w: Tensor[(16), float32], ...) -> Tensor[...] {

Printer facts this relies on (TVM's Relay text printer, v0.9 ... v0.18):

* a parameter prints as ``%<name>``, with ``v`` in front when the name does not start with an
  ASCII letter; names are otherwise raw (they may contain ``:``, ``.``, ``/``);
* an optional `` {virtual_device=...}`` may follow the name, then ``: <type>``;
* a tensor type is ``Tensor[(d0, d1, ...), dtype]``, a scalar just ``dtype``; dims may carry a
  suffix such as ``1i64``, and a dynamic dim prints as ``?``;
* the return type (`` -> <type>``) is printed only for type-inferred modules, so output shapes
  are often unknown.

Every function returns None where the text does not give an answer; callers fall back.
"""

import re

_TENSOR_RE = re.compile(r"Tensor\[\(([^()]*)\),\s*([A-Za-z0-9_]+)\]")
_SCALAR_RE = re.compile(r"^([a-z]+[0-9]+)$")
_DIM_RE = re.compile(r"^([0-9]+)(?:[iu][0-9]+)?$")
_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
_OPENERS = {"(": ")", "[": "]", "{": "}"}


class MainSignature:
    """The parameter list and return type text of ``@main``."""

    def __init__(self, params, return_type):
        self.params = params  # list of top-level parameter texts, e.g. '%a: Tensor[(2), int8]'
        self.return_type = return_type  # text after '->', or None

    def input_shape(self, name):
        """Shape list of the parameter named ``name`` (as in metadata.json), or None."""
        printed = "%" + (name if name[:1].isascii() and name[:1].isalpha() else "v" + name)
        for param in self.params:
            if not param.startswith(printed):
                continue
            rest = param[len(printed):]
            if rest.startswith(" {"):  # virtual_device annotation between name and type
                closing = _matching_close(rest, 1)
                rest = rest[closing + 1:] if closing is not None else ""
            if rest.startswith(": "):
                return parse_type(rest[2:])
        return None

    def output_shapes(self):
        """Shapes of the flattened return type, in order, or None when not printed/unparseable."""
        if not self.return_type:
            return None
        found = _TENSOR_RE.findall(self.return_type)
        shapes = [_parse_dims(dims) for dims, _dtype in found]
        if not found or any(shape is None for shape in shapes):
            return None
        return shapes


def parse_type(text):
    """'Tensor[(1, 16), int8]' -> [1, 16]; 'float32' -> []; anything else -> None."""
    text = text.strip()
    match = _TENSOR_RE.match(text)
    if match:
        return _parse_dims(match.group(1))
    if _SCALAR_RE.match(text):
        return []
    return None


def _parse_dims(text):
    dims = []
    for piece in text.split(","):
        piece = piece.strip()
        if not piece:  # '(16,)' style trailing comma
            continue
        match = _DIM_RE.match(piece)
        if not match:  # '?' or an expression: dynamic, unknown
            return None
        dims.append(int(match.group(1)))
    return dims


def parse_main_signature(relay_text):
    """Find ``def @main(`` and split its signature. Returns MainSignature or None."""
    start = relay_text.find("def @main(")
    if start < 0:
        return None
    open_paren = start + len("def @main")
    close_paren = _matching_close(relay_text, open_paren)
    if close_paren is None:
        return None
    params = [_COMMENT_RE.sub("", p).strip() for p in _split_top_level(relay_text[open_paren + 1:close_paren])]
    tail = relay_text[close_paren + 1:]
    body = tail.find("{")
    header = tail[:body] if body >= 0 else tail
    return_type = None
    if "->" in header:
        return_type = _COMMENT_RE.sub("", header.split("->", 1)[1]).strip()
    return MainSignature([p for p in params if p], return_type)


def _matching_close(text, open_index):
    """Index of the bracket closing text[open_index], skipping nested brackets and strings."""
    stack = []
    i = open_index
    while i < len(text):
        char = text[i]
        if char == '"':
            i = _skip_string(text, i)
            continue
        if char in _OPENERS:
            stack.append(_OPENERS[char])
        elif stack and char == stack[-1]:
            stack.pop()
            if not stack:
                return i
        i += 1
    return None


def _skip_string(text, quote_index):
    i = quote_index + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    return len(text)


def _split_top_level(text):
    """Split on commas that are not inside brackets or strings."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == '"':
            i = _skip_string(text, i)
            continue
        if char in _OPENERS:
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
        i += 1
    pieces.append(text[start:])
    return pieces
