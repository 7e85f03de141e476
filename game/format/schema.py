"""The scenario format: pydantic models for every section of a scenario TOML file.

Rules:
- Every model forbids unknown keys and every field has a description: the descriptions are the
  reference documentation (docs/scenario-format.md and the JSON Schema are generated from them).
- Things with an id are TOML tables keyed by that id (``[actions.us_sanction_suppliers]``), so a
  duplicate id is already a TOML error and error paths read ``actions.us_sanction_suppliers.cost``.
- This module checks each section on its own. Cross references (an action naming an unknown
  actor, a formula reading an unknown name) are checked in ``game.format.loader``.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from game.format.debate import Claim, DealTemplate, DebateRules, Evidence
from game.format.limits import MAX_FORMULA_LENGTH, Number

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"

Month = Annotated[
    str, Field(pattern=MONTH_PATTERN, description="A calendar month written YYYY-MM.")
]

FormulaText = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_FORMULA_LENGTH,
        description="A formula in the scenario formula language (see docs/scenario-format.md).",
    ),
]


class Strict(BaseModel):
    """Base for every section: unknown keys are errors, and so are nan and inf."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=False, allow_inf_nan=False
    )


class Confidence(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    contested = "contested"


class Category(StrEnum):
    sanctions = "sanctions"
    diplomacy = "diplomacy"
    blame = "blame"
    domestic = "domestic"


class Meta(Strict):
    """`[meta]`: what the scenario is and how long it runs."""

    id: str = Field(pattern=ID_PATTERN, description="Short identifier of the scenario.")
    title: str = Field(min_length=1, description="Title shown in the scenario picker.")
    summary: str = Field(min_length=1, description="Two or three sentences for the picker.")
    situation: str = Field(default="", description="The briefing text read before turn 1.")
    version: str = Field(default="1.0", description="Version of this scenario file.")
    authors: list[str] = Field(default_factory=list, description="Who wrote the scenario.")
    language: str = Field(default="en", description="Language of the texts (ISO 639-1).")
    start: Month = Field(description="Month of the first turn, YYYY-MM.")
    turns: int = Field(ge=1, le=240, description="Number of monthly turns in a full game.")
    default_actor: str = Field(
        default="", description="Government offered first in the setup screen (an actor id)."
    )
    sources: list[str] = Field(
        default_factory=list, description="Source keys for the scenario as a whole."
    )


class Source(Strict):
    """`[sources.KEY]`: a document that facts in the file cite by KEY."""

    title: str = Field(min_length=1, description="Title of the article, report or dataset.")
    publisher: str = Field(default="", description="Who published it.")
    date: str = Field(default="", description="When it was published (free text, e.g. 2023-03).")
    url: str = Field(default="", description="Where to read it.")
    note: str = Field(default="", description="What the scenario takes from it.")


class Objective(Strict):
    """`[actors.ID.objectives.KEY]`: a goal a government is scored on."""

    label: str = Field(min_length=1, description="What the objective says, as players read it.")
    expr: FormulaText = Field(description="Formula measured, usually one variable id.")
    goal: Literal["at_least", "at_most"] = Field(
        description="Met when the measured value is at least (or at most) the target."
    )
    target: Number = Field(description="The value the measure is compared with.")
    when: str = Field(
        default="end",
        description=(
            "When it is measured: 'end' (after the last turn played), 'mean' (average over "
            "all turns played) or a month YYYY-MM (after that month's turn)."
        ),
    )
    weight: Number = Field(default=1.0, gt=0, description="Points for meeting it in full.")
    floor: Number | None = Field(
        default=None,
        description=(
            "Partial credit: the value at which a missed objective earns nothing; credit rises "
            "in a straight line from here towards the target (set it near what doing nothing "
            "reaches, so only the government's own choices earn points). Without it, "
            "'tolerance' sets the band."
        ),
    )
    tolerance: Number = Field(
        default=0.0,
        ge=0,
        description=(
            "Partial credit when there is no floor: a miss by less than this still earns "
            "points in proportion; 0 means 10% of the target's size."
        ),
    )

    @model_validator(mode="after")
    def _floor_on_the_far_side(self) -> Objective:
        if self.floor is None:
            return self
        if (self.goal == "at_least" and self.floor >= self.target) or (
            self.goal == "at_most" and self.floor <= self.target
        ):
            side = "below" if self.goal == "at_least" else "above"
            raise ValueError(
                f"floor ({self.floor:g}) must be {side} the target ({self.target:g}) "
                f"for goal {self.goal!r}"
            )
        return self

    @field_validator("when")
    @classmethod
    def _when_is_known(cls, value: str) -> str:
        if value not in ("end", "mean") and not re.match(MONTH_PATTERN, value):
            raise ValueError("must be 'end', 'mean' or a month YYYY-MM")
        return value


class Scoring(Strict):
    """`[scoring]`: how objective points turn into a verdict at the end of a game."""

    won: Number = Field(
        default=0.7,
        gt=0,
        le=1,
        description="Share of its possible points at or above which a government has won.",
    )
    held: Number = Field(
        default=0.4,
        ge=0,
        le=1,
        description="Share at or above which it has held its ground; below it has lost.",
    )
    partial: Number = Field(
        default=0.75,
        ge=0,
        lt=1,
        description=(
            "Most a missed objective can earn, as a share of its weight: partial credit never "
            "adds up to full points."
        ),
    )

    @model_validator(mode="after")
    def _bands_in_order(self) -> Scoring:
        if self.held > self.won:
            raise ValueError(f"held ({self.held:g}) must not be above won ({self.won:g})")
        return self


class AiStyle(Strict):
    """`[actors.ID.ai]`: how the computer plays this government."""

    weights: dict[str, Number] = Field(
        default_factory=dict,
        description=(
            "Personality: how much the computer values each variable (id -> weight per unit; "
            "negative for things it wants low)."
        ),
    )
    categories: dict[Category, Number] = Field(
        default_factory=dict,
        description="Taste for each action category (sanctions, diplomacy, blame, domestic).",
    )
    generosity: Number = Field(
        default=0.3,
        ge=0,
        le=1,
        description="Chance of forgiving a hostile act instead of answering it (tit-for-tat).",
    )
    noise: Number = Field(
        default=0.2, ge=0, le=1, description="How much randomness enters its choices."
    )
    retaliation: Number = Field(
        default=0.4,
        ge=0,
        description="Objective points it sees in answering last month's hostility (tit-for-tat).",
    )
    provocation: Number = Field(
        default=0.1, ge=0, description="Objective points it loses by starting a quarrel."
    )
    loyalty: Number = Field(
        default=0.85,
        ge=0,
        le=1,
        description="Chance it keeps a deal in a month when keeping it is costly (the debate).",
    )


class Actor(Strict):
    """`[actors.ID]`: a government (a seat a person or the computer plays)."""

    name: str = Field(min_length=1, description="Full name, e.g. 'United States'.")
    short: str = Field(default="", description="Short name for tight spaces, e.g. 'U.S.'.")
    leader: str = Field(default="", description="Head of government at the start.")
    press: str = Field(default="", description="Name of this country's press in the news feed.")
    colour: str = Field(
        pattern=r"^#[0-9A-Fa-f]{6}$", description="Colour as #RRGGBB (use Okabe-Ito)."
    )
    country: str = Field(
        default="",
        pattern=r"^([A-Z]{2})?$",
        description="ISO 3166-1 alpha-2 code of the country the map draws for this government, "
        "e.g. 'US' (empty: the id in capitals; a code the map lacks is drawn as a circle).",
    )
    capital_per_turn: Number = Field(
        ge=0, description="Political capital gained each month to spend on actions."
    )
    capital_cap: Number = Field(
        default=0,
        ge=0,
        description="Most capital that can be saved up; 0 means twice the monthly amount.",
    )
    objectives: dict[str, Objective] = Field(
        default_factory=dict, description="This government's objectives, keyed by id."
    )
    ai: AiStyle = Field(default_factory=AiStyle, description="How the computer plays it.")


class Parameter(Strict):
    """`[parameters.ID]`: a constant formulas read, with its source and confidence."""

    value: Number = Field(description="The value used by formulas.")
    unit: str = Field(default="", description="Unit of the value.")
    description: str = Field(default="", description="What it means.")
    source: str = Field(
        default="", description="Source key from [sources]; empty for a pure judgement."
    )
    confidence: Confidence = Field(
        default=Confidence.medium, description="high, medium, low or contested."
    )


class Term(Strict):
    """`[variables.ID.terms.KEY]`: one labelled part of a variable's monthly change."""

    label: str = Field(min_length=1, description="What the Why panel calls this contribution.")
    formula: FormulaText = Field(description="This term's contribution to the monthly change.")
    source: str = Field(default="", description="Source key from [sources].")
    confidence: Confidence = Field(
        default=Confidence.medium, description="high, medium, low or contested."
    )


class Smooth(Strict):
    """`[variables.ID.smooth]`: built-in first-order smoothing (SMOOTH) towards a formula."""

    input: FormulaText = Field(description="What the variable follows (first-order smoothing).")
    time: FormulaText = Field(description="Adjustment time in months (a parameter or formula).")
    label: str = Field(default="", description="Why-panel label of the adjustment term.")
    source: str = Field(default="", description="Source key from [sources].")
    confidence: Confidence = Field(default=Confidence.medium, description="Confidence.")


class Variable(Strict):
    """`[variables.ID]`: a quantity of the world; each month it changes by the sum of its terms."""

    label: str = Field(min_length=1, description="Name shown on meters and charts.")
    unit: str = Field(default="", description="Unit shown after the value.")
    description: str = Field(default="", description="Tooltip text: what the number means.")
    initial: Number = Field(description="Value at the start of the game.")
    min: Number = Field(default=0.0, description="Lowest possible value (clamped).")
    max: Number = Field(default=1e12, description="Highest possible value (clamped).")
    decimals: int = Field(default=0, ge=0, le=4, description="Decimals shown in the UI.")
    source: str = Field(default="", description="Source key for the initial value.")
    terms: dict[str, Term] = Field(
        default_factory=dict, description="Named terms that sum to the monthly change."
    )
    smooth: Smooth | None = Field(
        default=None, description="Built-in helper: first-order smoothing towards a formula."
    )

    @model_validator(mode="after")
    def _bounds_hold_initial(self) -> Variable:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is above max ({self.max:g})")
        if not self.min <= self.initial <= self.max:
            raise ValueError(
                f"initial value {self.initial:g} is outside [{self.min:g}, {self.max:g}]"
            )
        return self


class Aux(Strict):
    """`[aux.ID]`: a derived quantity, recomputed each month from the current values."""

    label: str = Field(min_length=1, description="Name of this derived quantity.")
    formula: FormulaText = Field(description="How it is computed from this month's values.")
    unit: str = Field(default="", description="Unit.")
    description: str = Field(default="", description="What it means.")
    source: str = Field(default="", description="Source key from [sources].")
    confidence: Confidence = Field(default=Confidence.medium, description="Confidence.")


class Delay(Strict):
    """`[delays.ID]`: a material delay (DELAY3 by default); `ID` is the rate leaving it."""

    label: str = Field(min_length=1, description="Name of the delayed flow.")
    input: FormulaText = Field(description="Rate entering the pipeline each month.")
    time: FormulaText = Field(description="Average delay in months (a parameter or formula).")
    order: int = Field(default=3, ge=1, le=6, description="Number of stages (3 is DELAY3).")
    unit: str = Field(default="", description="Unit of the rate (per month).")
    initial: Number = Field(default=0.0, ge=0, description="Initial steady rate in the pipeline.")
    source: str = Field(default="", description="Source key from [sources].")
    confidence: Confidence = Field(default=Confidence.low, description="Confidence.")


class Counter(Strict):
    """`[counters.ID]`: a count for this month only (reset to 0), raised by actions and events."""

    label: str = Field(min_length=1, description="What is counted (reset to 0 each month).")


class Policy(Strict):
    """`[policies.ID]`: a standing policy that keeps its value until an action changes it."""

    label: str = Field(min_length=1, description="A standing policy that lasts until changed.")
    initial: Number = Field(default=0.0, description="Value at the start.")
    min: Number = Field(default=0.0, description="Lowest value.")
    max: Number = Field(default=1.0, description="Highest value.")

    @model_validator(mode="after")
    def _bounds_hold_initial(self) -> Policy:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is above max ({self.max:g})")
        if not self.min <= self.initial <= self.max:
            raise ValueError(
                f"initial value {self.initial:g} is outside [{self.min:g}, {self.max:g}]"
            )
        return self


class Effect(Strict):
    """An entry of `effects = [...]`: what an action or event changes."""

    counter: str = Field(default="", description="Counter id to add to this month.")
    policy: str = Field(default="", description="Policy id to set or add to.")
    variable: str = Field(default="", description="Variable id to push once (an impulse).")
    add: Number | None = Field(default=None, description="Amount added.")
    set: Number | None = Field(default=None, description="Value set (policies only).")
    label: str = Field(default="", description="Why-panel label for an impulse.")

    @model_validator(mode="after")
    def _one_target_one_change(self) -> Effect:
        targets = [name for name in ("counter", "policy", "variable") if getattr(self, name)]
        if len(targets) != 1:
            raise ValueError("an effect names exactly one of counter, policy or variable")
        if (self.add is None) == (self.set is None):
            raise ValueError("an effect has exactly one of add or set")
        if self.set is not None and not self.policy:
            raise ValueError("set is only for policies; counters and variables take add")
        return self


class Action(Strict):
    """`[actions.ID]`: something a government can order, at a cost in political capital."""

    actor: str = Field(description="Actor id of the government that can take it.")
    name: str = Field(min_length=1, description="Card title.")
    category: Category = Field(description="sanctions, diplomacy, blame or domestic.")
    target: str = Field(default="", description="Actor id it is aimed at, if any.")
    cost: Number = Field(ge=0, description="Political capital it costs.")
    precondition: str = Field(
        default="", description="Formula that must be true (non-zero) for it to be allowed."
    )
    cooldown: int = Field(
        default=0, ge=0, le=240, description="Months before it can be taken again."
    )
    statement: str = Field(min_length=1, description="Public statement in the government's voice.")
    description: str = Field(default="", description="What it does, for the card and tooltip.")
    source: str = Field(default="", description="Source key for the real-world precedent.")
    effects: list[Effect] = Field(default_factory=list, description="What it changes.")
    crisis: str = Field(
        default="",
        description=(
            "Event id of the crisis this action answers: it can be ordered only in the month "
            "after that event fires, and at most one answer per crisis."
        ),
    )


class Event(Strict):
    """`[events.ID]`: news on a date, on a condition, or when an instructor injects it."""

    name: str = Field(min_length=1, description="Short name for logs and the inject menu.")
    date: Month | None = Field(default=None, description="Month it happens (scheduled events).")
    when: str = Field(
        default="", description="Condition formula: fires in a month it holds (conditional events)."
    )
    chance: Number = Field(
        default=1.0, ge=0, le=1, description="Chance it fires in a month its condition holds."
    )
    repeat: bool = Field(default=False, description="May fire more than once.")
    cooldown: int = Field(default=0, ge=0, le=240, description="Months between repeats.")
    inject: bool = Field(
        default=False, description="Fired only by an instructor during the game, never by itself."
    )
    headline: str = Field(default="", description="Headline for any press without its own.")
    headlines: dict[str, str] = Field(
        default_factory=dict, description="Headline per actor id's press."
    )
    effects: list[Effect] = Field(default_factory=list, description="What it changes.")
    ends_game: bool = Field(default=False, description="The game ends after this month.")
    responder: str = Field(
        default="",
        description="A crisis: the actor id who must answer it in the month after it fires.",
    )
    question: str = Field(default="", description="A crisis: the question put to the responder.")
    responses: list[str] = Field(
        default_factory=list,
        description="A crisis: the 2-3 action ids the responder chooses from (their `crisis`).",
    )
    default_response: str = Field(
        default="",
        description="A crisis: the response (costing nothing) taken if the responder picks none.",
    )
    ending: str = Field(default="", description="Debrief text when it ends the game.")
    source: str = Field(default="", description="Source key from [sources].")

    @model_validator(mode="after")
    def _has_a_trigger(self) -> Event:
        if not self.inject and self.date is None and not self.when:
            raise ValueError("an event needs a date, a 'when' condition, or inject = true")
        if not self.headline and not self.headlines:
            raise ValueError("an event needs a headline (or headlines per actor)")
        return self


class Election(Strict):
    """`[elections.ID]`: a vote inside the game, decided by a variable against a threshold."""

    actor: str = Field(description="Actor id whose country votes.")
    date: Month = Field(description="Month of the vote.")
    label: str = Field(min_length=1, description="Name of the election.")
    variable: str = Field(description="Variable id that decides it (usually approval).")
    threshold: Number = Field(description="The incumbent side wins at or above this value.")
    win_headline: str = Field(default="", description="Headline when the incumbent side wins.")
    loss_headline: str = Field(default="", description="Headline when it loses.")


class AssumptionSet(Strict):
    """`[assumptions.ID]`: a named set of parameter values (a contested view of the facts)."""

    label: str = Field(min_length=1, description="Name shown in the setup screen.")
    description: str = Field(default="", description="Whose view of the facts this is.")
    source: str = Field(default="", description="Source key from [sources].")
    parameters: dict[str, Number] = Field(
        default_factory=dict, description="Parameter id -> value that replaces the default."
    )


class Observation(Strict):
    """`[observations.VARIABLE]`: dated real values of a variable, for backtests and charts."""

    label: str = Field(default="", description="What was measured, if not the variable itself.")
    source: str = Field(description="Source key from [sources] for the values.")
    note: str = Field(
        default="", description="How the values were read or rebuilt (approximations, rounding)."
    )
    values: dict[str, Number] = Field(
        min_length=1, description="Month YYYY-MM -> observed value, in the variable's unit."
    )

    @field_validator("values")
    @classmethod
    def _months_are_months(cls, values: dict[str, Number]) -> dict[str, Number]:
        bad = [key for key in values if not re.match(MONTH_PATTERN, key)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a month written YYYY-MM")
        return dict(sorted(values.items()))


class TensionLine(Strict):
    """An entry of `display.tension`: a line drawn between two capitals."""

    a: str = Field(description="Actor id at one end.")
    b: str = Field(description="Actor id at the other end.")
    variable: str = Field(description="Variable id of their tension.")


class Display(Strict):
    """`[display]`: which variables the window shows where."""

    meters: list[str] = Field(default_factory=list, description="Variable ids shown as meters.")
    key_variables: list[str] = Field(
        default_factory=list, description="Variable ids summarised in debriefs and reports."
    )
    flow: str = Field(default="", description="Variable id drawn as the trafficking route.")
    seizures: str = Field(default="", description="Variable id drawn at the border.")
    tension: list[TensionLine] = Field(
        default_factory=list, description="Lines between capitals and their tension variable."
    )
    route: list[str] = Field(
        default_factory=list, description="Actor ids along the trafficking route, source first."
    )


class Scenario(Strict):
    """The whole file."""

    format: Literal[1] = Field(default=1, description="Scenario format version (1).")
    meta: Meta = Field(description="Title, summary, start month and length.")
    sources: dict[str, Source] = Field(
        default_factory=dict, description="Sources cited by key anywhere in the file."
    )
    actors: dict[str, Actor] = Field(description="Governments, keyed by id (us, mx, cn, ...).")
    parameters: dict[str, Parameter] = Field(
        default_factory=dict, description="Constants read by formulas."
    )
    variables: dict[str, Variable] = Field(description="The state of the world, stepped monthly.")
    aux: dict[str, Aux] = Field(
        default_factory=dict, description="Derived quantities computed from this month's values."
    )
    delays: dict[str, Delay] = Field(
        default_factory=dict, description="Material delays (DELAY3 and kin)."
    )
    counters: dict[str, Counter] = Field(
        default_factory=dict, description="Per-month counts that actions and events add to."
    )
    policies: dict[str, Policy] = Field(
        default_factory=dict, description="Standing policies that last until changed."
    )
    actions: dict[str, Action] = Field(description="What governments can do, keyed by id.")
    events: dict[str, Event] = Field(
        default_factory=dict, description="Scheduled, conditional and inject events."
    )
    elections: dict[str, Election] = Field(
        default_factory=dict, description="Elections inside the game."
    )
    assumptions: dict[str, AssumptionSet] = Field(
        default_factory=dict, description="Named sets of parameter overrides."
    )
    scoring: Scoring = Field(
        default_factory=Scoring, description="Verdict bands and the cap on partial credit."
    )
    observations: dict[str, Observation] = Field(
        default_factory=dict,
        description="Real values of variables by month (variable id -> series), for backtests.",
    )
    display: Display = Field(default_factory=Display, description="What the window shows where.")
    discussion: list[str] = Field(
        default_factory=list, description="Questions for the debrief and the class discussion."
    )
    claims: dict[str, Claim] = Field(
        default_factory=dict, description="The debate: claims governments may make, keyed by id."
    )
    evidence: dict[str, Evidence] = Field(
        default_factory=dict, description="The debate: evidence cards, keyed by id."
    )
    deals: dict[str, DealTemplate] = Field(
        default_factory=dict, description="The debate: deals governments may propose, keyed by id."
    )
    debate: DebateRules = Field(
        default_factory=DebateRules, description="The debate's rules (credibility, weights, costs)."
    )
    translations: dict[
        Annotated[str, Field(pattern=r"^[a-z]{2}$")], dict[str, Annotated[str, Field(min_length=1)]]
    ] = Field(
        default_factory=dict,
        description=(
            "The scenario's text in other languages: `[translations.es]` maps the dotted path "
            'of a text (`"meta.title"`, `"actions.us_blame_mx.name"`, `"discussion.0"`) to its '
            "translation; the file's own text is the fallback (see docs/scenario-format.md)."
        ),
    )

    @field_validator(
        "sources",
        "actors",
        "parameters",
        "variables",
        "aux",
        "delays",
        "counters",
        "policies",
        "actions",
        "events",
        "elections",
        "assumptions",
        "observations",
        "claims",
        "evidence",
        "deals",
    )
    @classmethod
    def _ids_are_identifiers(cls, table: dict) -> dict:
        for key in table:
            if not re.match(ID_PATTERN, key):
                raise ValueError(
                    f"id {key!r} must start with a lowercase letter and use only a-z, 0-9 and _"
                )
        return table
