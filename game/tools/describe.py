"""A plain-data description of a scenario, for ``inspect --json`` and tools."""

from __future__ import annotations

from game.format.schema import Scenario


def describe(scenario: Scenario) -> dict:
    """Actors, variables, actions, events, parameters and assumption sets as JSON-ready data."""
    return {
        "id": scenario.meta.id,
        "title": scenario.meta.title,
        "start": scenario.meta.start,
        "turns": scenario.meta.turns,
        "actors": [
            {"id": key, "name": a.name, "capital_per_turn": a.capital_per_turn}
            for key, a in scenario.actors.items()
        ],
        "variables": [
            {
                "id": key,
                "label": v.label,
                "unit": v.unit,
                "bounds": [v.min, v.max],
                "initial": v.initial,
            }
            for key, v in scenario.variables.items()
        ],
        "actions": [
            {
                "id": key,
                "actor": a.actor,
                "category": a.category.value,
                "target": a.target or None,
                "cost": a.cost,
            }
            for key, a in scenario.actions.items()
        ],
        "events": [
            {
                "id": key,
                "name": e.name,
                "date": e.date,
                "when": e.when or None,
                "inject": e.inject,
                "ends_game": e.ends_game,
            }
            for key, e in scenario.events.items()
        ],
        "parameters": [
            {
                "id": key,
                "value": p.value,
                "unit": p.unit,
                "source": p.source or None,
                "confidence": p.confidence.value,
            }
            for key, p in scenario.parameters.items()
        ],
        "assumption_sets": [
            {"id": key, "label": s.label, "parameters": dict(s.parameters)}
            for key, s in scenario.assumptions.items()
        ],
    }
