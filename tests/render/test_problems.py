import json
from pathlib import Path

from tracker.model import Problem
from tracker.render import display_path
from tracker.render.problems import render


def _problems(base: Path):
    return [
        Problem(base / "commitments/x/7.yaml", 4, "error", "status", "unknown status 'done'"),
        Problem(base / "commitments/x", None, "warning", "w", "100%: a,b\nsecond line"),
    ]


def test_text_lines_are_compiler_style_one_line_each(tmp_path):
    assert render(_problems(tmp_path), "text", tmp_path) == (
        "commitments/x/7.yaml:4: error: unknown status 'done'\n"
        "commitments/x: warning: 100%: a,b\\nsecond line\n"
    )


def test_github_annotations_escape_what_would_break_them(tmp_path):
    lines = render(_problems(tmp_path), "github", tmp_path).splitlines()
    assert lines == [
        "::error file=commitments/x/7.yaml,line=4,title=tracker status::unknown status 'done'",
        "::warning file=commitments/x,title=tracker w::100%25: a,b%0Asecond line",
    ]


def test_json_is_a_list_of_records_and_empty_is_brackets(tmp_path):
    records = json.loads(render(_problems(tmp_path), "json", tmp_path))
    assert records[0] == {
        "path": "commitments/x/7.yaml",
        "line": 4,
        "level": "error",
        "code": "status",
        "message": "unknown status 'done'",
    }
    assert json.loads(render([], "json", tmp_path)) == []


def test_paths_outside_the_working_directory_stay_absolute(tmp_path):
    assert display_path(Path("/elsewhere/x.yaml"), tmp_path) == "/elsewhere/x.yaml"


def test_github_properties_escape_colons_and_commas_and_controls_never_pass(tmp_path):
    odd = Problem(tmp_path / "commitments/a,b:c%/7.yaml", 2, "error", "status", "x\x1b[2Jy\r")
    [annotation] = render([odd], "github", tmp_path).splitlines()
    assert annotation == (
        "::error file=commitments/a%2Cb%3Ac%25/7.yaml,line=2,title=tracker status::x\\x1b[2Jy\\r"
    )
