"""The command group's one voice: global options before or after the command, every usage
error as one line `error: …` with the nearest valid choice, and the examples that end each
command's help."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from typer._click.core import Context, Parameter
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._types import TyperChoice
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from ..errors import ExitCode

# The default format of every command that prints for people is `text`; the names some
# commands gave it before are still taken, so that scripts that use them keep working.
FORMAT_ALIASES = {"table": "text", "terminal": "text"}


class Choice(TyperChoice[Any]):
    """typer's choice, whose refusal names every choice and the nearest one, and which takes
    the old name of a choice (`aliases`) where scripts may still use it."""

    def __init__(self, choices: Sequence[Any], aliases: dict[str, str]) -> None:
        super().__init__(choices, case_sensitive=True)
        self.aliases = aliases

    def names(self, ctx: Context | None = None) -> list[str]:
        return list(self._normalized_mapping(ctx=ctx).values())

    def convert(self, value: Any, param: Parameter | None, ctx: Context | None) -> Any:
        if isinstance(value, str) and value in self.aliases:
            value = self.aliases[value]
        return super().convert(value, param, ctx)

    def get_invalid_choice_message(self, value: Any, ctx: Context | None) -> str:
        from .common import did_you_mean

        names = self.names(ctx)
        return f"'{value}' is not one of: {', '.join(names)}{did_you_mean(str(value), names)}"


class TrackerCommand(TyperCommand):
    """A command whose choices refuse in one line with the nearest choice, and whose usage
    names its arguments as its help does: `ID`, `[PATH]...`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for param in self.params:
            if isinstance(param.type, TyperChoice) and not isinstance(param.type, Choice):
                names = {str(getattr(c, "value", c)) for c in param.type.choices}
                aliases = {old: new for old, new in FORMAT_ALIASES.items() if new in names}
                param.type = Choice(param.type.choices, aliases if "--format" in param.opts else {})

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                name = name if param.required else f"[{name}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces


def _hint(param: Parameter | None) -> str:
    if param is None:
        return "value"
    if param.param_type_name == "argument":
        return param.human_readable_name
    return max(param.opts, key=len)


def one_line(error: ClickException) -> str:
    """A click error as tracker says every error: one line, the option or argument first, and
    the nearest valid choice where there is one."""
    if isinstance(error, NoSuchOption):
        return _no_such_option(error)
    if isinstance(error, MissingParameter):
        what = error.param.param_type_name if error.param else "value"
        usage = ""
        if error.ctx is not None:
            pieces = error.ctx.command.collect_usage_pieces(error.ctx)
            usage = f" (usage: {error.ctx.command_path} {' '.join(pieces)})"
        return f"missing {what} {_hint(error.param)}{usage}"
    if isinstance(error, BadParameter):
        hint = error.param_hint if isinstance(error.param_hint, str) else _hint(error.param)
        return f"{hint.strip(chr(39))}: {error.message.rstrip('.')}"
    message = error.format_message().rstrip(".")
    if message.startswith("No such command"):
        return _no_such_command(error)
    return message[:1].lower() + message[1:]


def _no_such_option(error: NoSuchOption) -> str:
    """An unknown option, and what was likely meant: `--json` where `--format` takes json, else
    the nearest option, else `--format` with the nearest of its choices."""
    from .common import did_you_mean, nearest

    name = error.option_name
    ctx = error.ctx
    if ctx is None:
        return f"no option {name}"
    where = f" for {ctx.command_path}" if ctx.parent is not None else ""
    word = name.lstrip("-")
    choices = [
        (max(param.opts, key=len), param.type.names(ctx))
        for param in ctx.command.params
        if isinstance(param.type, Choice) and param.param_type_name == "option"
    ]
    for option, names in choices:
        if word in names:
            return f"no option {name}{where} (did you mean {option} {word}?)"
    options = [
        opt
        for param in ctx.command.get_params(ctx)
        for opt in (*param.opts, *param.secondary_opts)
        if opt.startswith("--")
    ]
    if nearest(name, options):
        return f"no option {name}{where}{did_you_mean(name, options)}"
    for option, names in choices:
        if choice := nearest(word, names):
            return f"no option {name}{where} (did you mean {option} {choice}?)"
    return f"no option {name}{where}"


def _no_such_command(error: ClickException) -> str:
    from .common import did_you_mean

    typed = error.message.split("'")[1] if "'" in error.message else ""
    ctx = getattr(error, "ctx", None)
    known = ctx.command.list_commands(ctx) if ctx is not None else []
    return f"no command '{typed}'{did_you_mean(typed, known)}"


class TrackerGroup(TyperGroup):
    """tracker's commands: global options are taken after the command too, and every error
    that click or typer raise is said in one line."""

    def _global_options(self) -> dict[str, bool]:
        """The group's own options that may follow the command, and whether each takes a value."""
        return {
            opt: not getattr(param, "is_flag", False)
            for param in self.params
            if param.param_type_name == "option" and not param.is_eager
            for opt in param.opts
        }

    def hoist(self, args: list[str]) -> list[str]:
        """`ARGS` with the global options typed after the command moved before it:
        `tracker list --root DIR` is `tracker --root DIR list`."""
        options = self._global_options()
        at = 0
        while at < len(args) and args[at].startswith("-") and args[at] != "--":
            name = args[at].split("=", 1)[0]
            at += 2 if options.get(name) and "=" not in args[at] else 1
        if at >= len(args) or args[at] == "--":
            return args
        command = self.commands.get(args[at])
        takes_value = {
            opt
            for param in (command.params if command else ())
            if param.param_type_name == "option" and not getattr(param, "is_flag", False)
            for opt in param.opts
        }
        moved: list[str] = []
        kept: list[str] = []
        rest = args[at + 1 :]
        index = 0
        while index < len(rest):
            arg = rest[index]
            if arg == "--":
                kept += rest[index:]
                break
            name = arg.split("=", 1)[0]
            if name not in options and arg in takes_value:  # the command's, and its value
                following = rest[index + 1] if index + 1 < len(rest) else ""
                # (but an option whose value may be left out, before another option, has none)
                optional = arg in getattr(command, "optional_values", ())
                taken = 1 if optional and following.startswith("-") else 2
                kept += rest[index : index + taken]
                index += taken
            elif name not in options:
                kept.append(arg)
                index += 1
            elif options[name] and "=" not in arg:
                moved += rest[index : index + 2]
                index += 2
            else:
                moved.append(arg)
                index += 1
        return [*args[:at], *moved, args[at], *kept]

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, self.hoist(args))

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run(standalone: bool) -> Any:
            return super(TrackerGroup, self).main(
                args, prog_name, complete_var, standalone, windows_expand_args, **extra
            )

        if not standalone_mode:
            return run(False)
        try:
            code = run(False)
        except NoArgsIsHelpError as error:
            error.show()
            sys.exit(ExitCode.USAGE)
        except UsageError as error:
            _error(one_line(error))
            sys.exit(ExitCode.USAGE)
        except ClickException as error:
            _error(one_line(error))
            sys.exit(error.exit_code)
        except Abort:
            sys.exit(ExitCode.PROBLEMS)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _error(message: str) -> None:
    from .common import Terminal

    Terminal().error(message)


def epilog(examples: Sequence[str]) -> str:
    """What ends a command's help: where global options go, then its examples, kept as
    written (click rewraps no paragraph that starts with \\b)."""
    text = "Global options (--root DIR, --no-cache, …) go before or after the command: see "
    text += "tracker --help."
    if examples:
        lines = "\n".join(f"  {example}" for example in examples)
        text += f"\n\n\b\nExamples:\n{lines}"
    return text
