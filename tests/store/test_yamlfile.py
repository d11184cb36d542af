import os

import pytest
import yaml

from tracker.store import yamlfile


def _error(text: str) -> yamlfile.YamlError:
    with pytest.raises(yamlfile.YamlError) as caught:
        yamlfile.load(text)
    return caught.value


def test_plain_data_with_dates_kept_as_text():
    data = yamlfile.load("title: T\ndue: 2023-02-30\nscore: 1\nok: true\n")
    assert data == {"title": "T", "due": "2023-02-30", "score": 1, "ok": True}


def test_a_key_given_twice_is_an_error_on_the_second_key():
    error = _error("title: A\nstatus: x\ntitle: B\n")
    assert (error.code, error.line) == ("duplicate-key", 3)
    assert "'title' is given twice" in error.message


def test_duplicate_keys_are_found_in_nested_mappings():
    error = _error("updates:\n  - date: 2024-01-01\n    note: a\n    note: b\n")
    assert error.line == 4


def test_aliases_are_refused_so_alias_bombs_cannot_expand():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    error = _error(bomb)
    assert error.code == "yaml-alias"
    assert error.line == 1  # the anchor that is referred to


def test_merge_keys_are_refused():
    assert "merge keys" in _error("a: {x: 1}\nb:\n  <<: {y: 2}\n").message


def test_python_tags_are_refused_and_nothing_is_constructed():
    error = _error("title: !!python/object/apply:os.system ['echo hacked']\n")
    assert error.code == "yaml-tag"
    assert "!!python/object/apply:os.system" in error.message


def test_custom_tags_are_refused():
    assert _error("title: !secret x\n").code == "yaml-tag"


def test_conflict_markers_name_their_line():
    text = "title: A\n<<<<<<< HEAD\nstatus: completed\n=======\nstatus: partial\n>>>>>>> b\n"
    error = _error(text)
    assert (error.code, error.line) == ("conflict-marker", 2)
    assert error.message == (
        "git merge-conflict marker: status differs between the two sides; "
        "choose one and remove the markers"
    )


def test_a_conflict_over_several_fields_names_them_all():
    text = "<<<<<<< ours\ntitle: A\ndue: 2024-01-01\n=======\ntitle: B\n>>>>>>> theirs\n"
    assert _error(text).message == (
        "git merge-conflict marker: title and due differ between the two sides; "
        "choose one and remove the markers"
    )


def test_a_conflict_inside_a_list_asks_for_the_conflict_to_be_resolved():
    text = "title: A\nupdates:\n<<<<<<< ours\n  - date: 2024-01-01\n=======\n>>>>>>> b\n"
    assert _error(text).message == (
        "git merge-conflict marker: resolve the conflict, then remove the markers"
    )


def test_syntax_errors_have_a_line():
    error = _error("title: A\nstatus: [unclosed\nnext: 1\n")
    assert error.code == "yaml" and error.line is not None


def test_tabs_get_a_plain_message():
    error = _error("title: A\n\tstatus: x\n")
    assert "tab" in error.message and error.line == 2


def test_deep_nesting_is_an_error_not_a_crash():
    error = _error("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert error.code == "yaml"


def test_decode_accepts_a_byte_order_mark():
    assert yamlfile.decode("\ufefftitle: x\n".encode()) == "title: x\n"


def test_decode_names_the_line_of_bad_bytes():
    with pytest.raises(yamlfile.YamlError) as caught:
        yamlfile.decode(b"title: a\nsummary: \xff\n")
    assert (caught.value.code, caught.value.line) == ("encoding", 2)


def test_empty_text_is_none():
    assert yamlfile.load("") is None
    assert yamlfile.load("# only a comment\n") is None


TEXT = """\
title: T
status: unassessed
updates:
  - date: 2024-01-01
    note: first
  - date: 2024-02-30
    note: second
"""


@pytest.mark.parametrize(
    ("location", "key", "line"),
    [
        (("status",), False, 2),
        (("updates", 1, "date"), False, 6),
        (("updates", 1, "note"), True, 7),
        (("updates", 5), False, 4),  # past the end: the list itself
        (("missing",), False, 1),  # a missing key: its mapping
    ],
)
def test_line_of_finds_values_and_keys(location, key, line):
    assert yamlfile.line_of(TEXT, location, key=key) == line


# The fast path (libyaml's composer and a small builder) must give exactly what PyYAML's own
# constructor gives, value for value and type for type; anything it does not handle falls back.
SAME_DATA = [
    "title: A\nstatus: in-progress\n",
    "n: 12\nhex: 0x1f\noctal: 0o17\nold_octal: 017\nbig: 1_000\nsexagesimal: 1:30\nneg: -4\n",
    "f: 1.5\ne: 1e3\ninf: .inf\nninf: -.Inf\nnan: .NaN\nsexa: 1:30.5\n",
    "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\ng: y\n",
    "a: ~\nb: null\nc:\nd: ''\ne: 'null'\nf: \"1\"\n",
    "due: 2024-03-14\nwhen: 2024-03-14 10:00:00\nmonth: 2022-10\n",
    "list: [a, 1, 2.5, yes, ~]\nnested:\n  - {x: [1, [2, {y: z}]]}\n  - - deep\n",
    "summary: >-\n  folded\n  text\nliteral: |\n  keep\n  lines\n",
    "explicit: !!str 123\nint: !!int '7'\nfloat: !!float '2'\nbool: !!bool 'yes'\n",
    "anchor: &a plain\nkey: value with & and # marks\n",
    "title: Ü ñ — 中文\n",
    "",
    "# only a comment\n",
    "- a\n- b\n",
    "just text\n",
    "{a: 1, b: {c: [d]}}\n",
    "? complex\n: value\n",
]


@pytest.mark.parametrize("text", SAME_DATA)
def test_the_fast_path_gives_what_pyyaml_gives(text):
    fast = yamlfile._fast_load(text)
    careful = yamlfile._careful_load(text)
    assert fast == careful
    assert repr(fast) == repr(careful)  # same types too: 1 is not True, 1.0 is not 1
    assert yamlfile.load(text) == careful


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a repeated key
        "1: one\n01: one again, as YAML 1.1 reads it\n",  # one key written two ways
        "a: {x: 1}\nb:\n  <<: {y: 2}\n",  # a merge key
        "a: !!binary aGVsbG8=\n",  # a tag the builder leaves alone
        "a: !!timestamp 2024-01-01\n",
        "a: !custom x\n",
        "a: [unclosed\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "{[1]: x}\n",  # a list as a key
    ],
)
def test_what_the_fast_path_does_not_handle_goes_the_careful_way(text):
    with pytest.raises((yamlfile._Unusual, yaml.YAMLError)):
        yamlfile._fast_load(text)
    try:
        expected = yamlfile._careful_load(text)
    except yamlfile.YamlError as error:
        with pytest.raises(yamlfile.YamlError) as caught:
            yamlfile.load(text)
        assert (caught.value.code, caught.value.line, caught.value.message) == (
            error.code,
            error.line,
            error.message,
        )
    else:
        assert yamlfile.load(text) == expected


