"""JSON and YAML lists written a piece at a time are the same text as written whole."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.render.data import json_list, to_json, to_yaml, yaml_list

# What pledge records hold: text (any, line breaks and quotes included), numbers, null, lists
# and objects, nested.
scalars = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
records = st.lists(st.dictionaries(st.text(min_size=1), values, max_size=5), max_size=5)
SOME = settings(max_examples=60, deadline=None)  # the machine may be busy: no time limit


@SOME
@given(records)
def test_json_list_is_to_json_of_the_whole_list(items):
    assert "".join(json_list(iter(items))) == to_json(items)


@SOME
@given(st.lists(values, max_size=4))
def test_json_list_inside_an_object_is_indented_as_a_value(items):
    whole = to_json({"pledges": items})
    assert "".join(['{\n  "pledges": ', *json_list(items, indent=2), "\n}\n"]) == whole


@SOME
@given(records)
def test_yaml_list_is_to_yaml_of_the_whole_list(items):
    assert "".join(yaml_list(iter(items))) == to_yaml(items)


def test_empty_lists():
    assert "".join(json_list([])) == "[]\n" == to_json([])
    assert "".join(yaml_list([])) == "[]\n" == to_yaml([])
