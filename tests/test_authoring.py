"""Authoring: the template, the guide's examples, the editor schema and the model card.

The guide (docs/authoring.md) marks each example with an HTML comment saying how it is checked:

- ``<!-- check: excerpt of template -->``: the TOML appears verbatim in scenarios/template.toml.
- ``<!-- check: merge into template -->``: the TOML's tables are merged key by key into the
  template (changing existing values); the result must validate.
- ``<!-- check: append to template -->``: the TOML is appended to the template; the result must
  validate.
- ``<!-- check: append to template as PATH -->``: the TOML is appended to the template and saved
  as PATH for the console examples after it (it may be deliberately broken).
- ``<!-- check: run and compare output -->``: a console block; each ``$ `` command is run in a
  folder holding a copy of scenarios/ and must print exactly the lines under it.
- ``<!-- check: run, output not shown -->``: a console block whose commands must exit 0.

``sh`` blocks list commands without output: each must name a known subcommand. ``text`` blocks
are illustrations and are not checked.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from game.format.editor_schema import SCHEMA_FILE, json_schema_text, scenario_json_schema
from game.format.loader import ScenarioError, check_references, load_scenario, parse_scenario
from game.format.reference import BEGIN, END, reference_markdown
from game.format.schema import Scenario
from game.tools.cli import main
from game.tools.modelcard import measured_for, model_card, model_card_for

from .conftest import DEFAULT_SCENARIO, ROOT, SCENARIOS

GUIDE = ROOT / "docs" / "authoring.md"
TEMPLATE = SCENARIOS / "template.toml"
SCHEMA_LINE = "#:schema ./scenario.schema.json"
DEFAULT_CARD = ROOT / "docs" / "model-card-fentanyl_2023.md"
SHIPPED = sorted(SCENARIOS.glob("*.toml"))
CHECK = re.compile(r"^<!-- check: (.+?) -->$")
TOML_MODES = ("excerpt of template", "merge into template", "append to template")
CONSOLE_MODES = ("run and compare output", "run, output not shown")


@dataclass(frozen=True)
class Example:
    """A fenced block of the guide and the check written just above it."""

    language: str
    body: str
    check: str
    line: int

    def __str__(self) -> str:
        return f"{self.language}@{self.line}"


def guide_examples() -> list[Example]:
    examples, previous, fence = [], "", None
    for number, line in enumerate(GUIDE.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if fence is None and stripped.startswith("```") and len(stripped) > 3:
            found = CHECK.match(previous)
            fence = (stripped[3:], found.group(1) if found else "", number, line.index("`"))
            body: list[str] = []
        elif fence is not None and stripped == "```":
            language, check, start, indent = fence
            text = "\n".join(row[indent:] for row in body) + "\n"
            examples.append(Example(language, text, check, start))
            fence = None
        elif fence is not None:
            body.append(line)
        if stripped:
            previous = stripped
    return examples


EXAMPLES = guide_examples()
TOML_EXAMPLES = [e for e in EXAMPLES if e.language == "toml"]


def merged(base: dict, change: dict) -> dict:
    result = dict(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            result[key] = merged(base[key], value)
        else:
            result[key] = value
    return result


def validate_dict(data: dict) -> list[str]:
    scenario = Scenario.model_validate(data)
    return [
        f"{'.'.join(map(str, path))}: {message}" for path, message in check_references(scenario)
    ]


# --- the template -----------------------------------------------------------------------------


def test_the_template_validates_and_uses_every_kind_of_section():
    scenario = load_scenario(TEMPLATE)
    assert 2 <= len(scenario.actors) <= 3
    for actor_id, actor in scenario.actors.items():
        assert sum(a.actor == actor_id for a in scenario.actions.values()) == 2, actor_id
        assert actor.objectives, actor_id
    assert any(p.source for p in scenario.parameters.values())
    assert scenario.delays or any(v.smooth for v in scenario.variables.values())
    assert all(v.terms or v.smooth for v in scenario.variables.values())
    events = scenario.events.values()
    assert any(e.date and not e.when for e in events), "a scheduled event"
    assert any(e.when for e in events), "a conditional event"
    assert any(e.inject for e in events), "an inject"
    assert scenario.elections and scenario.assumptions and scenario.discussion
    assert scenario.display.meters and scenario.display.tension


def test_the_template_explains_every_section_in_comments():
    text = TEMPLATE.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert sum(line.lstrip().startswith("#") for line in lines) >= 60
    for section in ("sources", "actors", "parameters", "counters", "delays", "aux", "variables"):
        first = next(i for i, line in enumerate(lines) if line.startswith(f"[{section}."))
        assert any(line.startswith("#") for line in lines[max(0, first - 8) : first]), section


def test_the_template_plays_a_full_game_and_a_batch_with_computer_players(capsys):
    assert main(["simulate", str(TEMPLATE), "--seed", "4"]) == 0
    assert "12 turns" in capsys.readouterr().out
    assert main(["simulate", str(TEMPLATE), "--games", "3", "--others", "idle"]) == 0


# --- the guide's examples ---------------------------------------------------------------------


def test_the_guide_has_toml_and_console_examples_and_each_says_how_it_is_checked():
    assert len(TOML_EXAMPLES) >= 6
    for example in EXAMPLES:
        if example.language == "toml":
            assert example.check.startswith(TOML_MODES), f"{GUIDE.name}:{example.line}"
        elif example.language == "console":
            assert example.check in CONSOLE_MODES, f"{GUIDE.name}:{example.line}"
        else:
            assert example.language in ("sh", "text"), f"{GUIDE.name}:{example.line}"


@pytest.mark.parametrize("example", TOML_EXAMPLES, ids=str)
def test_every_toml_example_in_the_guide_applies_to_the_template(example):
    template = TEMPLATE.read_text(encoding="utf-8")
    if example.check == "excerpt of template":
        assert example.body in template
    elif example.check == "merge into template":
        data = merged(tomllib.loads(template), tomllib.loads(example.body))
        assert validate_dict(data) == []
        assert data != tomllib.loads(template)
    elif example.check == "append to template":
        try:
            parse_scenario(f"{template}\n{example.body}", f"{GUIDE.name}:{example.line}")
        except ScenarioError as exc:
            pytest.fail(str(exc))
    else:
        assert re.fullmatch(r"append to template as scenarios/\w+\.toml", example.check)


def run_console(example: Example, folder: Path, capsys) -> None:
    commands: list[tuple[str, list[str]]] = []
    for line in example.body.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        else:
            commands[-1][1].append(line)
    for command, expected in commands:
        words = shlex.split(command)
        where = f"{GUIDE.name}:{example.line}: {command}"
        if words[0] == "cp":
            shutil.copy(folder / words[1], folder / words[2])
            printed, status = [], 0
        else:
            assert words[:2] == ["python", "main.py"], where
            status = main(words[2:])
            captured = capsys.readouterr()
            printed = (captured.out + captured.err).splitlines()
        if example.check == "run and compare output":
            assert printed == expected, f"{where} printed:\n" + "\n".join(printed)
        else:
            assert status == 0, where


def test_console_examples_in_the_guide_print_exactly_what_they_show(tmp_path, monkeypatch, capsys):
    shutil.copytree(SCENARIOS, tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    template = TEMPLATE.read_text(encoding="utf-8")
    ran = 0
    for example in EXAMPLES:
        if example.check.startswith("append to template as "):
            target = example.check.removeprefix("append to template as ")
            (tmp_path / target).write_text(f"{template}\n{example.body}", encoding="utf-8")
        elif example.language == "console":
            run_console(example, tmp_path, capsys)
            ran += 1
    assert ran >= 4


def test_commands_listed_in_the_guide_are_known_subcommands(capsys):
    for example in EXAMPLES:
        for line in example.body.splitlines():
            if example.language == "sh" and line.startswith("python main.py "):
                subcommand = line.split()[2]
                assert main([subcommand, "--help"]) == 0, f"{GUIDE.name}:{example.line}: {line}"
    capsys.readouterr()


def test_the_guide_reference_is_generated_from_the_schema():
    text = GUIDE.read_text(encoding="utf-8")
    generated = text.split(BEGIN, 1)[1].split(END, 1)[0]
    assert generated.strip() == reference_markdown().strip(), (
        "docs/authoring.md is stale: run `python main.py reference --write`"
    )
    for name in Scenario.model_fields:
        assert f"| `{name}` |" in generated


# --- the editor schema ------------------------------------------------------------------------


def test_the_schema_file_in_the_repository_is_current():
    assert (ROOT / SCHEMA_FILE).read_text(encoding="utf-8") == json_schema_text(), (
        f"{SCHEMA_FILE} is stale: run `python main.py schema --out {SCHEMA_FILE}`"
    )


def test_the_schema_command_writes_the_schema_file(tmp_path, capsys):
    out = tmp_path / "scenario.schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == json_schema_text()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_points_editors_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == SCHEMA_LINE


@cache
def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / SCHEMA_FILE).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", [*SHIPPED, ROOT / "tests" / "data" / "mini.toml"], ids=str)
def test_every_shipped_scenario_passes_the_json_schema_on_its_own(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in schema_validator().iter_errors(data)]
    assert errors == []


def template_data() -> dict:
    return tomllib.loads(TEMPLATE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"actions": {"Bad-Id": {}}}, ["actions"]),
        ({"parameters": {"9lives": {"value": 1}}}, ["parameters"]),
        ({"meta": {"start": "2023-13"}}, ["meta", "start"]),
        ({"meta": {"colour": "red"}}, ["meta"]),
        ({"actors": {"us": {"objectives": {"x": {"when": "later"}}}}}, ["actors", "us"]),
        ({"actions": {"us_blame_mx": {"cooldown": -1}}}, ["actions", "us_blame_mx", "cooldown"]),
        ({"actions": {"us_blame_mx": {"category": "war"}}}, ["actions", "us_blame_mx"]),
        (
            {"actions": {"us_blame_mx": {"effects": [{"counter": "a", "policy": "b", "add": 1}]}}},
            ["actions", "us_blame_mx", "effects", 0],
        ),
        ({"events": {"inject_seizure": {"inject": False}}}, ["events", "inject_seizure"]),
    ],
)
def test_the_json_schema_rejects_what_the_loader_rejects(change, where):
    errors = list(schema_validator().iter_errors(merged(template_data(), change)))
    assert errors, change
    assert any(list(error.absolute_path)[: len(where)] == where for error in errors), [
        (list(e.absolute_path), e.message) for e in errors
    ]


def test_every_key_in_the_json_schema_has_a_description():
    schema = scenario_json_schema()
    for name, definition in [("Scenario", schema), *schema["$defs"].items()]:
        assert definition.get("description"), name
        for key, field in definition.get("properties", {}).items():
            assert field.get("description"), f"{name}.{key}"


def test_the_json_schema_checks_ids_in_every_table_the_loader_checks():
    properties = scenario_json_schema()["properties"]
    checked = {key for key, field in properties.items() if "propertyNames" in field}
    assert {"actors", "variables", "actions", "events", "parameters", "sources"} <= checked


# --- the model card ---------------------------------------------------------------------------


def test_the_default_scenario_model_card_is_current():
    card = model_card_for(DEFAULT_SCENARIO)
    assert "## Observations and backtest" in card and "MAPE" in card
    assert DEFAULT_CARD.read_text(encoding="utf-8") == card, (
        "docs/model-card-fentanyl_2023.md is stale: run `python main.py model-card "
        "scenarios/fentanyl_2023.toml --out docs/model-card-fentanyl_2023.md`"
    )


def test_the_model_card_describes_every_part_of_the_model():
    scenario = load_scenario(TEMPLATE)
    card = model_card(scenario)
    for table in ("variables", "aux", "delays", "parameters", "actions", "events"):
        for key in getattr(scenario, table):
            assert f"`{key}`" in card, (table, key)
    for variable in scenario.variables.values():
        for term in variable.terms.values():
            assert term.label in card and term.formula in card
    surge = scenario.parameters["surge_share"]
    assert f"| `surge_share` | 0.05 | {surge.unit} |" in card
    assert "National Drug Threat Assessment 2023 [dea_ndta] | medium |" in card
    assert "| `us_border_surge` | Surge border inspections | domestic |  | 2 |" in card
    assert "`border_surge < 1` | 3 months | sets policy `border_surge` to 1" in card
    assert "instructor inject" in card and "when `tension_us_mx > 60`" in card
    assert "| `china_share` | 0.8 | 0.2 |" in card


def test_the_model_card_command_writes_markdown(tmp_path, capsys):
    out = tmp_path / "card.md"
    assert main(["model-card", str(TEMPLATE), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Model card: Template")
    assert main(["model-card", str(ROOT / "tests" / "broken" / "unknown_actor.toml")]) == 2


def test_the_model_card_gives_the_recorded_check_10_and_balance_figures(tmp_path):
    scenario = load_scenario(TEMPLATE)
    actor = next(iter(scenario.actors))
    share = {"mean": 0.123, "se": 0.004}
    measured = {
        "check10": {
            "games": 200,
            "opponents": "ai:normal",
            "recorded": "2026-11-29",
            "shares": {actor: {"idle": share, "random": share, "ai:hard": share}},
        },
        "balance": {
            "games": 30,
            "opponents": "ai:normal",
            "recorded": "2026-11-29",
            "shares": {
                actor: {"ai:hard": 0.9, "random": 0.5, "idle": 0.2, "spam": 0.4, "spam_action": "x"}
            },
            "flags": [],
        },
    }
    card = model_card(scenario, "t.toml", measured=measured)
    name = scenario.actors[actor].name
    assert "## Measured play" in card and "200 seeded games per setup" in card
    assert f"| {name} | 12% (± 0.4%) | 12% (± 0.4%) | 12% (± 0.4%) |" in card
    assert f"| {name} | 90% | 50% | 20% | 40% | `x` |" in card and "Flags: none." in card
    assert "## Measured play" not in model_card(scenario)
    folder = tmp_path / "measured"
    folder.mkdir()
    (folder / f"{scenario.meta.id}_check10.json").write_text(json.dumps(measured["check10"]))
    (folder / f"{scenario.meta.id}_balance.json").write_text("{not json")
    found = measured_for(tmp_path / "t.toml", scenario.meta.id)
    assert found == {"check10": measured["check10"]}  # a damaged record is left out
