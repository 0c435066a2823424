"""Every command and every option of the CLI is documented (README.md or docs/*.md), as sqlite-utils checks.

The parsers are walked, not listed here, so a new command or flag fails this test until the
documentation mentions it: ``align <command> [<subcommand>]`` for a command, the flag itself
(``--move-src-to``) for an option.
"""
from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from align.cli import build_parser


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(command, what) for every command and every long option under ``parser``."""
    command = " ".join(("align",) + path)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{command} {name}", f"{command} {name}"
                yield from _walk(sub, path + (name,))
        else:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    yield command, option


COMMANDS = list(_walk(build_parser()))


@pytest.fixture(scope="module")
def documentation(root) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in [root / "README.md", *sorted((root / "docs").glob("*.md"))])


def test_the_walk_finds_the_commands_and_their_options():
    names = {what for _, what in COMMANDS}
    assert {"align run", "align review fix", "align export tmx", "--workers", "--move-src-to", "--version"} <= names


@pytest.mark.parametrize("command, what", COMMANDS, ids=[f"{c}:{w}" for c, w in COMMANDS])
def test_every_command_and_option_is_documented(documentation, command, what):
    found = re.search(re.escape(what) + r"(?![\w-])", documentation)
    assert found, f"{what!r} ({command}) is not mentioned in README.md or docs/*.md"
