import pytest


@pytest.fixture
def balkans(repo):
    repo.declaration("eu-western-balkans-2018")
    for number in ("01", "02", "08"):
        repo.pledge("eu-western-balkans-2018", number, "title: T\nstatus: unassessed\n")
    return repo


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_new_continues_the_numbering_with_its_padding(balkans, cli):
    result = cli(
        "new",
        "eu-western-balkans-2018",
        "--title",
        "Fight arms trafficking",
        "--actor",
        "EU",
        "--actor",
        "Western Balkan partners",
        "--theme",
        "firearms",
        "--due",
        "31 December 2099",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "eu-western-balkans-2018-09: created commitments/eu-western-balkans-2018/09.yaml\n"
    )
    path = balkans.root / "eu-western-balkans-2018" / "09.yaml"
    assert path.read_text() == (
        "title: Fight arms trafficking\nstatus: unassessed\n"
        "actors: [EU, Western Balkan partners]\nthemes: [firearms]\ndue: 2099-12-31\n"
    )
    validated = cli("validate", str(path))
    assert validated.exit_code == 0
    assert validated.stdout == ""


def test_new_with_a_number_and_a_status(balkans, cli):
    result = cli(
        "new", "eu-western-balkans-2018", "--title", "T", "--number", "12a", "-s", "in-progress"
    )
    assert result.exit_code == 0
    path = balkans.root / "eu-western-balkans-2018" / "12a.yaml"
    assert path.read_text() == "title: T\nstatus: in-progress\n"


def test_new_never_overwrites(balkans, cli):
    folder = balkans.root / "eu-western-balkans-2018"
    before = (folder / "08.yaml").read_bytes()
    result = cli("new", "eu-western-balkans-2018", "--title", "Other", "--number", "8")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: commitments/eu-western-balkans-2018/08.yaml: paragraph 8 of "
        "eu-western-balkans-2018 exists already (08.yaml): not overwritten\n"
    )
    assert (folder / "08.yaml").read_bytes() == before
    assert names(folder) == ["01.yaml", "02.yaml", "08.yaml", "declaration.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["..", "--title", "T"], "error: '..' is not a declaration slug"),
        (["eu/western", "--title", "T"], "error: 'eu/western' is not a declaration slug"),
        (["EU-2018", "--title", "T"], "error: 'EU-2018' is not a declaration slug"),
        (["eu 2018", "--title", "T"], "error: 'eu 2018' is not a declaration slug"),
        (["--declaration", "../up", "--title", "T"], "error: '../up' is not a declaration slug"),
        (
            ["eu-western-balkans-2018", "--title", "T", "--number", "../9"],
            "error: '../9' is not a pledge number",
        ),
        (
            ["eu-western-balkans-2018", "--title", "T", "--number", "9 b"],
            "error: '9 b' is not a pledge number",
        ),
        (["eu-western-balkans-2018", "--title", "T", "-s", "open"], "error: --status: unknown"),
        (
            ["eu-western-balkans-2018", "--title", "T", "--due", "2020"],
            "error: --due: '2020' is not a full date",
        ),
        (
            ["eu-western-balkans-2018", "--title", "T", "--short", "X"],
            "error: --date and --short are for declarations",
        ),
        (["--declaration", "x-2024", "--title", "T", "--number", "1"], "error: --number, --actor"),
        (["eu-western-balkans-2018", "--title", "x" * 101], "error: title is 101 characters"),
    ],
)
def test_bad_names_and_options_are_refused_in_one_line(balkans, cli, args, message):
    before = sorted(p.relative_to(balkans.base) for p in balkans.base.rglob("*"))
    result = cli("new", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert sorted(p.relative_to(balkans.base) for p in balkans.base.rglob("*")) == before


def test_a_pledge_needs_its_declaration(repo, cli):
    result = cli("new", "eu-x-2024", "--title", "T")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no declaration 'eu-x-2024' (start one with: tracker new --declaration eu-x-2024 "
        "--title TITLE)\n"
    )


def test_new_declaration_then_its_first_pledge(repo, cli):
    result = cli(
        "new", "--declaration", "eu-x-2024", "--title", "Joint statement", "--date", "March 2024"
    )
    assert result.exit_code == 0
    assert result.stdout == "eu-x-2024: created commitments/eu-x-2024/declaration.yaml\n"
    folder = repo.root / "eu-x-2024"
    assert (folder / "declaration.yaml").read_text() == "title: Joint statement\ndate: 2024-03\n"
    assert cli("new", "eu-x-2024", "--title", "First").stdout == (
        "eu-x-2024-01: created commitments/eu-x-2024/01.yaml\n"
    )
    again = cli("new", "--declaration", "eu-x-2024", "--title", "Other")
    assert again.exit_code == 1
    assert "exists already" in again.stderr
    assert (folder / "declaration.yaml").read_text() == "title: Joint statement\ndate: 2024-03\n"
    assert cli("validate").exit_code == 0
