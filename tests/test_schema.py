import datetime as dt
from pathlib import Path

import pytest

from tracker import schema
from tracker.model import Declaration, Pledge
from tracker.store import yamlfile


def _messages(kind, data):
    result = schema.validate(kind, data)
    assert isinstance(result, list), "expected validation errors"
    return [(e.location, e.code, e.message) for e in result]


def test_a_minimal_pledge_validates():
    pledge = schema.validate(Pledge, {"title": "T", "status": "partial"})
    assert isinstance(pledge, Pledge)
    assert pledge.actors == () and pledge.due is None


def test_a_full_pledge_validates_into_typed_values():
    pledge = schema.validate(
        Pledge,
        {
            "title": "T",
            "status": "in-progress",
            "due": "2025-12-31",
            "actors": ["CLASI"],
            "original": {"language": "da", "text": "påtager os at"},
            "links": [{"url": "https://e.org", "title": "x", "kind": "follow-up"}],
            "updates": [{"date": "2022-10", "status": "in-progress", "note": "n"}],
            "assessments": [{"actor": "Spain", "score": -1, "date": "2024-06-30"}],
        },
    )
    assert pledge.due == dt.date(2025, 12, 31)
    assert pledge.updates[0].date.isoformat() == "2022-10"
    assert pledge.assessments[0].score == -1
    assert pledge.original.text == "påtager os at"


def test_unknown_key_suggests_the_closest_known_one():
    [(location, code, message)] = _messages(
        Pledge, {"title": "T", "status": "partial", "sumary": ""}
    )
    assert location == ("sumary",) and code == "unknown-key"
    assert message == "unknown key 'sumary' (did you mean 'summary'?)"


def test_unknown_key_in_an_update_names_its_place():
    errors = _messages(
        Pledge, {"title": "T", "status": "partial", "updates": [{"date": "2024-01-01", "nte": "x"}]}
    )
    assert errors == [
        (
            ("updates", 0, "nte"),
            "unknown-key",
            "updates[0]: unknown key 'nte' (did you mean 'note'?)",
        )
    ]


def test_unknown_status_in_the_words_ci_shows():
    [(_, code, message)] = _messages(Pledge, {"title": "T", "status": "done"})
    assert (code, message) == ("status", "unknown status 'done'")


def test_a_near_miss_status_gets_a_suggestion():
    [(_, _, message)] = _messages(Pledge, {"title": "T", "status": "complete"})
    assert message == "unknown status 'complete' (did you mean 'completed'?)"


def test_missing_required_keys():
    codes = {e[1] for e in _messages(Pledge, {})}
    assert codes == {"missing-key"}
    assert {e[0] for e in _messages(Pledge, {})} == {("title",), ("status",)}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ["T"]}, "title must be text, not a list"),
        ({"actors": "Europol"}, "actors must be a list, not text"),
        ({"original": "text"}, "original must be a mapping, not text"),
        ({"title": "x" * 101}, "title is 101 characters long; the limit is 100"),
        ({"title": ""}, "title is empty"),
        ({"due": "2023-02-30"}, "due: '2023-02-30' is not a real date"),
        ({"due": 20231231}, "due: '20231231' is not a date"),
        ({"links": [{"url": "javascript:alert(1)"}]}, "is not an http(s) link"),
        ({"assessments": [{"actor": "A", "score": 2}]}, "score must be -1, 0 or 1"),
        ({"links": [{"url": "https://a.org", "kind": "blog"}]}, "unknown link kind 'blog'"),
    ],
)
def test_wrong_values_get_plain_messages(data, message):
    errors = _messages(Pledge, {"title": "T", "status": "partial", **data})
    assert any(message in e[2] for e in errors), errors


def test_declaration_requires_only_a_title():
    declaration = schema.validate(Declaration, {"title": "D"})
    assert isinstance(declaration, Declaration) and declaration.date is None


def test_declaration_numbering_is_a_closed_vocabulary():
    errors = _messages(Declaration, {"title": "D", "numbering": "roman"})
    assert errors[0][0] == ("numbering",)


def test_json_schema_forbids_unknown_keys_and_lists_statuses():
    pledge = schema.json_schema(Pledge)
    assert pledge["additionalProperties"] is False
    assert pledge["required"] == ["title", "status"]
    assert "completed" in pledge["properties"]["status"]["enum"]
    assert schema.json_schema(Declaration)["required"] == ["title"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "\x1b[2JAll done"}, "title contains the control character U+001B"),
        ({"summary": "Done.\rNot done."}, "summary contains the control character U+000D"),
        ({"actors": ["Europol\x9b"]}, "actors[0] contains the control character U+009B"),
        ({"title": "Two\nlines"}, "title must be one line"),
        ({"title": "A\ttab"}, "title must be one line"),
    ],
)
def test_control_characters_are_refused_in_text(data, message):
    found = schema.validate(Pledge, {"title": "T", "status": "unassessed", **data})
    assert [(error.code, error.message.startswith(message)) for error in found] == [
        ("control", True)
    ]


