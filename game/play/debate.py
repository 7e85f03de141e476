"""The debate as a person sees it: what to answer, what to claim, the argument record.

Rules:
- Pure (no pygame): the window draws these; the tests read them directly.
- Options are (label, Move) pairs the engine would accept; the window only picks one.
- The argument record is read from the game's ledgers, so it is the same in the window, the
  exported log and ``report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.format.debate import DealTemplate, Promise
from game.i18n import N_, _, ngettext
from game.sim import debate as rules
from game.sim.debate import Move, Terms
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


@dataclass(frozen=True)
class Draft:
    """A deal offer to put together: the template's terms, edited within its bounds."""

    kind: str  # "propose" or "counter"
    deal: str
    start: Terms  # where the editor starts: the template's terms, or the offer countered
    ref: int = 0  # counter: the proposal answered

    def move(self, terms: Terms) -> Move:
        return Move(self.kind, deal=self.deal, ref=self.ref, **terms.as_move())


@dataclass(frozen=True)
class TermField:
    """One editable term: a label, the values it may take (in words), the value chosen."""

    key: str  # "proposer", "months" or "partner"
    label: str
    choices: tuple[str, ...]
    index: int


def term_fields(game: Game, draft: Draft) -> list[TermField]:
    """The terms of ``draft``'s deal as the editor shows them, starting at ``draft.start``."""
    template = game.model.scenario.deals[draft.deal]
    low, high = template.month_bounds
    months = tuple(ngettext("{n} month", "{n} months", n).format(n=n) for n in range(low, high + 1))
    return [
        TermField(
            "proposer",
            _("{government} does").format(government=actor_name(game, template.proposer)),
            tuple(promise_text(game, p) for p in template.proposer_promises),
            draft.start.proposer,
        ),
        TermField(
            "partner",
            _("{government} does").format(government=actor_name(game, template.partner)),
            tuple(promise_text(game, p) for p in template.partner_promises),
            draft.start.partner,
        ),
        TermField("months", _("For"), months, draft.start.months - low),
    ]


def terms_of(game: Game, deal: str, chosen: dict[str, int]) -> Terms:
    """The terms an editor's choice (field key -> index) names."""
    low, _high = game.model.scenario.deals[deal].month_bounds
    return Terms(low + chosen["months"], chosen["proposer"], chosen["partner"])


def promise_text(game: Game, promise: Promise) -> str:
    names = _(" or ").join(game.model.action(a).name for a in promise.actions)
    if promise.how == "monthly":
        return _("{actions}, every month").format(actions=names)
    if promise.how == "once":
        return _("{actions}, at least once").format(actions=names)
    return _("no {actions}").format(actions=names)


def terms_sentence(game: Game, template: DealTemplate, terms: Terms) -> str:
    """'Mexico: lab raids, every month; United States: gun crackdown, at least once; 4 months'."""
    does, gets = terms.promises(template)
    return _("{proposer}: {does}; {partner}: {gets}; for {months}").format(
        proposer=actor_name(game, template.proposer),
        does=promise_text(game, does),
        partner=actor_name(game, template.partner),
        gets=promise_text(game, gets),
        months=ngettext("{n} month", "{n} months", terms.months).format(n=terms.months),
    )


def offer_text(game: Game, deal: str, terms: Terms | None) -> str:
    """An offer in words: the template's own sentence, or its edited terms."""
    template = game.model.scenario.deals[deal]
    terms = terms or Terms.of(template)
    sentence = terms_sentence(game, template, terms)
    if terms == Terms.of(template):
        return _('"{text}" ({terms})').format(text=template.text, terms=sentence)
    return _('"{label}" on new terms: {terms}').format(label=template.label, terms=sentence)


Option = Move | Case | Draft | None


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
        terms = proposal.terms or Terms.of(template)
        detail = _("{proposer} offers {offer}. {proposer}'s credibility: {trust} of 100.").format(
            proposer=proposer,
            offer=offer_text(game, proposal.deal, proposal.terms),
            trust=f"{trust:.0f}",
        )
        options: list[tuple[str, Option]] = [
            (_("Accept"), Move("accept", ref=proposal.number)),
            (_("Reject"), Move("reject", ref=proposal.number)),
        ]
        if not proposal.counter_to:
            if template.editable:
                draft = Draft("counter", proposal.deal, terms, proposal.number)
                options.append((_("Counter: the same deal on other terms"), draft))
            for deal_id, other in model.scenario.deals.items():
                if other.proposer == actor and other.partner == proposal.proposer:
                    draft = Draft("counter", deal_id, Terms.of(other), proposal.number)
                    options.append((_("Counter: {deal}").format(deal=other.label), draft))
        questions.append(
            Question(_("{proposer} proposes a deal").format(proposer=proposer), detail, options)
        )
    return questions


