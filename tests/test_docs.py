"""README.md and the reference in docs/ kept true together: every command with a paragraph and an
example in the README and a full section in docs/commands.md naming each of its options, every
command and option helped, the set-up commands where CI reads them, links between the pages that
lead to a file and a heading, the documented keys and columns those the commands print, the
file-format examples valid, and the marked examples (README and docs/) printing what they show.

An example is checked when the line before its ```console block is `<!-- check -->` (run on a
copy of the shipped data, in a folder that also holds tests/fixtures) or `<!-- check: tour -->`
(the five-minute tour: every such block in order, on one scratch copy). Each `$ tracker …` line
runs through the real typer app; `$ echo $?` prints the exit code of the command before it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
import shlex
import shutil
import sqlite3
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from tracker.cli import app
from tracker.vocabulary import Status

ROOT = Path(__file__).resolve().parents[1]
README_PATH = ROOT / "README.md"
DOCS = ROOT / "docs"
# Every page of the documentation: the README, CONTRIBUTING.md and the reference in docs/.
PAGES = {
    path: path.read_text(encoding="utf-8")
    for path in [README_PATH, ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))]
}
README = PAGES[README_PATH]
COMMANDS_PAGE = DOCS / "commands.md"
COMMANDS = typer.main.get_command(app)


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


# --- reading the pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A fenced code block: the HTML comment on the line before it, its info string and text."""

    page: str
    line: int  # of the opening fence, counted from 1
    marker: str | None
    info: str
    text: str


def _blocks(path: Path = README_PATH) -> list[Block]:
    lines = PAGES[path].splitlines()
    found = []
    index = 0
    while index < len(lines):
        opening = re.match(r"( *)```(\S*)", lines[index])
        if not opening:
            index += 1
            continue
        indent, info = len(opening.group(1)), opening.group(2)
        before = lines[index - 1].strip() if index else ""
        marker = (
            before[4:-3].strip() if before.startswith("<!--") and before.endswith("-->") else None
        )
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        body = "\n".join(line[indent:] for line in lines[index + 1 : end])
        found.append(Block(_name(path), index + 1, marker, info, body + "\n" if body else ""))
        index = end + 1
    return found


def _prose(text: str) -> str:
    """A page without its code blocks, so that a `#` comment in one is no heading."""
    kept, inside = [], False
    for line in text.splitlines():
        fence = line.lstrip().startswith("```")
        kept.append("" if inside or fence else line)
        if fence:
            inside = not inside
    return "\n".join(kept)


HEADING = re.compile(r"^(#{1,6}) (.+)$", re.M)


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    seen: Counter[str] = Counter()
    anchors = set()
    for match in HEADING.finditer(_prose(PAGES[path])):
        slug = _slug(match.group(2))
        anchors.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
        seen[slug] += 1
    return anchors


def _section_of(path: Path, title: str) -> str | None:
    """The prose and code under the heading `title` of a page, down to the next heading of its
    level or above; None if the page has no such heading."""
    text = PAGES[path]
    prose = _prose(text)
    for match in HEADING.finditer(prose):
        if match.group(2) == title:
            level = len(match.group(1))
            start = match.start()
            break
    else:
        return None
    ends = [m.start() for m in HEADING.finditer(prose, match.end()) if len(m.group(1)) <= level]
    lines_before = prose.count("\n", 0, start)
    lines_in = prose.count("\n", start, ends[0] if ends else len(prose))
    return "\n".join(text.splitlines()[lines_before : lines_before + lines_in])


def _section(title: str) -> str:
    """The section headed `title` in the one page of the documentation that has it."""
    found = {path: s for path in PAGES if (s := _section_of(path, title)) is not None}
    assert len(found) == 1, f"heading {title!r} is on {[_name(p) for p in found] or 'no page'}"
    return next(iter(found.values()))


def _command_heading(name: str, path: Path) -> str:
    for match in HEADING.finditer(_prose(PAGES[path])):
        heading = re.fullmatch(rf"`tracker {re.escape(name)}( [^`]*)?`", match.group(2))
        if heading and match.group(1) == "###":
            return match.group(2)
    raise AssertionError(f"{_name(path)} has no section '### `tracker {name} …`'")


