"""The debate sections of the scenario format: claims, evidence cards, deal templates, rules.

Rules:
- Same conventions as ``game.format.schema``: unknown keys are errors, every field has a
  description, things with an id are TOML tables keyed by it.
- The engine turns what happens in the debate into per-month counters (``DEBATE_PAIR_COUNTERS``
  for each ordered pair of governments, ``DEBATE_ACTOR_COUNTERS`` for each government), so the
  scenario's own formulas say what a statement does to approval, tension and credibility.
- Cross references (actors, claims, events, actions, sources) are checked in
  ``check_debate`` and reported by ``game.format.loader`` with file and line.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from game.format.limits import Number

if TYPE_CHECKING:
    from game.format.schema import Scenario

MAX_EVIDENCE = 2

# name template -> what the counter holds this month (documented in docs/scenario-format.md)
DEBATE_PAIR_COUNTERS = {
    "said": "statements (blame claims) {a} made about {b}",
    "true": "sum of the truth (0 to 1) of those claims under the active assumptions",
    "sway": "sum of their persuasion ([debate] persuasion formula) abroad",
    "praised": "credit claims {a} made about {b}",
    "rebut": "rebuttals {a} made of {b}'s accusations",
    "concede": "accusations by {b} that {a} conceded",
    "kept": "months {a} kept a deal with {b}",
    "broke": "deals with {b} that {a} broke",
}
DEBATE_ACTOR_COUNTERS = {
    "bare": "accusations (blame claims or rebuttals) {a} made with no evidence",
    "upheld": "weight of {a}'s past claims that held up (evidence revealed, rebuttals won)",
    "exposed": "weight of {a}'s past claims shown false (evidence revealed, rebuttals lost)",
}


def debate_counter_names(actors: list[str]) -> list[str]:
    """The counters the engine fills in for a scenario with a debate, in a fixed order."""
    names = [
        f"{kind}_{a}_{b}" for kind in DEBATE_PAIR_COUNTERS for a in actors for b in actors if a != b
    ]
    names += [f"{kind}_{a}" for kind in DEBATE_ACTOR_COUNTERS for a in actors]
    return names


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Strength(StrEnum):
    """How strongly an evidence card bears on the claims it names."""

    strong = "strong"
    moderate = "moderate"
    weak = "weak"


class Stance(StrEnum):
    """Whether a claim blames or credits the government it is about."""

    blame = "blame"
    credit = "credit"


class Reaction(StrEnum):
    """How one country's public takes a statement (the engine decides, by its persuasion)."""

    rallies = "rallies"  # the maker's own public, persuaded
    shrugs = "shrugs"  # the maker's own public, not persuaded
    shaken = "shaken"  # the accused's public, persuaded
    rejects = "rejects"  # the accused's public, not persuaded
    welcomes = "welcomes"  # the public of the government a credit (praise) is about
    convinced = "convinced"  # a third country's public, strongly persuaded
    divided = "divided"  # a third country's public, partly persuaded
    unconvinced = "unconvinced"  # a third country's public, not persuaded


HEADLINE_FIELDS = ("maker", "about", "claim")


class PressVoice(_Strict):
    """`[debate.press.ACTOR]`: how that country's press headlines its public's reactions."""

    headlines: dict[Reaction, str] = Field(
        default_factory=dict,
        description=(
            "Reaction -> headline in this press's voice; it may use {maker} and {about} (the "
            "governments' short names) and {claim}. A reaction without one is reported plainly."
        ),
    )


class Claim(_Strict):
    """`[claims.ID]`: a public statement a government may make, and when it is true."""

    text: str = Field(min_length=1, description="The statement, one sentence, as it is said.")
    texts: dict[str, str] = Field(
        default_factory=dict,
        description="The statement in other languages (ISO 639-1 code -> sentence).",
    )
    by: list[str] = Field(min_length=1, description="Actor ids of the governments that may say it.")
    about: str = Field(description="Actor id of the government it blames or credits.")
    stance: Stance = Field(
        default=Stance.blame,
        description=(
            "blame (made with a blame action aimed at `about`) or credit (made with a "
            "diplomacy action aimed at `about`)."
        ),
    )
    truth: str = Field(
        min_length=1,
        max_length=2000,
        description=(
            "Formula over the model: 1 when the claim holds, 0 when it is false, in between "
            "when partly right (clamped to 0..1). It reads parameters, so assumption sets "
            "can make a contested claim true or false."
        ),
    )
    rebuts: list[str] = Field(
        default_factory=list,
        description="Claim ids this claim answers: it may be used to rebut them.",
    )
    reasoning: str = Field(
        default="",
        description="Why it is true or false (for the debrief's claim-evidence-reasoning).",
    )
    source: str = Field(default="", description="Source key for the claim's real-world use.")


