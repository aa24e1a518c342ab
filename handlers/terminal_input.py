"""Reading what a person types into the shell: a line at a time, however long.

A terminal in its ordinary (canonical) mode keeps at most 4,095 characters of a line and
drops the rest, so a long pasted log lost its end, often the follow-up. On a terminal the
shell therefore reads through GNU readline, which takes the terminal out of that mode and
keeps any length; a paste of several lines arrives as one message when the terminal marks
pastes (bracketed paste). Piped input is read as it comes, a line at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

# Returns the line without its newline, or None at end of input.
ReadLine = Callable[[str], str | None]


def stream_reader(stdin: TextIO, out: TextIO) -> ReadLine:
    """Lines from a stream (a pipe, a file, a test): the prompt is written, then a line read."""

    def read(prompt: str) -> str | None:
        out.write(prompt)
        out.flush()
        line = stdin.readline()
        return line.removesuffix("\n").removesuffix("\r") if line else None

    return read


def terminal_reader() -> ReadLine | None:
    """Lines from this process's terminal through readline; None if readline is missing."""
    try:
        import readline
    except ImportError:  # e.g. Windows: the stream reader, and its terminal's own limit
        return None
    # A pasted tab is text, not a request to complete a file name.
    readline.parse_and_bind("tab: tab-insert")
    readline.parse_and_bind("set enable-bracketed-paste on")

    def read(prompt: str) -> str | None:
        try:
            return input(prompt)
        except EOFError:
            return None

    return read