def proposal_options(game: Game, actor: str, pending: list[Move]) -> list[tuple[str, Draft]]:
    """Deals ``actor`` may offer now (none already running, on the table or chosen)."""
    state = game.state
    if state.debate is None:
        return []
    busy = {d.deal for d in state.debate.deals}
    busy |= {p.deal for p in state.debate.proposals if p.turn == state.turn - 1}
    busy |= {m.deal for m in pending if m.kind in ("propose", "counter")}
    return [
        (
            _("Propose to {partner}: {deal}. {offer}").format(
                partner=actor_name(game, t.partner), deal=t.label, offer=t.text
            ),
            Draft("propose", d, Terms.of(t)),
        )
        for d, t in state.model.scenario.deals.items()
        if t.proposer == actor and d not in busy
    ]


# -- what happened ------------------------------------------------------------------------------

REACTION_WORDS = {
    "rallies": N_("the public rallies behind it"),
    "shrugs": N_("the public shrugs"),
    "rejects": N_("the public rejects it"),
    "shaken": N_("the public is shaken"),
    "welcomes": N_("the public welcomes it"),
    "convinced": N_("opinion is convinced"),
    "divided": N_("opinion is divided"),
    "unconvinced": N_("opinion is unconvinced"),
}


def press_name(game: Game, actor: str) -> str:
    spec = game.model.scenario.actors.get(actor)
    if spec is not None and spec.press:
        return spec.press
    return _("{country} press").format(country=actor_name(game, actor))


def headlines(game: Game, entry: rules.DebateEntry, viewer: str) -> list[tuple[str, str]]:
    """Each audience's reaction to a statement as (press, headline) in that press's voice (the
    scenario's ``[debate.press]``), the viewer's own press first."""
    voices = game.model.scenario.debate.press
    order = sorted(entry.reactions, key=lambda a: a != viewer)
    found = []
    for audience in order:
        reaction = entry.reactions[audience]
        voice = voices.get(audience)
        template = voice.headlines.get(reaction) if voice is not None else None
        if template:
            line = template.format(
                maker=actor_name(game, entry.actor),
                about=actor_name(game, entry.other),
                claim=claim_text(game, entry.claim) if entry.claim else "",
            )
        else:
            line = _(REACTION_WORDS[reaction]) if reaction in REACTION_WORDS else reaction
        found.append((press_name(game, audience), line))
    return found


def entry_line(game: Game, entry: rules.DebateEntry, viewer: str) -> str:
    """One debate entry in words (a statement's headlines come from ``headlines``)."""
    model = game.model
    who, other = actor_name(game, entry.actor), actor_name(game, entry.other)
    deal = model.scenario.deals[entry.deal].label if entry.deal else ""
    if entry.deal and entry.terms:
        months, proposer, partner = entry.terms
        template = model.scenario.deals[entry.deal]
        terms = terms_sentence(game, template, Terms(months, proposer, partner))
        deal = _("{deal} ({terms})").format(deal=deal, terms=terms)
    if entry.kind in ("statement", "rebuttal"):
        evidence = ", ".join(card_label(game, c) for c in entry.evidence) or _("no evidence")
        claim = claim_text(game, entry.claim)
        if entry.kind == "statement":
            return _('{who} says: "{claim}" ({evidence})').format(
                who=who, claim=claim, evidence=evidence
            )
        if entry.won:
            text = _('{who} rebuts: "{claim}" ({evidence}) and wins the exchange')
        else:
            text = _('{who} rebuts: "{claim}" ({evidence}) but loses the exchange')
        return text.format(who=who, claim=claim, evidence=evidence)
    claim = claim_text(game, entry.claim) if entry.claim else ""
    texts = {
        "concession": _('{who} concedes {other}\'s point: "{claim}"')
        if claim
        else _("{who} concedes"),
        "proposal": _("{who} proposes to {other}: {deal}"),
        "countered": _("{who} answers {other} with a counter-offer: {deal}"),
        "accepted": _("{who} accepts {other}'s offer: {deal}"),
        "rejected": _("{who} rejects {other}'s offer: {deal}"),
        "lapsed": _("{who} lets {other}'s offer lapse: {deal}"),
        "kept": _("Deal kept by both: {deal} ({left} left)"),
        "completed": _("Deal completed: {deal}"),
        "broken": _("{who} breaks the deal with {other}: {deal}"),
        "revealed": _("New evidence: {card}") if entry.card else "",
        "upheld": _('{who}\'s claim holds up: "{claim}"') if claim else "",
        "exposed": _('{who}\'s claim is shown false: "{claim}"') if claim else "",
    }
    left = round(entry.weight)
    return texts.get(entry.kind, entry.kind).format(
        who=who,
        other=other,
        deal=deal,
        claim=claim,
        card=card_label(game, entry.card) if entry.card else "",
        left=ngettext("{n} month", "{n} months", left).format(n=left),
    )


def running_deals(game: Game) -> list[str]:
    debate = game.state.debate
    if debate is None:
        return []
    model = game.model
    lines = []
    for deal in debate.deals:
        template = model.scenario.deals[deal.deal]
        terms = deal.terms or Terms.of(template)
        lines.append(
            _("{deal} ({terms}): {left} left").format(
                deal=template.label,
                terms=terms_sentence(game, template, terms),
                left=ngettext("{n} month", "{n} months", deal.months_left).format(
                    n=deal.months_left
                ),
            )
        )
    return lines


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
