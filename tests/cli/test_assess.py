import difflib
import json

import pytest
from tests.cli.test_update import HAND_WRITTEN


@pytest.fixture
def assessed(git, cli):
    """The hand-written pledge committed, then assessed twice (by two actors) in a second
    commit."""
    git.write("commitments/eu-clasi-2023/declaration.yaml", "title: EU–CLASI\n")
    git.write("commitments/eu-clasi-2023/20.yaml", HAND_WRITTEN)
    git.commit("Add pledge 20", "2024-01-10")
    first = cli(
        "assess",
        "clasi-2023-20",
        "--actor",
        "Spain",
        "--score",
        "-1",
        "--note",
        "No joint analysis reported by the end of 2024.",
        "--link",
        "https://example.org/council-report",
        "--date",
        "2024-12",
    )
    assert first.exit_code == 0, first.output
    assert first.stdout == "eu-clasi-2023-20: assessment 2024-12 by Spain added (-1)\n"
    second = cli(
        "assess", "eu-clasi-2023-20", "-a", "Europol", "--score", "+1", "--date", "2025-01-15"
    )
    assert second.exit_code == 0, second.output
    git.commit("Assess pledge 20", "2025-02-01")
    return git


def test_an_assessment_adds_lines_and_changes_none(git, cli):
    git.write("commitments/eu-clasi-2023/declaration.yaml", "title: EU–CLASI\n")
    path = git.base / "commitments/eu-clasi-2023/20.yaml"
    git.write("commitments/eu-clasi-2023/20.yaml", HAND_WRITTEN)
    result = cli("assess", "clasi-2023-20", "-a", "Spain", "--score", "0", "--note", "Partly.")
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(HAND_WRITTEN.splitlines(), after.splitlines(), lineterm=""))
    changed = [line for line in diff[2:] if line[:1] in "+-" and not line.startswith("@@")]
    assert changed and all(line.startswith("+") for line in changed)
    assert "+assessments:" in changed and "+    note: Partly." in changed


def test_an_assessment_round_trips_through_show(assessed, cli):
    record = json.loads(cli("show", "clasi-2023-20", "--format", "json").stdout)
    assert record["assessments"] == [
        {
            "actor": "Spain",
            "score": -1,
            "date": "2024-12",
            "note": "No joint analysis reported by the end of 2024.",
            "links": ["https://example.org/council-report"],
        },
        {"actor": "Europol", "score": 1, "date": "2025-01-15", "links": []},
    ]
    text = cli("show", "clasi-2023-20").stdout
    assert "2025-01-15  +1  Europol" in text
    assert "2024-12     -1  Spain  No joint analysis reported by the end of 2024." in text


def test_history_and_changes_say_what_each_assessment_was(assessed, cli):
    said = [
        "assessment 2024-12 by Spain added (-1): No joint analysis reported by the end of 2024.",
        "assessment 2025-01-15 by Europol added (+1)",
    ]
    history = cli("history", "clasi-2023-20").stdout
    assert all(words in history for words in said)
    assert "edited" not in history
    changes = cli("changes", "--since", "HEAD~1").stdout
    assert all(words in changes for words in said)
    assert "2 assessments added" in changes
    data = json.loads(cli("changes", "--since", "HEAD~1", "-f", "json").stdout)
    moved = data["declarations"][0]["pledges"][0]
    assert [(a["actor"], a["score"]) for a in moved["assessments_added"]] == [
        ("Spain", -1),
        ("Europol", 1),
    ]
    assert moved["edited"] == [] and data["counts"]["assessments_added"] == 2


def test_a_rewritten_assessment_is_an_edit(assessed, cli):
    path = assessed.base / "commitments/eu-clasi-2023/20.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("score: -1", "score: 0"))
    assessed.commit("Rescore", "2025-03-01")
    delta = json.loads(cli("history", "clasi-2023-20", "-f", "json").stdout)["commits"][0]
    assert delta["edited"] == ["assessments"]
    assert [a["score"] for a in delta["assessments_added"]] == [0]


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["--score", "2"], 2, "error: --score: '2' is not one of: -1, 0, 1, +1\n"),
        (["--score", "1", "--link", "ftp://x"], 2, "error: --link: "),
        (["--score", "1", "--date", "someday"], 2, "error: --date: "),
        (["--score", "1", "--note", ""], 1, "error: "),
    ],
)
def test_a_bad_assessment_writes_nothing(git, cli, args, code, said):
    git.write("commitments/eu-clasi-2023/declaration.yaml", "title: EU–CLASI\n")
    git.write("commitments/eu-clasi-2023/20.yaml", HAND_WRITTEN)
    result = cli("assess", "clasi-2023-20", "-a", "Spain", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(said) and result.stderr.count("\n") == 1
    path = git.base / "commitments/eu-clasi-2023/20.yaml"
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
