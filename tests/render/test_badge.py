import xml.etree.ElementTree as ET

import pytest

from tracker.render.badge import colour, endpoint, svg
from tracker.report import Figures

SVG = "{http://www.w3.org/2000/svg}"


def figures(completed: int, pledges: int, unassessed: int = 0) -> Figures:
    by_status = {"completed": completed, "unassessed": unassessed}
    by_status["in-progress"] = pledges - completed - unassessed
    assessed = pledges - unassessed
    return Figures(pledges, by_status, 0, 0, assessed, None)


def test_endpoint_json_for_shields():
    assert endpoint(figures(7, 11)) == (
        "{\n"
        '  "schemaVersion": 1,\n'
        '  "label": "pledges",\n'
        '  "message": "7/11 completed",\n'
        '  "color": "green"\n'
        "}\n"
    )


@pytest.mark.parametrize(
    ("completed", "pledges", "unassessed", "expected"),
    [
        (3, 4, 0, "brightgreen"),
        (2, 4, 0, "green"),
        (1, 4, 0, "yellow"),
        (1, 5, 0, "orange"),
        (0, 4, 0, "red"),
        (0, 4, 4, "lightgrey"),  # nobody has looked yet: not a failure
        (0, 0, 0, "lightgrey"),
    ],
)
def test_colour_follows_the_share_completed(completed, pledges, unassessed, expected):
    assert colour(figures(completed, pledges, unassessed)) == expected


def test_svg_is_well_formed_and_escapes_the_label():
    label = 'a<b>&"c'
    root = ET.fromstring(svg(figures(7, 11), label))
    assert root.tag == f"{SVG}svg"
    assert root.get("aria-label") == f"{label}: 7/11 completed"
    assert root.find(f"{SVG}title").text == f"{label}: 7/11 completed"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == [label, label, "7/11 completed", "7/11 completed"]
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert "#97ca00" in fills  # green
    assert int(root.get("width")) > 100


def test_a_label_with_control_characters_still_makes_well_formed_svg():
    root = ET.fromstring(svg(figures(7, 11), "pledges\x1b[31m\x00"))
    assert root.find(f"{SVG}title").text == "pledges\\x1b[31m\\x00: 7/11 completed"
