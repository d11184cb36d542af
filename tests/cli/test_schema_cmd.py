import json

from tracker.model import Declaration, Pledge


def test_pledge_schema_is_the_default(repo, cli):
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == json.loads(cli("schema", "pledge").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "tracker pledge"
    assert sorted(schema["required"]) == ["status", "title"]
    assert schema["additionalProperties"] is False  # a typo in a key must not pass
    assert set(schema["properties"]) == set(Pledge.__dataclass_fields__)
    assert schema["properties"]["status"]["enum"] == [
        "unassessed",
        "not-started",
        "in-progress",
        "partial",
        "completed",
        "stalled",
        "dropped",
    ]


def test_declaration_schema(repo, cli):
    schema = json.loads(cli("schema", "declaration").stdout)
    assert schema["title"] == "tracker declaration"
    assert schema["required"] == ["title"]
    assert set(schema["properties"]) == set(Declaration.__dataclass_fields__)


def test_schema_needs_no_data_folder(tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    assert cli("schema").exit_code == 0


def test_unknown_kind_is_a_usage_error(repo, cli):
    result = cli("schema", "report")
    assert result.exit_code == 2