def _command_section(name: str, path: Path = COMMANDS_PAGE) -> str:
    section = _section_of(path, _command_heading(name, path))
    assert section is not None
    return section


def _table(section: str, first: str) -> list[list[str]]:
    """The rows (lists of cells) of the tables in `section` whose first column is `first`."""
    rows: list[list[str]] = []
    taking = False
    for line in section.splitlines():
        if not line.startswith("|"):
            taking = False
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == first:
            taking = True
        elif taking and not set(cells[0]) <= set("-:"):
            rows.append(cells)
    return rows


def _table_names(section: str, first: str = "key") -> list[str]:
    """The backticked names in the first column of a section's tables headed `first`."""
    return [name for row in _table(section, first) for name in re.findall(r"`([^`]+)`", row[0])]


def _mentions(text: str, option: str) -> bool:
    """Does an inline code span of `text` name `option` (`--due`, not just `--due-before`)?"""
    word = re.compile(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])")
    return any(word.search(span) for span in re.findall(r"`([^`\n]+)`", text))


# --- commands, options and help -------------------------------------------------------------------


def _options(command) -> Iterator[str]:  # type: ignore[no-untyped-def]
    for param in command.params:
        if param.param_type_name == "option":
            yield from param.opts
            yield from param.secondary_opts


@pytest.mark.parametrize("name", sorted(COMMANDS.commands))
def test_every_command_has_a_section_naming_its_options(name):
    section = _command_section(name)
    missing = [
        option
        for option in _options(COMMANDS.commands[name])
        if option != "--root" and not _mentions(section, option)
    ]
    assert not missing, f"the section of `tracker {name}` does not name {missing}"


def test_shared_and_global_options_are_documented():
    using = _section_of(COMMANDS_PAGE, "Using the commands")
    assert using
    for option in ["--root", *_options(COMMANDS)]:
        assert _mentions(using, option), option
    assert "TRACKER_ROOT" in using and "TRACKER_NO_CACHE" in using


def test_every_command_option_and_argument_has_help():
    assert COMMANDS.help
    for param in COMMANDS.params:
        assert param.help, param.opts
    for name, command in COMMANDS.commands.items():
        assert command.help and command.help.strip(), name
        for param in command.params:
            assert getattr(param, "help", None), f"tracker {name}: {param.name} has no help"


def test_the_contents_list_every_command():
    for path, heading in [(README_PATH, "Commands"), (COMMANDS_PAGE, "Commands")]:
        contents = _section_of(path, heading)
        assert contents, f"{_name(path)} has no heading {heading!r}"
        for name in COMMANDS.commands:
            assert f"[`{name}`](#tracker-{name}" in contents, (_name(path), name)


@pytest.mark.parametrize("name", sorted(COMMANDS.commands))
def test_the_readme_has_a_paragraph_and_an_example_of_every_command(name):
    section = _command_section(name, README_PATH)
    assert re.search(r"^[A-Z`].{40,}", section, re.M), f"no paragraph on `tracker {name}`"
    assert re.search(r"^```console\n\$ (tracker|git) ", section, re.M), name
    assert f"](docs/commands.md#{_slug(_command_heading(name, COMMANDS_PAGE))})" in section


def test_the_readme_is_at_most_500_lines():
    assert README.count("\n") <= 500


# --- the set-up commands that CI runs -------------------------------------------------------------


def _readme_command(tag: str) -> str:
    """What .ci/run's awk takes: the first code block after the line `<!-- ci: TAG -->`."""
    lines = iter(README.splitlines())
    for line in lines:
        if line == f"<!-- ci: {tag} -->":
            break
    else:
        return ""
    taken: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("```"):
            if inside:
                break
            inside = True
        elif inside:
            taken.append(line + "\n")
    return "".join(taken)