class Evidence(_Strict):
    """`[evidence.ID]`: a card that backs or undercuts claims, held at the start or revealed."""

    title: str = Field(min_length=1, description="Short name of the card.")
    text: str = Field(min_length=1, description="What the evidence says, in a sentence or two.")
    texts: dict[str, str] = Field(
        default_factory=dict, description="The text in other languages (code -> text)."
    )
    source: str = Field(min_length=1, description="Source key from [sources] (required).")
    strength: Strength = Field(description="strong, moderate or weak.")
    supports: list[str] = Field(default_factory=list, description="Claim ids it backs.")
    undercuts: list[str] = Field(default_factory=list, description="Claim ids it undercuts.")
    held_by: list[str] = Field(
        default_factory=list, description="Actor ids holding the card at the start."
    )
    revealed_by: str = Field(
        default="", description="Event id that reveals the card (it is held by nobody before)."
    )
    reveal_to: list[str] = Field(
        default_factory=list,
        description="Actor ids that get the card when it is revealed (empty: every government).",
    )

    @model_validator(mode="after")
    def _bears_on_a_claim_and_reaches_someone(self) -> Evidence:
        if not self.supports and not self.undercuts:
            raise ValueError("a card supports or undercuts at least one claim")
        if bool(self.held_by) == bool(self.revealed_by):
            raise ValueError("a card is either held at the start (held_by) or revealed_by an event")
        if self.reveal_to and not self.revealed_by:
            raise ValueError("reveal_to is only for cards that an event reveals")
        both = sorted(set(self.supports) & set(self.undercuts))
        if both:
            raise ValueError(f"a card cannot both support and undercut {both[0]!r}")
        return self


class Promise(_Strict):
    """One side of a deal: which actions it takes (or refrains from), and how often."""

    actions: list[str] = Field(min_length=1, description="Action ids; any one of them counts.")
    how: Literal["monthly", "once", "never"] = Field(
        description=(
            "monthly: ordered every month it is available; once: ordered at least once "
            "during the deal; never: not ordered at all during the deal."
        )
    )


class DealTemplate(_Strict):
    """`[deals.ID]`: an offer one government can make another: we do A for N months if you do B."""

    label: str = Field(min_length=1, description="Short name of the deal.")
    text: str = Field(min_length=1, description="The offer as the proposer puts it.")
    proposer: str = Field(description="Actor id of the government that may propose it.")
    partner: str = Field(description="Actor id of the government it is offered to.")
    months: int = Field(ge=1, le=24, description="How many months the deal runs once accepted.")
    proposer_does: Promise = Field(description="What the proposer promises.")
    partner_does: Promise = Field(description="What the partner promises in return.")
    source: str = Field(default="", description="Source key for a real-world precedent.")
    min_months: int | None = Field(
        default=None, ge=1, le=24, description="Shortest run a player may offer (default: months)."
    )
    max_months: int | None = Field(
        default=None, ge=1, le=24, description="Longest run a player may offer (default: months)."
    )
    proposer_may: list[Promise] = Field(
        default_factory=list,
        description="Other promises the proposer may offer instead of proposer_does.",
    )
    partner_may: list[Promise] = Field(
        default_factory=list,
        description="Other promises the proposer may ask of the partner instead of partner_does.",
    )

    @model_validator(mode="after")
    def _months_in_bounds(self) -> DealTemplate:
        low, high = self.month_bounds
        if not low <= self.months <= high:
            raise ValueError(f"months ({self.months}) must lie within {low}..{high}")
        return self

    @property
    def month_bounds(self) -> tuple[int, int]:
        """The shortest and longest run a player may offer."""
        return (self.min_months or self.months, self.max_months or self.months)

    @property
    def proposer_promises(self) -> list[Promise]:
        """What the proposer may offer: its default promise first."""
        return [self.proposer_does, *self.proposer_may]

    @property
    def partner_promises(self) -> list[Promise]:
        """What the proposer may ask of the partner: the default first."""
        return [self.partner_does, *self.partner_may]

    @property
    def editable(self) -> bool:
        low, high = self.month_bounds
        return low < high or bool(self.proposer_may or self.partner_may)


class DebateRules(_Strict):
    """`[debate]`: how the scenario's debate works."""

    credibility: dict[str, str] = Field(
        default_factory=dict,
        description=(
            "Actor id -> id of the variable holding that government's credibility (0-100); "
            "a government without one has a fixed credibility of 50."
        ),
    )
    strength: dict[Strength, Number] = Field(
        default_factory=lambda: {Strength.strong: 1.0, Strength.moderate: 0.6, Strength.weak: 0.3},
        description="Weight of a card of each strength (the formulas' `proof`).",
    )
    persuasion: str = Field(
        default="credibility / 100 * (proof + 0.5 * truth)",
        min_length=1,
        max_length=2000,
        description=(
            "Formula for one statement's persuasion abroad (added to `sway_A_B`); it reads "
            "`proof` (the attached cards' weights), `truth` (0-1), `credibility` (the "
            "maker's, 0-100) and any scenario name."
        ),
    )
    rebut_cost: Number = Field(default=1.0, ge=0, description="Political capital a rebuttal costs.")
    concede_cost: Number = Field(default=0.0, ge=0, description="Capital a concession costs.")
    propose_cost: Number = Field(default=0.0, ge=0, description="Capital a deal proposal costs.")
    press: dict[str, PressVoice] = Field(
        default_factory=dict,
        description="Actor id -> how that country's press headlines statements (by reaction).",
    )
    questions: list[str] = Field(
        default_factory=list,
        description=(
            "Debrief questions asked of each government's most repeated claim; they may use "
            "{government}, {claim}, {times}, {with_evidence}, {bare}, {truth} (true, false or "
            "partly true under the assumptions played) and {reasoning}."
        ),
    )


