from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.format.loader import ScenarioError, load_scenario, parse_scenario

from .conftest import DATA, SCENARIOS

BROKEN = Path(__file__).parent / "broken"


def expected_messages() -> dict[str, list[str]]:
    expected: dict[str, list[str]] = {}
    for line in (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines():
        expected.setdefault(line.split(":", 1)[0], []).append(line)
    return expected


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.toml")), ids=lambda p: p.stem)
def test_each_broken_scenario_reports_exactly_what_and_where(path):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    reported = [str(p).removeprefix(str(BROKEN) + "/") for p in caught.value.problems]
    assert reported == expected_messages()[path.name]


def test_every_broken_file_has_an_expected_message():
    assert set(expected_messages()) == {p.name for p in BROKEN.glob("*.toml")}


def test_all_problems_of_a_file_come_in_one_report():
    text = (DATA / "mini.toml").read_text()
    text = text.replace("cost = 1\n", "cost = -1\n").replace('actor = "mx"', 'actor = "mexico"')
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "two.toml")
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) >= 2
    assert any("cost: must be >= 0 (got -1)" in m for m in messages)


def test_cross_reference_errors_are_all_reported_with_suggestions():
    text = (DATA / "mini.toml").read_text()
    text = text.replace('target = "mx"', 'target = "mxx"').replace(
        'variable = "approval_us"\nthreshold', 'variable = "aproval_us"\nthreshold'
    )
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "refs.toml")
    messages = [p.message for p in caught.value.problems]
    assert "unknown actor 'mxx' (did you mean 'mx'?)" in messages
    assert "unknown variable 'aproval_us' (did you mean 'approval_us'?)" in messages


def test_a_missing_file_is_a_clear_problem_not_a_crash(tmp_path):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "nope.toml")
    assert "cannot read file" in str(caught.value)


def test_a_binary_file_is_a_clear_problem_not_a_crash(tmp_path):
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(path)


def test_every_shipped_scenario_validates():
    paths = sorted(SCENARIOS.glob("*.toml"))
    assert paths, "no scenarios shipped"
    for path in paths:
        load_scenario(path)


KEYS = [
    "meta",
    "actors",
    "variables",
    "actions",
    "us",
    "title",
    "cost",
    "terms",
    "formula",
    "initial",
    "min",
    "max",
    "effects",
    "turns",
    "start",
    "label",
    "x",
]

toml_values = st.recursive(
    st.booleans()
    | st.integers(-10, 10)
    | st.floats(allow_nan=False, allow_infinity=False, width=32)
    | st.text(max_size=10)
    | st.sampled_from(["2023-03", "us", "deaths * 2", "open(1)"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=4)
    ),
    max_leaves=12,
)


def to_toml(value: object) -> str:
    """A tiny TOML writer: every table inline, enough to produce any shape."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(to_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{k} = {to_toml(v)}" for k, v in value.items()) + "}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS), toml_values, max_size=6))
def test_loader_answers_valid_or_a_clear_error_for_any_toml_shape(data):
    text = "\n".join(f"{key} = {to_toml(value)}" for key, value in data.items())
    try:
        parse_scenario(text, "shape.toml")
    except ScenarioError as exc:
        assert exc.problems
        assert all(str(p).startswith("shape.toml:") for p in exc.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_loader_survives_random_damage_to_a_real_scenario(data):
    text = (DATA / "mini.toml").read_text()
    start = data.draw(st.integers(0, len(text) - 1))
    length = data.draw(st.integers(0, 40))
    insert = data.draw(st.text(max_size=20))
    damaged = text[:start] + insert + text[start + length :]
    try:
        parse_scenario(damaged, "damaged.toml")
    except ScenarioError as exc:
        assert exc.problems
