import json
import xml.etree.ElementTree as ET


def test_badge_writes_endpoint_json_and_svg(sample, cli):
    result = cli("badge", "--output-dir", "site/badges")
    assert result.exit_code == 0
    assert result.stdout == "pledges: 1/5 completed\n"
    folder = sample.base / "site/badges"
    assert json.loads((folder / "pledges.json").read_text(encoding="utf-8")) == {
        "schemaVersion": 1,
        "label": "pledges",
        "message": "1/5 completed",
        "color": "orange",
    }
    root = ET.fromstring((folder / "pledges.svg").read_text(encoding="utf-8"))
    assert root.get("aria-label") == "pledges: 1/5 completed"


def test_badge_name_label_and_narrowing(sample, cli):
    result = cli("badge", "--name", "alpha", "--label", "Alpha", "-d", "alpha-2020")
    assert result.stdout == "Alpha: 1/3 completed\n"
    assert json.loads((sample.base / "alpha.json").read_text())["message"] == "1/3 completed"
    assert (sample.base / "alpha.svg").exists()


def test_badge_replaces_old_badges(sample, cli):
    (sample.base / "pledges.json").write_text("{}", encoding="utf-8")
    assert cli("badge").exit_code == 0
    assert json.loads((sample.base / "pledges.json").read_text())["schemaVersion"] == 1


def test_a_badge_name_with_a_slash_is_refused(sample, cli):
    result = cli("badge", "--name", "../x")
    assert result.exit_code == 2
    assert not (sample.base.parent / "x.json").exists()


def test_an_unknown_actor_exits_1_with_the_nearest_known_and_writes_nothing(sample, cli):
    result = cli("badge", "--actor", "Europl", "-o", "badges")
    assert result.exit_code == 1
    assert result.stderr == "error: no actor 'Europl' (did you mean Europol?)\n"
    assert not (sample.base / "badges").exists()
