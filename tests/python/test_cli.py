"""The command line explains itself: every command and every option has a help text."""

from __future__ import annotations

import argparse

import pytest

from tietopohja.cli import COMMAND_MODULES, build_parser, main


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, tuple[argparse.ArgumentParser, str | None]]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    return {name: (sub, helps.get(name)) for name, sub in action.choices.items()}


def test_every_command_and_option_has_help():
    commands = _subcommands(build_parser())
    assert len(commands) == len(COMMAND_MODULES)
    for name, (sub, help_text) in commands.items():
        assert help_text and help_text.strip(), f"{name}: no help"
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help and action.help.strip() and action.help != argparse.SUPPRESS, (
                f"tietopohja {name} {'/'.join(action.option_strings) or action.dest}: no help"
            )


@pytest.mark.parametrize("name", sorted(_subcommands(build_parser())))
def test_help_prints_for_every_command(name, capsys):
    with pytest.raises(SystemExit) as stop:
        main([name, "--help"])
    assert stop.value.code == 0
    assert f"tietopohja {name}" in capsys.readouterr().out


def test_readme_has_an_example_of_every_command():
    from tietopohja.paths import PROJECT_DIR

    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    assert "## Command line" in readme
    section = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    for name in _subcommands(build_parser()):
        assert f"tietopohja {name}" in section, f"no example of `tietopohja {name}` in the README's Command line"