def test_setup_commands_are_where_ci_reads_them():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    function = re.search(r"^readme_command\(\) \{\n.*?^\}\n", script, re.M | re.S)
    assert function, ".ci/run no longer defines readme_command"
    setup = _section_of(README_PATH, "Set up")
    assert setup
    for tag in ("report", "test"):
        by_ci = subprocess.run(
            ["bash", "-c", f"{function.group()}readme_command {tag}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert by_ci == _readme_command(tag) and by_ci.count("\n") == 1, tag
        assert f"<!-- ci: {tag} -->" in setup and by_ci in setup
    report, test = _readme_command("report"), _readme_command("test")
    assert report.startswith("python3 -m venv .venv && .venv/bin/pip install . ")
    assert report.rstrip().endswith(".venv/bin/tracker report")
    assert "pip install -e '.[test]'" in test and test.rstrip().endswith(".venv/bin/pytest")


# --- links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(PAGES), ids=_name)
def test_links_lead_to_a_section_or_a_file(path):
    """Every link of a page leads to a file of the repository, and every `#anchor` (on the page
    itself or on another page) to a heading there."""
    prose = re.sub(r"`[^`\n]*`", "", _prose(PAGES[path]))
    for target in re.findall(r"\]\((?!https?://|mailto:)([^)\s]+)\)", prose):
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.exists(), f"{_name(path)}: no file {file}"
        if anchor:
            assert linked in PAGES, f"{_name(path)}: {target} is an anchor in no page"
            assert anchor in _anchors(linked), f"{_name(path)}: no section for {target}"


# --- keys, columns and statuses as the commands print them ----------------------------------------


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def shipped(monkeypatch):
    monkeypatch.setenv("TRACKER_ROOT", str(ROOT / "commitments"))
    monkeypatch.chdir(ROOT)


def test_list_json_fields_and_csv_columns(shipped):
    record = json.loads(_run("list", "--format", "json"))[0]
    assert _table_names(_section("JSON fields")) == list(record)
    header = next(csv.reader(io.StringIO(_run("list", "--format", "csv"))))
    assert sorted(_table_names(_section("CSV columns"), "column")) == sorted(header)


def test_report_json_keys(shipped):
    report = json.loads(_run("report", "--format", "json"))
    section = _section("Report JSON keys")
    assert sorted(_table_names(section)) == sorted(report)
    for key in [*report["total"], *report["pledges"][0], *report["declarations"][0]]:
        assert f'"{key}"' in section, key


def test_validate_and_import_json_keys(shipped):
    fixture = str(ROOT / "tests" / "fixtures" / "western-balkans-2018-en.txt")
    paragraph = json.loads(_run("import", fixture, "--dry-run", "--format", "json"))[0]
    assert sorted(_table_names(_section("Import JSON keys"))) == sorted(paragraph)
    validate = _command_section("validate")
    for key in ("path", "line", "level", "code", "message"):
        assert f'"{key}"' in validate, key


@pytest.mark.parametrize("kind", ["table", "view"])
def test_sqlite_tables_views_and_columns(kind, shipped, tmp_path):
    database = tmp_path / "pledges.db"
    _run("export", "--format", "sqlite", "--output", str(database))
    rows = {
        # a column is a bare name: `declarations.slug` is what a key refers to
        row[0].strip("`"): [n for n in re.findall(r"`([^`]+)`", row[2]) if n.isidentifier()]
        for row in _table(_section("SQLite tables"), kind)
    }
    with sqlite3.connect(database) as db:
        query = "SELECT name FROM sqlite_master WHERE type = ?"
        names = [name for (name,) in db.execute(query, (kind,))]
        assert sorted(rows) == sorted(names)
        for name in names:
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({name})")]
            # a view's row may go on to name the values of a column (`reason`: `overdue`, …)
            documented = rows[name] if kind == "table" else rows[name][: len(columns)]
            assert documented == columns, name


def test_status_vocabulary():
    names = _table_names(_section("Status vocabulary"), "status")
    assert names == [status.value for status in Status]


# --- the file format's examples -------------------------------------------------------------------


def _marked(marker: str) -> list[Block]:
    return [block for path in PAGES for block in _blocks(path) if block.marker == marker]


def test_file_format_examples_are_valid(tmp_path):
    from tracker.store import load
    from tracker.validate import check

    (pledge,) = _marked("check: pledge")
    (declaration,) = _marked("check: declaration")
    root = tmp_path / "commitments"
    folder = root / "example-2025"
    folder.mkdir(parents=True)
    (folder / "declaration.yaml").write_text(declaration.text, encoding="utf-8")
    (folder / "01.yaml").write_text(pledge.text, encoding="utf-8")
    minimal = "title: Another example\nstatus: unassessed\n"
    for other in yaml.safe_load(pledge.text)["related"]:
        slug, _, number = other.rpartition("-")
        (root / slug / f"{number}.yaml").write_text(minimal, encoding="utf-8")
    for slug in yaml.safe_load(declaration.text)["related"]:
        (root / slug).mkdir()
        (root / slug / "declaration.yaml").write_text("title: Another\n", encoding="utf-8")
        (root / slug / "01.yaml").write_text(minimal, encoding="utf-8")
    assert check(load(root), today=dt.date(2026, 1, 1)) == []


# --- the checked examples -------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    command: str
    expected: list[str]


def _steps(block: Block) -> list[Step]:
    steps: list[Step] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            steps.append(Step(line[2:], []))
        else:
            assert steps, f"{block.page} line {block.line}: output before the first command"
            steps[-1].expected.append(line.rstrip())
    return steps


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _sqlite3(args: list[str]) -> list[str]:
    """What `sqlite3 [-header] FILE "SQL"` prints in its default list mode, run with Python's
    sqlite3 on the file an example's `tracker export` wrote: columns joined by `|`, NULL empty."""
    header = args[0] == "-header"
    database, sql = args[header:]
    with contextlib.closing(sqlite3.connect(database)) as db:
        cursor = db.execute(sql)
        rows = [[column[0] for column in cursor.description]] if header else []
        rows += [["" if value is None else str(value) for value in row] for row in cursor]
    return ["|".join(row) for row in rows]


def _check(block: Block, monkeypatch) -> None:
    runner = CliRunner()
    monkeypatch.delenv("TRACKER_ROOT", raising=False)
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    code = None
    for step in _steps(block):
        if step.command == "echo $?":
            got = [str(code)]
        elif step.command.startswith("sqlite3 "):
            got, code = _sqlite3(shlex.split(step.command)[1:]), 0
        else:
            args = shlex.split(step.command)
            assert args[0] == "tracker", (
                f"{block.page} line {block.line}: cannot check {step.command!r}"
            )
            result = runner.invoke(app, args[1:], env=env, catch_exceptions=False)
            got, code = _lines(result.output), result.exit_code
        assert got == _lines("\n".join(step.expected)), (
            f"{block.page} line {block.line}: {step.command}"
        )


@pytest.fixture(scope="module")
def shipped_copy(tmp_path_factory) -> Path:
    """The shipped data and the importer's fixtures, copied so that no example can change them."""
    base = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "commitments", base / "commitments")
    shutil.copytree(ROOT / "tests" / "fixtures", base / "tests" / "fixtures")
    return base


CHECKED = _marked("check")


@pytest.mark.parametrize("block", CHECKED, ids=[f"{block.page}:{block.line}" for block in CHECKED])
def test_checked_example(block, shipped_copy, monkeypatch):
    monkeypatch.chdir(shipped_copy)
    _check(block, monkeypatch)


def test_the_tour(tmp_path, monkeypatch):
    tour = [block for block in _blocks(README_PATH) if block.marker == "check: tour"]
    assert len(tour) >= 4
    shutil.copytree(ROOT / "commitments", tmp_path / "commitments")
    monkeypatch.chdir(tmp_path)
    for block in tour:
        _check(block, monkeypatch)


def test_there_are_checked_examples():
    assert len(CHECKED) >= 8
    assert all(block.info == "console" for block in CHECKED)
