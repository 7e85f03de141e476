"""The debate in the engine: statements, rebuttals, concessions, deals and revealed evidence.

Rules:
- Moves are plain data (``Move``): checked with every problem reported at once (OrdersError),
  recorded in the ledger and the log, and replayed exactly.
- The engine only counts. What a statement does to approval, tension and credibility is written
  in the scenario's formulas, which read the debate counters (``game.format.debate``); the one
  per-statement formula, ``[debate] persuasion``, is the scenario's too.
- A statement is made with a blame action (a credit with a diplomacy action) aimed at the
  claim's subject and ordered the same month, with up to two cards the maker holds. The accused
  may rebut (a claim that answers it, with cards) or concede in the next month.
- A proposal is answered in the next month (accept, reject or counter); unanswered, it lapses.
  An accepted deal runs from the month after; its compliance is checked on each month's orders.
- Cards that an event reveals go to the governments named (all by default) and test every
  claim they bear on that someone has made: the maker's past claim holds up by the card's weight
  times its truth, and is shown false by the weight times its untruth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from game.format import formula
from game.format.debate import MAX_EVIDENCE, Claim, DealTemplate, Promise, Stance
from game.format.loader import formula_names
from game.format.schema import Category
from game.format.suggest import did_you_mean

if TYPE_CHECKING:
    from game.sim.engine import State
    from game.sim.model import Model

KINDS = ("claim", "rebut", "concede", "propose", "accept", "reject", "counter")
ANSWERS = ("accept", "reject", "counter")


@dataclass(frozen=True)
class Move:
    """One debate order: a statement, a rebuttal or concession, a proposal or an answer."""

    kind: str
    action: str = ""  # claim: the blame (or diplomacy) action the statement is made with
    claim: str = ""  # claim, rebut: the claim said
    evidence: tuple[str, ...] = ()  # claim, rebut: cards attached
    ref: int = 0  # rebut, concede: statement number; accept, reject, counter: proposal number
    deal: str = ""  # propose, counter: deal template id
    # propose, counter: the terms (0: the template's): months, and which of the proposer's and
    # the partner's promises (1: the template's own, 2 on: its ``*_may`` alternatives)
    months: int = 0
    proposer_does: int = 0
    partner_does: int = 0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        for key in ("action", "claim", "ref", "deal", *TERM_KEYS):
            if getattr(self, key):
                data[key] = getattr(self, key)
        if self.evidence:
            data["evidence"] = list(self.evidence)
        return data

    @classmethod
    def of(cls, data: Move | Mapping[str, Any]) -> Move:
        """A Move from itself or a plain dict (as logs and saves hold it); ValueError if bad."""
        if isinstance(data, Move):
            return data
        if not isinstance(data, Mapping):
            raise ValueError(f"a debate move is a table like {{kind = 'claim', ...}}, not {data!r}")
        unknown = sorted(
            set(data) - {"kind", "action", "claim", "evidence", "ref", "deal", *TERM_KEYS}
        )
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r} in a debate move")
        kind = data.get("kind", "")
        if kind not in KINDS:
            raise ValueError(f"debate move kind must be one of {', '.join(KINDS)} (got {kind!r})")
        evidence = data.get("evidence", ())
        if not isinstance(evidence, list | tuple) or not all(isinstance(e, str) for e in evidence):
            raise ValueError("evidence is a list of card ids")
        ref = data.get("ref", 0)
        if not isinstance(ref, int) or isinstance(ref, bool):
            raise ValueError(f"ref is a statement or proposal number (got {ref!r})")
        texts = {key: data.get(key, "") for key in ("action", "claim", "deal")}
        if not all(isinstance(text, str) for text in texts.values()):
            raise ValueError("action, claim and deal are ids (text)")
        terms = {key: data.get(key, 0) for key in TERM_KEYS}
        for key, value in terms.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{key} is a whole number, 0 or more (got {value!r})")
        return cls(kind, evidence=tuple(evidence), ref=ref, **texts, **terms)

    def terms(self, template: DealTemplate) -> Terms:
        """The terms this proposal or counter-offer names (the template's where it names none)."""
        return Terms(
            self.months or template.months,
            max(0, self.proposer_does - 1),
            max(0, self.partner_does - 1),
        )


TERM_KEYS = ("months", "proposer_does", "partner_does")


@dataclass(frozen=True)
class Terms:
    """A deal's terms: how long it runs and which promise each side makes (0: the template's
    own, i: its ``proposer_may`` / ``partner_may`` alternative i - 1)."""

    months: int
    proposer: int = 0
    partner: int = 0

    @classmethod
    def of(cls, template: DealTemplate) -> Terms:
        return cls(template.months)

    def promises(self, template: DealTemplate) -> tuple[Promise, Promise]:
        """What the proposer and the partner promise under these terms."""
        return template.proposer_promises[self.proposer], template.partner_promises[self.partner]

    def as_move(self) -> dict[str, int]:
        """The Move fields that name these terms."""
        return {
            "months": self.months,
            "proposer_does": self.proposer + 1,
            "partner_does": self.partner + 1,
        }


Moves = Mapping[str, Sequence[Move | Mapping[str, Any]]]


@dataclass(frozen=True)
class Statement:
    """A claim made in public (a statement, or a rebuttal when ``answers`` is set)."""

    number: int
    turn: int
    maker: str
    about: str
    claim: str
    evidence: tuple[str, ...]
    truth: float
    proof: float
    sway: float
    answers: int = 0  # the statement number this one rebuts (0: an accusation or credit)
    credit: bool = False  # a credit (praise) rather than an accusation


@dataclass(frozen=True)
class Proposal:
    number: int
    turn: int
    deal: str
    proposer: str  # who offers it (the template's partner, in a counter on the same terms)
    partner: str  # who answers
    counter_to: int = 0
    terms: Terms | None = None  # None: the template's


@dataclass(frozen=True)
class Deal:
    """An accepted deal: who promised what, from which month, how long is left."""

    number: int
    deal: str
    proposer: str
    partner: str
    first_turn: int
    months_left: int
    done: tuple[bool, bool] = (False, False)  # each side's 'once' promise met
    terms: Terms | None = None  # None: the template's

    def promises(self, template: DealTemplate) -> tuple[Promise, Promise]:
        """What the proposer and the partner promised."""
        return (self.terms or Terms.of(template)).promises(template)


@dataclass(frozen=True)
class DebateState:
    """Everything the debate remembers between months."""

    holdings: tuple[tuple[str, tuple[str, ...]], ...]
    statements: tuple[Statement, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    deals: tuple[Deal, ...] = ()
    answered: tuple[int, ...] = ()
    revealed: tuple[str, ...] = ()
    next_number: int = 1

    def cards(self, actor: str) -> tuple[str, ...]:
        return dict(self.holdings).get(actor, ())

    def statement(self, number: int) -> Statement | None:
        return next((s for s in self.statements if s.number == number), None)

    def open_accusations(self, actor: str, turn: int) -> list[Statement]:
        """Last month's accusations (not rebuttals) aimed at ``actor``, still unanswered."""
        return [
            s
            for s in self.statements
            if s.about == actor
            and s.turn == turn - 1
            and not s.answers
            and not s.credit
            and s.number not in self.answered
        ]

    def proposals_to(self, actor: str, turn: int) -> list[Proposal]:
        return [p for p in self.proposals if p.partner == actor and p.turn == turn - 1]


@dataclass(frozen=True)
class DebateEntry:
    """One thing that happened in the debate this month (ledger, log, news, argument record)."""

    kind: str  # statement, rebuttal, concession, proposal, accepted, rejected, countered,
    # lapsed, kept, broken, completed, revealed, upheld, exposed
    actor: str
    other: str = ""
    number: int = 0
    claim: str = ""
    evidence: tuple[str, ...] = ()
    deal: str = ""
    truth: float | None = None
    proof: float = 0.0
    sway: float = 0.0
    won: bool | None = None
    weight: float = 0.0
    reactions: dict[str, str] = field(default_factory=dict)
    card: str = ""
    ref: int = 0  # the statement a rebuttal or concession answers
    terms: tuple[int, ...] = ()  # proposal, countered, accepted: months, promise indices

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = list(self.evidence)
        data["terms"] = list(self.terms)
        return {k: v for k, v in data.items() if v not in ("", 0.0, None, [], {}) or k == "kind"}


def has_debate(model: Model) -> bool:
    scenario = model.scenario
    return bool(scenario.claims or scenario.deals)


def initial_debate(model: Model) -> DebateState | None:
    if not has_debate(model):
        return None
    held = {actor: [] for actor in model.actor_ids}
    for card_id, card in model.scenario.evidence.items():
        for actor in card.held_by:
            held[actor].append(card_id)
    return DebateState(holdings=tuple((a, tuple(cards)) for a, cards in held.items()))


# -- compiled formulas --------------------------------------------------------------------------


def _truths(model: Model) -> dict[str, Callable[[dict[str, float]], float]]:
    cache = model.cache
    if "claim_truths" not in cache:
        known = formula_names(model.scenario) | set(model.derived_names)
        cache["claim_truths"] = {
            claim_id: formula.parse(claim.truth, known).compile()
            for claim_id, claim in model.scenario.claims.items()
        }
    return cache["claim_truths"]


def truth_of(model: Model, claim_id: str, ns: dict[str, float]) -> float:
    value = float(_truths(model)[claim_id](ns))
    return min(1.0, max(0.0, value)) if value == value else 0.0


def persuasion(model: Model, ns: dict[str, float], proof: float, truth: float, maker: str) -> float:
    cache = model.cache
    if "persuasion" not in cache:
        known = formula_names(model.scenario) | set(model.derived_names)
        known |= {"proof", "truth", "credibility"}
        cache["persuasion"] = formula.parse(model.scenario.debate.persuasion, known).compile()
    local = dict(ns)
    local.update(proof=proof, truth=truth, credibility=credibility_in(model, ns, maker))
    value = float(cache["persuasion"](local))
    return value if value == value else 0.0


def credibility_in(model: Model, ns: Mapping[str, float], actor: str) -> float:
    variable = model.scenario.debate.credibility.get(actor, "")
    return float(ns[variable]) if variable else 50.0


def card_weight(model: Model, card_id: str) -> float:
    rules = model.scenario.debate
    return float(rules.strength.get(model.scenario.evidence[card_id].strength, 0.0))


def proof_of(model: Model, cards: Sequence[str]) -> float:
    return sum(card_weight(model, c) for c in cards)


def claim_action_category(claim: Claim) -> Category:
    return Category.blame if claim.stance == Stance.blame else Category.diplomacy


# -- what a government may say ----------------------------------------------------------------


def claims_for_action(model: Model, actor: str, action_id: str) -> list[str]:
    """Claims ``actor`` may make with ``action_id`` (blame or diplomacy aimed at the subject)."""
    action = model.action(action_id)
    return [
        claim_id
        for claim_id, claim in model.scenario.claims.items()
        if actor in claim.by
        and claim.about == action.target
        and action.actor == actor
        and action.category == claim_action_category(claim)
    ]


def backing_cards(model: Model, held: Sequence[str], claim_id: str) -> list[str]:
    """Held cards that support ``claim_id``, strongest first."""
    cards = [c for c in held if claim_id in model.scenario.evidence[c].supports]
    return sorted(cards, key=lambda c: (-card_weight(model, c), c))


def rebuttal_cards(model: Model, held: Sequence[str], claim_id: str, answered: str) -> list[str]:
    """Held cards usable in a rebuttal: they support the answer or undercut the accusation."""
    evidence = model.scenario.evidence
    cards = [
        c for c in held if claim_id in evidence[c].supports or answered in evidence[c].undercuts
    ]
    return sorted(cards, key=lambda c: (-card_weight(model, c), c))


def rebuttal_claims(model: Model, actor: str, accused_claim: str) -> list[str]:
    return [
        claim_id
        for claim_id, claim in model.scenario.claims.items()
        if actor in claim.by and accused_claim in claim.rebuts
    ]


def move_cost(model: Model, move: Move) -> float:
    rules = model.scenario.debate
    return {
        "rebut": rules.rebut_cost,
        "concede": rules.concede_cost,
        "propose": rules.propose_cost,
        "counter": rules.propose_cost,
    }.get(move.kind, 0.0)


# -- checking moves ---------------------------------------------------------------------------


def check_moves(
    state: State, orders: Mapping[str, Sequence[str]], moves: Moves | None
) -> dict[str, tuple[Move, ...]]:
    """Normalised moves per actor, or OrdersError listing every problem."""
    from game.sim.engine import OrdersError

    model = state.model
    normal: dict[str, tuple[Move, ...]] = {}
    if not moves:
        return normal
    debate = state.debate
    problems: list[str] = []
    if debate is None:
        raise OrdersError(["this scenario has no debate: debate moves cannot be ordered"])
    for actor, items in moves.items():
        if actor not in model.actor_position:
            problems.append(f"unknown government {actor!r} in debate moves")
            continue
        parsed: list[Move] = []
        for item in items:
            try:
                parsed.append(Move.of(item))
            except ValueError as exc:
                problems.append(f"{actor}: {exc}")
        problems += _check_actor_moves(state, actor, list(orders.get(actor, ())), parsed)
        normal[actor] = tuple(parsed)
    if problems:
        raise OrdersError(problems)
    return normal


def _check_actor_moves(state: State, actor: str, orders: list[str], moves: list[Move]) -> list[str]:
    checker = _MoveChecker(state, actor, orders)
    for move in moves:
        checker.check(move)
    spent = sum(state.model.action(a).cost for a in orders if a in state.model.scenario.actions)
    spent += sum(move_cost(state.model, m) for m in moves)
    budget = state.capital_of(actor)
    if moves and spent > budget + 1e-9:
        checker.problems.append(
            f"{actor}: orders and debate moves cost {spent:g} political capital "
            f"but only {budget:g} is available"
        )
    return checker.problems


class _MoveChecker:
    def __init__(self, state: State, actor: str, orders: list[str]) -> None:
        self.state, self.actor, self.orders = state, actor, orders
        self.model = state.model
        self.debate: DebateState = state.debate  # type: ignore[assignment]
        self.problems: list[str] = []
        self.used_actions: set[str] = set()
        self.answered: set[int] = set()

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.actor}: {message}")

    def check(self, move: Move) -> None:
        getattr(self, f"_{move.kind}")(move)

    def _cards(self, move: Move, usable: Callable[[str], bool], what: str) -> None:
        scenario = self.model.scenario
        if len(move.evidence) > MAX_EVIDENCE:
            self.fail(f"at most {MAX_EVIDENCE} evidence cards back a claim")
        if len(set(move.evidence)) != len(move.evidence):
            self.fail("the same card is attached twice")
        held = self.debate.cards(self.actor)
        for card in move.evidence:
            if card not in scenario.evidence:
                self.fail(f"unknown evidence card {card!r}{_hint(card, scenario.evidence)}")
            elif card not in held:
                self.fail(f"does not hold evidence card {card!r}")
            elif not usable(card):
                self.fail(f"card {card!r} does not back {what}")

    def _known_claim(self, claim_id: str) -> Claim | None:
        claims = self.model.scenario.claims
        if claim_id not in claims:
            self.fail(f"unknown claim {claim_id!r}{_hint(claim_id, claims)}")
            return None
        claim = claims[claim_id]
        if self.actor not in claim.by:
            self.fail(f"claim {claim_id!r} is not one {self.actor!r} can make")
            return None
        return claim

    def _claim(self, move: Move) -> None:
        if move.action not in self.orders:
            self.fail(
                f"a statement is made with an action ordered this month ({move.action!r} is not)"
            )
            return
        if move.action in self.used_actions:
            self.fail(f"{move.action!r} already carries a claim")
        self.used_actions.add(move.action)
        claim = self._known_claim(move.claim)
        if claim is None:
            return
        action = self.model.action(move.action)
        category = claim_action_category(claim)
        if action.target != claim.about or action.category != category:
            self.fail(
                f"claim {move.claim!r} ({claim.stance.value} of {claim.about!r}) needs a "
                f"{category.value} action aimed at {claim.about!r}, not {move.action!r}"
            )
        evidence = self.model.scenario.evidence
        self._cards(move, lambda c: move.claim in evidence[c].supports, f"claim {move.claim!r}")

    def _accusation(self, move: Move) -> Statement | None:
        accusation = self.debate.statement(move.ref)
        if (
            accusation is None
            or accusation.about != self.actor
            or accusation.answers
            or accusation.credit
        ):
            self.fail(f"there is no accusation number {move.ref} against {self.actor!r}")
            return None
        if accusation.turn != self.state.turn - 1:
            self.fail(f"accusation {move.ref} can only be answered in the month after it was made")
            return None
        if move.ref in self.debate.answered or move.ref in self.answered:
            self.fail(f"accusation {move.ref} has already been answered")
            return None
        self.answered.add(move.ref)
        return accusation

    def _rebut(self, move: Move) -> None:
        accusation = self._accusation(move)
        claim = self._known_claim(move.claim)
        if accusation is None or claim is None:
            return
        if accusation.claim not in claim.rebuts:
            self.fail(f"claim {move.claim!r} does not answer claim {accusation.claim!r}")
        evidence = self.model.scenario.evidence
        self._cards(
            move,
            lambda c: (
                move.claim in evidence[c].supports or accusation.claim in evidence[c].undercuts
            ),
            f"the rebuttal {move.claim!r}",
        )

    def _concede(self, move: Move) -> None:
        self._accusation(move)

    def _template(self, deal_id: str, proposer: str) -> DealTemplate | None:
        deals = self.model.scenario.deals
        if deal_id not in deals:
            self.fail(f"unknown deal {deal_id!r}{_hint(deal_id, deals)}")
            return None
        template = deals[deal_id]
        if template.proposer != proposer:
            self.fail(f"deal {deal_id!r} is offered by {template.proposer!r}, not {proposer!r}")
            return None
        live = {d.deal for d in self.debate.deals}
        live |= {p.deal for p in self.debate.proposals if p.turn == self.state.turn}
        if deal_id in live:
            self.fail(f"deal {deal_id!r} is already running or on the table")
        return template

    def _propose(self, move: Move) -> None:
        template = self._template(move.deal, self.actor)
        if template is not None:
            self._terms(move, template)

    def _terms(self, move: Move, template: DealTemplate) -> None:
        """The terms a proposal or counter-offer names lie within the template's bounds."""
        low, high = template.month_bounds
        if move.months and not low <= move.months <= high:
            self.fail(f"deal {move.deal!r} runs {low} to {high} months (got {move.months})")
        for key, promises in (
            ("proposer_does", template.proposer_promises),
            ("partner_does", template.partner_promises),
        ):
            if getattr(move, key) > len(promises):
                self.fail(
                    f"deal {move.deal!r} has {len(promises)} choice(s) for {key} "
                    f"(got {getattr(move, key)})"
                )

    def _proposal(self, move: Move) -> Proposal | None:
        proposal = next((p for p in self.debate.proposals if p.number == move.ref), None)
        if proposal is None or proposal.partner != self.actor:
            self.fail(f"there is no proposal number {move.ref} to {self.actor!r}")
            return None
        if proposal.turn != self.state.turn - 1:
            self.fail(f"proposal {move.ref} can only be answered in the month after it was made")
            return None
        if move.ref in self.answered:
            self.fail(f"proposal {move.ref} is answered twice")
        self.answered.add(move.ref)
        return proposal

    def _accept(self, move: Move) -> None:
        self._proposal(move)

    def _reject(self, move: Move) -> None:
        self._proposal(move)

    def _counter(self, move: Move) -> None:
        proposal = self._proposal(move)
        if proposal is not None and move.deal == proposal.deal:  # the same deal, new terms
            self._terms(move, self.model.scenario.deals[move.deal])
            return
        template = self._template(move.deal, self.actor)
        if proposal and template and template.partner != proposal.proposer:
            self.fail(f"a counter-offer to {proposal.proposer!r} must be a deal offered to it")
        if template is not None:
            self._terms(move, template)


def _hint(name: str, choices: Mapping[str, object]) -> str:
    return did_you_mean(name, choices)


# -- resolving a month ------------------------------------------------------------------------


@dataclass
class DebateMonth:
    """What ``resolve`` returns: the debate after the month, and what happened in it."""

    state: DebateState | None
    entries: tuple[DebateEntry, ...] = ()
    counted: bool = False  # whether any debate counter moved


def resolve(
    state: State,
    orders: Mapping[str, Sequence[str]],
    moves: Mapping[str, Sequence[Move]],
    fired: Sequence[str],
    counters: dict[str, float],
    spend: Callable[[str, float], None],
) -> DebateMonth:
    """Play the debate's part of one month; writes into ``counters`` and spends capital."""
    if state.debate is None:
        return DebateMonth(None)
    debate = state.debate
    if not moves and not debate.deals and not debate.proposals and not _reveals(state, fired):
        return DebateMonth(debate)  # a quiet month: nothing to answer, check or reveal
    month = _Resolver(state, orders, counters)
    for actor, actor_moves in moves.items():
        for move in actor_moves:
            spend(actor, move_cost(state.model, move))
    month.check_deals()
    month.answer_proposals(moves)
    for actor, actor_moves in moves.items():
        for move in actor_moves:
            if move.kind == "claim":
                month.statement(actor, move)
            elif move.kind == "rebut":
                month.rebuttal(actor, move)
            elif move.kind == "concede":
                month.concession(actor, move)
            elif move.kind == "propose":
                month.propose(actor, move)
    month.reveal(fired)
    return month.result()


def _terms_of(terms: Terms | None) -> tuple[int, ...]:
    """Terms as the ledger and the log keep them: () for the template's own."""
    return () if terms is None else (terms.months, terms.proposer, terms.partner)


def _reveals(state: State, fired: Sequence[str]) -> bool:
    """Whether an event of ``fired`` reveals a card not yet revealed."""
    revealed = state.debate.revealed  # type: ignore[union-attr]
    return any(card_id not in revealed for card_id in _cards_revealed_by(state.model, fired))


def _cards_revealed_by(model: Model, fired: Sequence[str]) -> list[str]:
    """The evidence cards the events ``fired`` reveal, in scenario order."""
    if not fired:
        return []
    revealing = model.cache.get("cards_revealed_by")
    if revealing is None:
        revealing = model.cache["cards_revealed_by"] = {}
        for position, (card_id, card) in enumerate(model.scenario.evidence.items()):
            if card.revealed_by:
                revealing.setdefault(card.revealed_by, []).append((position, card_id))
    found = [card for event_id in fired for card in revealing.get(event_id, ())]
    if len(found) > 1:
        found = sorted(set(found))
    return [card_id for _, card_id in found]


class _Resolver:
    def __init__(
        self, state: State, orders: Mapping[str, Sequence[str]], counters: dict[str, float]
    ) -> None:
        self.state, self.model, self.orders = state, state.model, orders
        self.counters = counters
        debate: DebateState = state.debate  # type: ignore[assignment]
        self.debate = debate
        self.holdings = {a: list(cards) for a, cards in debate.holdings}
        self.statements = list(debate.statements)
        self.answered = list(debate.answered)
        self.proposals: list[Proposal] = []
        self.deals: list[Deal] = []
        self.revealed = list(debate.revealed)
        self.number = debate.next_number
        self.entries: list[DebateEntry] = []
        self.counted = False

    @property
    def ns(self) -> dict[str, float]:
        """The month's starting namespace, derived only when a claim needs it."""
        return self.state.namespace

    def count(self, name: str, amount: float) -> None:
        if amount:
            self.counters[name] += amount
            self.counted = True

    def next_number(self) -> int:
        self.number += 1
        return self.number - 1

    def result(self) -> DebateMonth:
        debate = DebateState(
            holdings=tuple((a, tuple(cards)) for a, cards in self.holdings.items()),
            statements=tuple(self.statements),
            proposals=tuple(self.proposals),
            deals=tuple(self.deals),
            answered=tuple(self.answered),
            revealed=tuple(self.revealed),
            next_number=self.number,
        )
        return DebateMonth(debate, tuple(self.entries), self.counted)

    # statements

    def _said(self, maker: str, claim_id: str, cards: tuple[str, ...], answers: int) -> Statement:
        claim = self.model.scenario.claims[claim_id]
        about = claim.about if not answers else self.debate.statement(answers).maker  # type: ignore[union-attr]
        truth = truth_of(self.model, claim_id, self.ns)
        proof = proof_of(self.model, cards)
        sway = persuasion(self.model, self.ns, proof, truth, maker)
        statement = Statement(
            self.next_number(),
            self.state.turn,
            maker,
            about,
            claim_id,
            cards,
            truth,
            proof,
            sway,
            answers,
            credit=claim.stance == Stance.credit and not answers,
        )
        self.statements.append(statement)
        if not cards and claim.stance == Stance.blame:
            self.count(f"bare_{maker}", 1)
        return statement

    def _reactions(self, statement: Statement) -> dict[str, str]:
        reactions = {}
        for actor in self.model.actor_ids:
            if actor == statement.maker:
                reactions[actor] = "rallies" if statement.sway >= 0.2 else "shrugs"
            elif actor == statement.about and statement.credit:
                reactions[actor] = "welcomes"
            elif actor == statement.about:
                reactions[actor] = "shaken" if statement.sway >= 0.8 else "rejects"
            else:
                reactions[actor] = (
                    "convinced"
                    if statement.sway >= 0.8
                    else "divided"
                    if statement.sway >= 0.4
                    else "unconvinced"
                )
        return reactions

    def statement(self, maker: str, move: Move) -> None:
        claim = self.model.scenario.claims[move.claim]
        said = self._said(maker, move.claim, move.evidence, 0)
        pair = f"{maker}_{claim.about}"
        if claim.stance == Stance.blame:
            self.count(f"said_{pair}", 1)
            self.count(f"true_{pair}", said.truth)
            self.count(f"sway_{pair}", said.sway)
        else:
            self.count(f"praised_{pair}", 1)
        self.entries.append(
            DebateEntry(
                "statement",
                maker,
                claim.about,
                said.number,
                move.claim,
                move.evidence,
                truth=said.truth,
                proof=said.proof,
                sway=said.sway,
                reactions=self._reactions(said),
            )
        )

    def rebuttal(self, maker: str, move: Move) -> None:
        accusation: Statement = self.debate.statement(move.ref)  # type: ignore[assignment]
        said = self._said(maker, move.claim, move.evidence, move.ref)
        self.answered.append(move.ref)
        answer = said.proof + said.truth
        charge = accusation.proof + accusation.truth
        won = answer > charge
        winner, loser = (maker, accusation.maker) if won else (accusation.maker, maker)
        self.count(f"rebut_{maker}_{accusation.maker}", 1)
        self.count(f"upheld_{winner}", 1)
        self.count(f"exposed_{loser}", 1)
        self.entries.append(
            DebateEntry(
                "rebuttal",
                maker,
                accusation.maker,
                said.number,
                move.claim,
                move.evidence,
                truth=said.truth,
                proof=said.proof,
                sway=said.sway,
                won=won,
                weight=round(answer - charge, 6),
                reactions=self._reactions(said),
                ref=move.ref,
            )
        )

    def concession(self, maker: str, move: Move) -> None:
        accusation: Statement = self.debate.statement(move.ref)  # type: ignore[assignment]
        self.answered.append(move.ref)
        self.count(f"concede_{maker}_{accusation.maker}", 1)
        self.count(f"upheld_{accusation.maker}", 1)
        self.entries.append(
            DebateEntry("concession", maker, accusation.maker, claim=accusation.claim, ref=move.ref)
        )

    # deals

    def propose(self, proposer: str, move: Move, counter_to: int = 0) -> None:
        template = self.model.scenario.deals[move.deal]
        partner = template.partner if proposer == template.proposer else template.proposer
        terms = move.terms(template)
        proposal = Proposal(
            self.next_number(),
            self.state.turn,
            move.deal,
            proposer,
            partner,
            counter_to,
            None if terms == Terms.of(template) else terms,
        )
        self.proposals.append(proposal)
        kind = "countered" if counter_to else "proposal"
        self.entries.append(
            DebateEntry(
                kind,
                proposer,
                partner,
                proposal.number,
                deal=move.deal,
                ref=counter_to,
                terms=_terms_of(proposal.terms),
            )
        )

    def answer_proposals(self, moves: Mapping[str, Sequence[Move]]) -> None:
        answers = {
            m.ref: m for actor_moves in moves.values() for m in actor_moves if m.kind in ANSWERS
        }
        for proposal in self.debate.proposals:
            if proposal.turn != self.state.turn - 1:
                continue
            answer = answers.get(proposal.number)
            partner, proposer = proposal.partner, proposal.proposer
            if answer is None:
                self.entries.append(
                    DebateEntry("lapsed", partner, proposer, proposal.number, deal=proposal.deal)
                )
            elif answer.kind == "accept":
                template = self.model.scenario.deals[proposal.deal]
                terms = proposal.terms or Terms.of(template)
                self.deals.append(
                    Deal(
                        proposal.number,
                        proposal.deal,
                        template.proposer,
                        template.partner,
                        self.state.turn + 1,
                        terms.months,
                        terms=proposal.terms,
                    )
                )
                self.entries.append(
                    DebateEntry(
                        "accepted",
                        partner,
                        proposer,
                        proposal.number,
                        deal=proposal.deal,
                        terms=_terms_of(proposal.terms),
                    )
                )
            elif answer.kind == "reject":
                self.entries.append(
                    DebateEntry("rejected", partner, proposer, proposal.number, deal=proposal.deal)
                )
            else:
                self.propose(partner, answer, counter_to=proposal.number)

    def check_deals(self) -> None:
        for deal in self.debate.deals:
            if deal.first_turn > self.state.turn:
                self.deals.append(deal)
                continue
            self._check_deal(deal)

    def _check_deal(self, deal: Deal) -> None:
        template = self.model.scenario.deals[deal.deal]
        last_month = deal.months_left == 1
        proposer_does, partner_does = deal.promises(template)
        sides = ((deal.proposer, proposer_does), (deal.partner, partner_does))
        done = list(deal.done)
        broken: list[str] = []
        for i, (actor, promise) in enumerate(sides):
            ordered = any(a in self.orders.get(actor, ()) for a in promise.actions)
            if promise.how == "never":
                if ordered:
                    broken.append(actor)
            elif promise.how == "once":
                done[i] = done[i] or ordered
                if last_month and not done[i]:
                    broken.append(actor)
            elif not ordered and self._could_have(actor, promise.actions):
                broken.append(actor)
        for actor, _ in sides:
            other = deal.partner if actor == deal.proposer else deal.proposer
            if actor in broken:
                self.count(f"broke_{actor}_{other}", 1)
                self.entries.append(
                    DebateEntry("broken", actor, other, deal.number, deal=deal.deal)
                )
            else:
                self.count(f"kept_{actor}_{other}", 1)
        if broken:
            return
        if last_month:
            self.entries.append(
                DebateEntry("completed", deal.proposer, deal.partner, deal.number, deal=deal.deal)
            )
            return
        self.entries.append(
            DebateEntry(
                "kept",
                deal.proposer,
                deal.partner,
                deal.number,
                deal=deal.deal,
                weight=float(deal.months_left - 1),
            )
        )
        self.deals.append(replace(deal, months_left=deal.months_left - 1, done=(done[0], done[1])))

    def _could_have(self, actor: str, actions: Sequence[str]) -> bool:
        """Whether any of ``actions`` was open to ``actor`` this month (capital aside)."""
        from game.sim.engine import NOT_ENOUGH_CAPITAL

        state, mine = self.state, self.model.actions_by_actor.get(actor, ())
        return any(
            a in mine and state._unavailable_reason(a) in ("", NOT_ENOUGH_CAPITAL) for a in actions
        )

    # evidence revealed by events

    def reveal(self, fired: Sequence[str]) -> None:
        evidence = self.model.scenario.evidence
        for card_id in _cards_revealed_by(self.model, fired):
            card = evidence[card_id]
            if card_id in self.revealed:
                continue
            self.revealed.append(card_id)
            for actor in card.reveal_to or self.model.actor_ids:
                if card_id not in self.holdings[actor]:
                    self.holdings[actor].append(card_id)
            self.entries.append(DebateEntry("revealed", "", card=card_id))
            self._test_claims(card_id)

    def _test_claims(self, card_id: str) -> None:
        card = self.model.scenario.evidence[card_id]
        weight = card_weight(self.model, card_id)
        for claim_id in (*card.supports, *card.undercuts):
            makers = sorted({s.maker for s in self.statements if s.claim == claim_id})
            if not makers:
                continue
            truth = truth_of(self.model, claim_id, self.ns)
            backs = claim_id in card.supports
            amount = weight * (truth if backs else 1.0 - truth)
            if amount <= 0:
                continue
            kind = "upheld" if backs else "exposed"
            for maker in makers:
                self.count(f"{kind}_{maker}", amount)
                self.entries.append(
                    DebateEntry(
                        kind,
                        maker,
                        claim=claim_id,
                        truth=truth,
                        weight=round(amount, 6),
                        card=card_id,
                    )
                )
