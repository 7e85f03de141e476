"""The debate as a person sees it: what to answer, what to claim, the argument record.

Rules:
- Pure (no pygame): the window draws these; the tests read them directly.
- Options are (label, Move) pairs the engine would accept; the window only picks one.
- The argument record is read from the game's ledgers, so it is the same in the window, the
  exported log and ``report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.i18n import N_, _
from game.sim import debate as rules
from game.sim.debate import Move
from game.sim.session import Game

STRENGTH_WORDS = {"strong": N_("strong"), "moderate": N_("moderate"), "weak": N_("weak")}


def has_debate(game: Game) -> bool:
    return game.state.debate is not None


def claim_text(game: Game, claim_id: str) -> str:
    return game.model.scenario.claims[claim_id].text


def card_label(game: Game, card_id: str) -> str:
    card = game.model.scenario.evidence[card_id]
    return f"{card.title} ({_(STRENGTH_WORDS[card.strength.value])})"


def actor_name(game: Game, actor: str) -> str:
    spec = game.model.scenario.actors.get(actor)
    return (spec.short or spec.name) if spec else actor


def needs_answers(game: Game, actor: str) -> bool:
    """Whether ``actor`` has accusations or proposals from last month to answer."""
    debate, turn = game.state.debate, game.state.turn
    if debate is None or game.finished:
        return False
    return bool(debate.open_accusations(actor, turn) or debate.proposals_to(actor, turn))


@dataclass(frozen=True)
class Case:
    """A statement or rebuttal to put together: the claims that may be made, and for each the
    held cards that may back it (strongest first). ``move`` turns a choice into the order."""

    kind: str  # "claim" (with an action) or "rebut" (an accusation)
    claims: tuple[str, ...]
    usable: dict[str, tuple[str, ...]]
    action: str = ""
    ref: int = 0

    @property
    def cards(self) -> list[str]:
        """Every card usable with one of the claims, in the order first met."""
        return list(dict.fromkeys(c for claim in self.claims for c in self.usable[claim]))

    def move(self, claim: str, cards: tuple[str, ...] | list[str]) -> Move:
        """The order for ``claim`` backed by ``cards``; ValueError if the case does not allow it."""
        if claim not in self.claims:
            raise ValueError(f"claim {claim!r} is not one of this case's")
        if len(cards) > rules.MAX_EVIDENCE or any(c not in self.usable[claim] for c in cards):
            raise ValueError(f"cards {list(cards)} cannot back {claim!r}")
        return Move(self.kind, action=self.action, claim=claim, evidence=tuple(cards), ref=self.ref)


Option = Move | Case | None


@dataclass(frozen=True)
class Question:
    """One thing put to a government: an accusation or a proposal, and the possible answers
    (a ready order, a case to put together, or None: say nothing)."""

    heading: str
    detail: str
    options: list[tuple[str, Option]] = field(default_factory=list)


def statement_case(game: Game, actor: str, action_id: str) -> Case | None:
    """The claims ``actor`` may make with ``action_id`` and the held cards backing each."""
    state = game.state
    if state.debate is None:
        return None
    model = state.model
    claims = tuple(rules.claims_for_action(model, actor, action_id))
    if not claims:
        return None
    held = state.debate.cards(actor)
    usable = {c: tuple(rules.backing_cards(model, held, c)) for c in claims}
    return Case("claim", claims, usable, action=action_id)


def rebuttal_case(game: Game, actor: str, accusation: rules.Statement) -> Case | None:
    """The answers ``actor`` may give to ``accusation`` and the held cards usable with each."""
    state = game.state
    if state.debate is None:
        return None
    model = state.model
    claims = tuple(rules.rebuttal_claims(model, actor, accusation.claim))
    if not claims:
        return None
    held = state.debate.cards(actor)
    usable = {c: tuple(rules.rebuttal_cards(model, held, c, accusation.claim)) for c in claims}
    return Case("rebut", claims, usable, ref=accusation.number)


def questions_for(game: Game, actor: str, capital: float | None = None) -> list[Question]:
    """The accusations and proposals ``actor`` may answer this month, with every answer."""
    state = game.state
    debate = state.debate
    if debate is None:
        return []
    model = state.model
    costs = model.scenario.debate
    budget = state.capital_of(actor) if capital is None else capital
    questions = []
    for accusation in debate.open_accusations(actor, state.turn):
        maker = actor_name(game, accusation.maker)
        cards = ", ".join(card_label(game, c) for c in accusation.evidence) or _("no evidence")
        detail = _(
            '{maker} said: "{claim}" ({cards}). '
            "A rebuttal wins if its evidence and truth outweigh the accusation's."
        ).format(maker=maker, claim=claim_text(game, accusation.claim), cards=cards)
        options: list[tuple[str, Option]] = []
        case = rebuttal_case(game, actor, accusation)
        if case is not None and budget >= costs.rebut_cost:
            label = _("Rebut (cost {cost}): choose your answer and evidence").format(
                cost=f"{costs.rebut_cost:g}"
            )
            options.append((label, case))
        if budget >= costs.concede_cost:
            options.append(
                (
                    _("Concede (tension falls, your public minds)"),
                    Move("concede", ref=accusation.number),
                )
            )
        options.append((_("Let it stand (say nothing)"), None))
        questions.append(Question(_("{maker} accuses you").format(maker=maker), detail, options))
    for proposal in debate.proposals_to(actor, state.turn):
        template = model.scenario.deals[proposal.deal]
        proposer = actor_name(game, proposal.proposer)
        trust = rules.credibility_in(model, state.namespace, proposal.proposer)
        detail = _(
            '{proposer} offers: "{offer}" ({months} months). '
            "{proposer}'s credibility: {trust} of 100."
        ).format(
            proposer=proposer, offer=template.text, months=template.months, trust=f"{trust:.0f}"
        )
        options = [
            (_("Accept"), Move("accept", ref=proposal.number)),
            (_("Reject"), Move("reject", ref=proposal.number)),
        ]
        if not proposal.counter_to:
            for deal_id, other in model.scenario.deals.items():
                if other.proposer == actor and other.partner == proposal.proposer:
                    move = Move("counter", ref=proposal.number, deal=deal_id)
                    options.append((_("Counter: {deal}").format(deal=other.label), move))
        questions.append(
            Question(_("{proposer} proposes a deal").format(proposer=proposer), detail, options)
        )
    return questions


def proposal_options(game: Game, actor: str, pending: list[Move]) -> list[tuple[str, Move]]:
    """Deals ``actor`` may offer now (none already running, on the table or chosen)."""
    state = game.state
    if state.debate is None:
        return []
    busy = {d.deal for d in state.debate.deals}
    busy |= {p.deal for p in state.debate.proposals if p.turn == state.turn - 1}
    busy |= {m.deal for m in pending if m.kind in ("propose", "counter")}
    return [
        (f"Propose to {actor_name(game, t.partner)}: {t.label}. {t.text}", Move("propose", deal=d))
        for d, t in state.model.scenario.deals.items()
        if t.proposer == actor and d not in busy
    ]


# -- what happened ------------------------------------------------------------------------------

REACTION_WORDS = {
    "rallies": "rallies behind it",
    "shrugs": "shrugs",
    "rejects": "rejects it",
    "shaken": "is shaken",
    "convinced": "is convinced",
    "divided": "is divided",
    "unconvinced": "is unconvinced",
}


def entry_line(game: Game, entry: rules.DebateEntry, viewer: str) -> str:
    """One debate entry in words, with the viewer's own press's reaction first."""
    model = game.model
    who, other = actor_name(game, entry.actor), actor_name(game, entry.other)
    deal = model.scenario.deals[entry.deal].label if entry.deal else ""
    evidence = ", ".join(card_label(game, c) for c in entry.evidence) or "no evidence"
    if entry.kind in ("statement", "rebuttal"):
        verb = "rebuts" if entry.kind == "rebuttal" else "says"
        line = f'{who} {verb}: "{claim_text(game, entry.claim)}" ({evidence})'
        if entry.kind == "rebuttal":
            line += " and wins the exchange" if entry.won else " but loses the exchange"
        reactions = dict(entry.reactions)
        if reactions:
            press = model.scenario.actors[viewer].press or f"{actor_name(game, viewer)} press"
            mine = REACTION_WORDS.get(reactions.pop(viewer, ""), "")
            others = "; ".join(
                f"{actor_name(game, a)} {REACTION_WORDS.get(r, r)}" for a, r in reactions.items()
            )
            line += f". {press}: the public {mine}" if mine else ""
            line += f"; abroad: {others}" if others else ""
        return line
    texts = {
        "concession": f'{who} concedes {other}\'s point: "{claim_text(game, entry.claim)}"'
        if entry.claim
        else f"{who} concedes",
        "proposal": f"{who} proposes to {other}: {deal}",
        "countered": f"{who} answers {other} with a counter-offer: {deal}",
        "accepted": f"{who} accepts {other}'s offer: {deal}",
        "rejected": f"{who} rejects {other}'s offer: {deal}",
        "lapsed": f"{who} lets {other}'s offer lapse: {deal}",
        "kept": f"Deal kept by both: {deal} ({entry.weight:g} months left)",
        "completed": f"Deal completed: {deal}",
        "broken": f"{who} breaks the deal with {other}: {deal}",
        "revealed": f"New evidence: {card_label(game, entry.card)}" if entry.card else "",
        "upheld": f'{who}\'s claim holds up: "{claim_text(game, entry.claim)}"'
        if entry.claim
        else "",
        "exposed": f'{who}\'s claim is shown false: "{claim_text(game, entry.claim)}"'
        if entry.claim
        else "",
    }
    return texts.get(entry.kind, entry.kind)


def running_deals(game: Game) -> list[str]:
    debate = game.state.debate
    if debate is None:
        return []
    model = game.model
    return [
        f"{model.scenario.deals[d.deal].label}: {actor_name(game, d.proposer)} and "
        f"{actor_name(game, d.partner)}, {d.months_left} month(s) left"
        for d in debate.deals
    ]


def credibility_now(game: Game) -> dict[str, float]:
    model = game.model
    ns = game.state.namespace
    return {a: rules.credibility_in(model, ns, a) for a in model.actor_ids}


# -- the argument record -------------------------------------------------------------------------


@dataclass
class Record:
    """One government's arguments over a game."""

    claims: dict[str, int] = field(default_factory=dict)  # claim id -> times made
    with_evidence: int = 0
    bare: int = 0
    truth_sum: float = 0.0
    statements: int = 0
    upheld: float = 0.0
    exposed: float = 0.0
    rebuttals_won: int = 0
    rebuttals_lost: int = 0
    concessions: int = 0
    deals_kept: int = 0  # deals completed
    deals_broken: int = 0
    credibility: list[float] = field(default_factory=list)

    @property
    def mean_truth(self) -> float:
        return self.truth_sum / self.statements if self.statements else 0.0