def test_tabs_line_breaks_and_bidirectional_text_are_kept():
    data = {
        "title": "مشاركة البيانات \u202bEU\u202c",
        "status": "unassessed",
        "summary": "Line one\n\tindented line two\n",
    }
    pledge = schema.validate(Pledge, data)
    assert isinstance(pledge, Pledge)
    assert pledge.title == data["title"] and pledge.summary == data["summary"]


def test_a_key_that_is_not_text_is_named():
    [error] = schema.validate(Pledge, {"title": "T", "status": "unassessed", 1: "x"})
    assert (error.code, error.message, error.at_key) == (
        "unknown-key",
        "key 1 is not a name: keys are names such as 'title'",
        True,
    )


def test_a_file_with_many_problems_gets_the_first_ones_and_a_count():
    data = {"title": "T", "status": "unassessed"} | {f"key{n}": n for n in range(1000)}
    found = schema.validate(Pledge, data)
    assert len(found) == schema.MAX_PROBLEMS + 1
    assert found[-1].message.startswith("980 more problems from here on")
    assert found[-1].location == ("key20",)


# --- provenance fields ---------------------------------------------------------------------------


def test_inferred_names_a_field_and_gives_its_basis():
    declaration = schema.validate(
        Declaration, {"title": "T", "date": "2024-01-24", "inferred": {"date": "year from"}}
    )
    assert isinstance(declaration, Declaration)
    assert declaration.inferred == {"date": "year from"}
    errors = schema.validate(Declaration, {"title": "T", "inferred": {"datum": "x"}})
    assert [(e.location, e.code) for e in errors] == [(("inferred",), "inferred")]
    assert "'datum' is not a field of a declaration (did you mean 'date'?)" in errors[0].message
    errors = schema.validate(
        Pledge, {"title": "T", "status": "unassessed", "inferred": {"due": ""}}
    )
    assert "basis of inferred 'due'" in errors[0].message


def test_a_pledge_and_a_declaration_infer_their_own_fields():
    errors = schema.validate(
        Pledge, {"title": "T", "status": "unassessed", "inferred": {"venue": "x"}}
    )
    assert "'venue' is not a field of a pledge" in errors[0].message
    json_schema = schema.json_schema(Pledge)["properties"]["inferred"]["anyOf"][0]
    assert "due" in json_schema["propertyNames"]["enum"]
    assert "inferred" not in json_schema["propertyNames"]["enum"]


def test_a_source_keeps_its_origin_file_and_corrections():
    declaration = schema.validate(
        Declaration,
        {
            "title": "T",
            "sources": [
                {
                    "title": "Council note",
                    "publisher": "Council of the EU",
                    "date": "2023-09",
                    "file": "sources/note.txt",
                    "corrections": ["feelles → fælles", "bern -> børn"],
                }
            ],
        },
    )
    assert isinstance(declaration, Declaration)
    assert declaration.sources[0].file == "sources/note.txt"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"title": "T", "file": "/etc/passwd"}, "relative to the declaration's folder"),
        ({"title": "T", "file": "C:/x.txt"}, "relative to the declaration's folder"),
        ({"title": "T", "corrections": ["feelles fælles"]}, "is not a correction"),
        ({"title": "T", "corrections": ["→ fælles"]}, "is not a correction"),
    ],
)
def test_wrong_source_fields_get_plain_messages(source, message):
    errors = schema.validate(Declaration, {"title": "T", "sources": [source]})
    assert isinstance(errors, list) and message in errors[0].message


# tracker builds its validator from the model's type hints without pydantic's own schema
# builder (which takes most of a write's time); it must accept, refuse and explain exactly what
# pydantic's would, on every file the project keeps, broken ones included.
_PROJECT = Path(__file__).parent.parent
_FILES = sorted(
    path
    for folder in (_PROJECT / "commitments", _PROJECT / "tests" / "corpus")
    for path in folder.rglob("*.yaml")
    if path.is_file() and not path.is_symlink() and path.stat().st_size < 64 * 1024
)


def _outcome(validator, data):
    from pydantic_core import ValidationError

    try:
        return validator.validate_python(data)
    except ValidationError as error:
        return [(e["type"], e["loc"], e["msg"]) for e in error.errors(include_url=False)]


@pytest.mark.parametrize("kind", [Pledge, Declaration])
def test_the_validator_is_the_one_pydantic_would_build(kind):
    from pydantic import TypeAdapter

    theirs = TypeAdapter(kind).validator
    mine = schema._validator(kind)
    compared = 0
    for path in _FILES:
        try:
            data = yamlfile.load(path.read_text(encoding="utf-8"))
        except (yamlfile.YamlError, UnicodeDecodeError):
            continue
        variants = [data, {**data, "bogus": 1}] if isinstance(data, dict) else [data]
        for variant in variants:
            assert _outcome(mine, variant) == _outcome(theirs, variant), path
            compared += 1
    assert compared > 100