# --- what reading refuses, and how errors read ------------------------------------------------


def test_read_returns_a_regular_file_whole(tmp_path):
    path = tmp_path / "7.yaml"
    path.write_bytes(b"title: T\n" * 1000)
    assert yamlfile.read(path) == b"title: T\n" * 1000


def test_read_refuses_a_named_pipe_without_blocking(tmp_path):
    pipe = tmp_path / "7.yaml"
    os.mkfifo(pipe)
    with pytest.raises(yamlfile.YamlError) as caught:
        yamlfile.read(pipe)  # would wait for a writer for ever if it opened the pipe to read
    assert caught.value.code == "not-a-file"
    assert "named pipe" in caught.value.message


def test_read_refuses_a_folder(tmp_path):
    with pytest.raises(yamlfile.YamlError, match="is a folder"):
        yamlfile.read(tmp_path)


def test_read_refuses_a_large_file_before_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "7.yaml"
    with path.open("wb") as handle:
        handle.truncate(yamlfile.MAX_BYTES + 1)  # sparse: nothing on disk to read
    monkeypatch.setattr(os, "read", lambda *args: pytest.fail("read a file over the limit"))
    with pytest.raises(yamlfile.YamlError) as caught:
        yamlfile.read(path)
    assert caught.value.code == "too-large"
    assert f"{yamlfile.MAX_BYTES + 1:,} bytes" in caught.value.message


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "7.yaml"
    path.write_bytes(b"#" * yamlfile.MAX_BYTES)
    assert len(yamlfile.read(path)) == yamlfile.MAX_BYTES


def test_a_file_that_grows_while_read_is_held_to_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "7.yaml"
    path.write_bytes(b"title: T\n")
    real_read = os.read

    def growing(descriptor, size):  # another process appends as fast as we read
        data = real_read(descriptor, size)
        return data or b"x" * size

    monkeypatch.setattr(os, "read", growing)
    with pytest.raises(yamlfile.YamlError, match="more than the 128 KiB"):
        yamlfile.read(path)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('title: "unclosed\nstatus: x\n', 1, "a quote that is never closed"),
        ("title: A\nactors:\n\t- a\n", 3, "a tab character: YAML needs spaces here"),
        ("title: A\n  status: x\n", 2, "check this line's indentation"),
        ("title: A\n---\ntitle: B\n", 2, "a second YAML document"),
        ("title: A\n? [a]\n: x\n", 2, "a key that is a list or a mapping"),
        ("title: A\nnote: a\x00b\n", 2, "a control character (U+0000)"),
        ("title: A\ndue: 1" + "0" * 5000 + "\n", 2, "cannot be read as !!int"),
        ("title: A\ndue: !!int x\n", 2, "cannot be read as !!int"),
        ("title: A\ndue: !!timestamp soon\n", 2, "cannot be read as !!timestamp"),
    ],
)
def test_errors_say_what_to_fix_on_one_line_with_its_number(text, line, message):
    error = _error(text)
    assert message in error.message
    assert error.line == line
    assert "\n" not in error.message


def test_a_locator_finds_many_lines_of_one_text():
    lines = yamlfile.Locator(TEXT)
    assert [lines.line(("updates", i, "note")) for i in range(2)] == [5, 7]
    assert lines.line(("status",)) == 2
    assert yamlfile.Locator("").line(("title",)) == 1
    assert yamlfile.Locator("a: [unclosed\n").line(("a", 0)) is None


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        # a top-level key is found by a scan; indented lines of a block scalar do not count
        ("title: T\nsummary: |\n  status: fake\nstatus: done\n", False, 4),
        ("title: T\nstatus: done  # why\n", False, 2),
        # the value on the next line, or a flow mapping: the parser decides
        ("title: T\nstatus:\n  done\n", False, 3),
        ("title: T\nstatus:\n  done\n", True, 2),
        ("{title: T,\n status: done}\n", False, 2),
    ],
)
def test_top_level_keys_are_found_by_a_scan_only_where_it_is_sure(text, key, line):
    assert yamlfile.Locator(text).line(("status",), key=key) == line


def test_a_key_that_is_not_text_is_located_by_how_it_is_written():
    assert yamlfile.line_of("title: T\n1: x\n", (1,), key=True) == 2