def argument_record(game: Game) -> dict[str, Record]:
    """Each government's record: claims, evidence, truth, rebuttals, deals, credibility."""
    model = game.model
    records = {actor: Record() for actor in model.actor_ids}
    for ledger in game.ledgers:
        for entry in ledger.debate:
            record = records.get(entry.actor)
            if record is None:
                continue
            if entry.kind in ("statement", "rebuttal"):
                record.claims[entry.claim] = record.claims.get(entry.claim, 0) + 1
                record.statements += 1
                record.truth_sum += entry.truth or 0.0
                if entry.evidence:
                    record.with_evidence += 1
                else:
                    record.bare += 1
            if entry.kind == "rebuttal":
                if entry.won:
                    record.rebuttals_won += 1
                else:
                    record.rebuttals_lost += 1
            elif entry.kind == "concession":
                record.concessions += 1
            elif entry.kind == "upheld":
                record.upheld += entry.weight
            elif entry.kind == "exposed":
                record.exposed += entry.weight
            elif entry.kind == "broken":
                record.deals_broken += 1
            elif entry.kind == "completed":
                records[entry.actor].deals_kept += 1
                if entry.other in records:
                    records[entry.other].deals_kept += 1
    for actor, record in records.items():
        record.credibility = [rules.credibility_in(model, s.namespace, actor) for s in game.states]
    return records


def record_questions(game: Game) -> list[str]:
    """The scenario's debate questions, filled in from this game's argument record."""
    templates = game.model.scenario.debate.questions
    if not templates or game.state.debate is None:
        return []
    questions = []
    for actor, record in argument_record(game).items():
        if not record.claims:
            continue
        claim, times = max(record.claims.items(), key=lambda item: (item[1], item[0]))
        truth = rules.truth_of(game.model, claim, game.state.namespace)
        for template in templates:
            questions.append(
                template.format(
                    government=actor_name(game, actor),
                    claim=claim_text(game, claim),
                    times=times,
                    with_evidence=record.with_evidence,
                    bare=record.bare,
                    truth=_("true")
                    if truth >= 0.7
                    else _("false")
                    if truth <= 0.3
                    else _("partly true"),
                    reasoning=game.model.scenario.claims[claim].reasoning,
                )
            )
    return questions
