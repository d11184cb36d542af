import pytest

PLEDGE = (
    "title: Share data\nstatus: in-progress  # since May\nlinks:\n  - url: https://example.org/a\n"
)


@pytest.fixture
def path(repo):
    repo.declaration("decl-2020")
    return repo.pledge("decl-2020", "1", PLEDGE)


def test_link_adds_a_link_with_title_and_kind(path, cli):
    result = cli(
        "link",
        "decl-2020-1",
        "https://example.org/b",
        "--title",
        "Annual report",
        "--kind",
        "evidence",
    )
    assert result.exit_code == 0
    assert result.stdout == "decl-2020-1: link https://example.org/b added\n"
    assert path.read_text() == PLEDGE + (
        "  - url: https://example.org/b\n    title: Annual report\n    kind: evidence\n"
    )


def test_a_link_the_pledge_has_is_reported_not_added(path, cli):
    result = cli("link", "decl-2020-1", "https://example.org/a", "--kind", "news")
    assert result.exit_code == 0
    assert result.stdout == (
        "decl-2020-1: https://example.org/a is already linked: nothing added\n"
    )
    assert path.read_text() == PLEDGE


def test_link_diff(path, cli):
    result = cli("link", "decl-2020-1", "https://example.org/c", "--diff")
    assert result.stdout.splitlines()[1:] == [
        "--- a/commitments/decl-2020/1.yaml",
        "+++ b/commitments/decl-2020/1.yaml",
        "@@ -2,3 +2,4 @@",
        " status: in-progress  # since May",
        " links:",
        "   - url: https://example.org/a",
        "+  - url: https://example.org/c",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["decl-2020-1", "ftp://example.org/x"], 2, "error: URL: 'ftp://example.org/x' is not"),
        (["decl-2020-1", "example.org/x"], 2, "error: URL: 'example.org/x' is not an http(s)"),
        (["decl-2020-1", "https://example.org/x", "--kind", "blog"], 2, "error: --kind: 'blog'"),
        (["decl-2020-2", "https://example.org/x"], 1, "error: no pledge 'decl-2020-2'"),
    ],
)
def test_bad_input_is_one_line_and_leaves_the_file_as_it_was(path, cli, args, code, message):
    result = cli("link", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert path.read_text() == PLEDGE