QUESTION_FIELDS = ("government", "claim", "times", "with_evidence", "bare", "truth", "reasoning")


def question_problem(question: str, known: tuple[str, ...] = QUESTION_FIELDS) -> str:
    """Why a debrief question (or headline) template cannot be filled in ('' when it can)."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(question) if name is not None]
    except ValueError as exc:
        return f"braces do not match ({exc}); write {{{{ and }}}} for a brace"
    unknown = [name for name in names if name not in known]
    if unknown:
        return f"unknown placeholder {{{unknown[0]}}} (known: {', '.join(known)})"
    return ""


def check_debate(scenario: Scenario) -> Iterator[tuple[tuple, str]]:
    """Yield (path, message) for every broken reference in the debate sections."""
    from game.format import formula
    from game.format.loader import _suggest, formula_names

    actors = set(scenario.actors)

    def actor(path: tuple, key: str) -> Iterator[tuple[tuple, str]]:
        if key not in actors:
            yield path, f"unknown actor {key!r}{_suggest(key, actors)}"

    def source(path: tuple, key: str) -> Iterator[tuple[tuple, str]]:
        if key and key not in scenario.sources:
            yield path, f"unknown source {key!r}{_suggest(key, scenario.sources)}"

    def claim(path: tuple, key: str) -> Iterator[tuple[tuple, str]]:
        if key not in scenario.claims:
            yield path, f"unknown claim {key!r}{_suggest(key, scenario.claims)}"

    known = formula_names(scenario)
    for claim_id, c in scenario.claims.items():
        here = ("claims", claim_id)
        for i, key in enumerate(c.by):
            yield from actor((*here, "by", i), key)
            if key == c.about:
                yield (*here, "by", i), f"a government cannot {c.stance.value} itself"
        yield from actor((*here, "about"), c.about)
        for i, key in enumerate(c.rebuts):
            yield from claim((*here, "rebuts", i), key)
        yield from source((*here, "source"), c.source)
        try:
            formula.parse(c.truth, known)
        except formula.FormulaError as exc:
            yield (*here, "truth"), str(exc)
    for card_id, e in scenario.evidence.items():
        here = ("evidence", card_id)
        yield from source((*here, "source"), e.source)
        for field in ("supports", "undercuts"):
            for i, key in enumerate(getattr(e, field)):
                yield from claim((*here, field, i), key)
        for field in ("held_by", "reveal_to"):
            for i, key in enumerate(getattr(e, field)):
                yield from actor((*here, field, i), key)
        if e.revealed_by and e.revealed_by not in scenario.events:
            hint = _suggest(e.revealed_by, scenario.events)
            yield (*here, "revealed_by"), f"unknown event {e.revealed_by!r}{hint}"
    for deal_id, d in scenario.deals.items():
        here = ("deals", deal_id)
        yield from actor((*here, "proposer"), d.proposer)
        yield from actor((*here, "partner"), d.partner)
        if d.proposer == d.partner:
            yield (*here, "partner"), "a deal needs two different governments"
        yield from source((*here, "source"), d.source)
        sides = [("proposer_does", (), d.proposer_does, d.proposer)]
        sides += [("partner_does", (), d.partner_does, d.partner)]
        sides += [("proposer_may", (j,), p, d.proposer) for j, p in enumerate(d.proposer_may)]
        sides += [("partner_may", (j,), p, d.partner) for j, p in enumerate(d.partner_may)]
        for side, index, promise, who in sides:
            for i, key in enumerate(promise.actions):
                where = (*here, side, *index, "actions", i)
                if key not in scenario.actions:
                    hint = _suggest(key, scenario.actions)
                    yield where, f"unknown action {key!r}{hint}"
                elif scenario.actions[key].actor != who:
                    owner = scenario.actions[key].actor
                    yield where, f"{key!r} is an action of {owner!r}"
    rules = scenario.debate
    for i, question in enumerate(rules.questions):
        problem = question_problem(question)
        if problem:
            yield ("debate", "questions", i), problem
    for key, voice in rules.press.items():
        yield from actor(("debate", "press", key), key)
        for reaction, headline in voice.headlines.items():
            problem = question_problem(headline, HEADLINE_FIELDS)
            if problem:
                yield ("debate", "press", key, "headlines", reaction.value), problem
    for key, variable in rules.credibility.items():
        yield from actor(("debate", "credibility", key), key)
        if variable not in scenario.variables:
            hint = _suggest(variable, scenario.variables)
            yield ("debate", "credibility", key), f"unknown variable {variable!r}{hint}"
    try:
        formula.parse(rules.persuasion, known | {"proof", "truth", "credibility"})
    except formula.FormulaError as exc:
        yield ("debate", "persuasion"), str(exc)
