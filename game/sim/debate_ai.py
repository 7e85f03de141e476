"""How computer governments argue: claims and cards, rebuttals, and deals made, kept and broken.

Rules:
- Pure functions of the state, the government, its orders and a seeded generator; never
  change the state. Every choice is a legal move (the engine would accept it).
- ``style`` is what a policy name asks for: "idle" (says nothing), "random" (any legal move),
  "smart" (picks the claim and cards that persuade most, rebuts when it can win, concedes what
  it cannot deny, and weighs deals by its objectives looking ahead with the engine).
- Deals: a smart player keeps a deal unless keeping it would cost it more capital than it has
  for its own plans, and then breaks it only with chance ``1 - loyalty`` (its personality).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from game.sim import debate as rules
from game.sim.debate import Move
from game.sim.engine import NOT_ENOUGH_CAPITAL


def style_of(policy: str) -> str:
    if policy == "idle" or policy == "plan":
        return "idle"
    if policy == "random":
        return "random"
    return "smart"


def debate_moves(
    state, actor: str, orders: Sequence[str], style: str, rng: random.Random
) -> list[Move]:
    """The debate moves ``actor`` makes this month alongside ``orders``."""
    if state.debate is None or style == "idle" or state.finished:
        return []
    model = state.model
    budget = state.capital_of(actor) - sum(model.action(a).cost for a in orders)
    moves: list[Move] = []
    moves += _statements(state, actor, orders, style, rng)
    answers, budget = _answers_to_accusations(state, actor, style, rng, budget)
    moves += answers
    replies, budget = _answers_to_proposals(state, actor, style, rng, budget)
    moves += replies
    moves += _proposals(state, actor, style, rng, budget, replies)
    return moves


def statements_for(state, actor: str, orders: Sequence[str]) -> list[Move]:
    """The claims and cards a smart player attaches to ``orders`` (used in look-aheads)."""
    return _statements(state, actor, orders, "smart", None)


def _statements(state, actor, orders, style, rng) -> list[Move]:
    model, held = state.model, state.debate.cards(actor)
    moves = []
    for action_id in orders:
        claims = rules.claims_for_action(model, actor, action_id)
        if not claims:
            continue
        if style == "random":
            claim = rng.choice(claims)
            cards = rules.backing_cards(model, held, claim)
            rng.shuffle(cards)
            cards = cards[: rng.randint(0, rules.MAX_EVIDENCE)]
        else:
            claim, cards = max(
                ((c, rules.backing_cards(model, held, c)[: rules.MAX_EVIDENCE]) for c in claims),
                key=lambda item: _expected_sway(state, actor, item[0], item[1]),
            )
        moves.append(Move("claim", action=action_id, claim=claim, evidence=tuple(cards)))
    return moves


def _expected_sway(state, actor: str, claim: str, cards: Sequence[str]) -> float:
    model = state.model
    truth = rules.truth_of(model, claim, state.namespace)
    proof = rules.proof_of(model, cards)
    return rules.persuasion(model, state.namespace, proof, truth, actor) + 0.5 * truth


def _answers_to_accusations(state, actor, style, rng, budget) -> tuple[list[Move], float]:
    model, debate = state.model, state.debate
    costs = model.scenario.debate
    moves = []
    for accusation in debate.open_accusations(actor, state.turn):
        best = _best_rebuttal(state, actor, accusation)
        if style == "random":
            choice = rng.choice(("rebut", "concede", "none"))
            if choice == "rebut" and best and budget >= costs.rebut_cost:
                claim, cards, _ = best
                moves.append(Move("rebut", claim=claim, evidence=cards, ref=accusation.number))
                budget -= costs.rebut_cost
            elif choice == "concede" and budget >= costs.concede_cost:
                moves.append(Move("concede", ref=accusation.number))
                budget -= costs.concede_cost
            continue
        charge = accusation.proof + accusation.truth
        if best and best[2] > charge and budget >= costs.rebut_cost:
            claim, cards, _ = best
            moves.append(Move("rebut", claim=claim, evidence=cards, ref=accusation.number))
            budget -= costs.rebut_cost
        elif accusation.truth >= 0.7 and accusation.proof >= 1.0 and budget >= costs.concede_cost:
            style_ai = model.scenario.actors[actor].ai
            if rng.random() < style_ai.generosity:
                moves.append(Move("concede", ref=accusation.number))
                budget -= costs.concede_cost
    return moves, budget


def _best_rebuttal(state, actor, accusation) -> tuple[str, tuple[str, ...], float] | None:
    model, held = state.model, state.debate.cards(actor)
    best = None
    for claim in rules.rebuttal_claims(model, actor, accusation.claim):
        cards = tuple(rules.rebuttal_cards(model, held, claim, accusation.claim)[:2])
        strength = rules.proof_of(model, cards) + rules.truth_of(model, claim, state.namespace)
        if best is None or strength > best[2]:
            best = (claim, cards, strength)
    return best


# -- deals ------------------------------------------------------------------------------------


def deal_value(
    state, actor: str, deal_id: str, depth: int = 6, terms: rules.Terms | None = None
) -> float:
    """How much better ``actor``'s objectives and personality weights look with the deal kept
    by both sides (on ``terms``, the template's by default) than with nobody doing anything (a
    look-ahead with the engine)."""
    from game.sim.players import _weighted, smooth_score

    template = state.model.scenario.deals[deal_id]
    terms = terms or rules.Terms.of(template)
    months = min(depth, terms.months + 1)

    def score(trail: tuple) -> float:
        return smooth_score(trail, actor) + _weighted(state, actor, trail[-1]) if trail else 0.0

    return score(_trail(state, deal_id, months, terms)) - score(_trail(state, None, months))


def _trail(state, deal_id: str | None, months: int, terms: rules.Terms | None = None) -> tuple:
    """The states of ``months`` months ahead with nobody ordering anything but, when
    ``deal_id`` is given, both sides keeping that deal as if accepted now (remembered per
    state: every government weighing the deal, or no deal, on this state sees these)."""
    from game.sim.engine import step

    model = state.model
    key = (
        state.seed,
        state.turn,
        state.values,
        state.policies,
        state.capital,
        state.last_used,
        state.fired,
        state.pending_injects,
        state.debate,
        deal_id,
        months,
        terms,
    )
    cache = model.cache.setdefault("deal_trails", {})
    if key in cache:
        return cache[key]
    current, states = state, []
    doing = {}
    if deal_id is not None:
        template = model.scenario.deals[deal_id]
        terms = terms or rules.Terms.of(template)
        proposer_does, partner_does = terms.promises(template)
        doing = {template.proposer: proposer_does, template.partner: partner_does}
        if state.debate is not None:  # as if accepted, running from next month
            running = rules.Deal(
                0,
                deal_id,
                template.proposer,
                template.partner,
                state.turn + 1,
                terms.months,
                terms=None if terms == rules.Terms.of(template) else terms,
            )
            debate = replace(state.debate, deals=(*state.debate.deals, running))
            current = replace(state, debate=debate)
    for month in range(months):
        if current.finished:
            break
        orders: dict[str, list[str]] = {}
        if month >= 1:
            for who, promise in doing.items():
                if promise.how == "never":
                    continue
                if promise.how == "once" and month > 1:
                    continue
                allowed = current.allowed(who)
                pick = next((a for a in promise.actions if a in allowed), None)
                if pick:
                    orders[who] = [pick]
        current, _ = step(current, orders)
        states.append(current)
    if len(cache) > 4096:
        cache.clear()
    cache[key] = tuple(states)
    return cache[key]


def _trust(state, other: str) -> float:
    return rules.credibility_in(state.model, state.namespace, other) / 100.0


def _answers_to_proposals(state, actor, style, rng, budget) -> tuple[list[Move], float]:
    model = state.model
    moves = []
    for proposal in state.debate.proposals_to(actor, state.turn):
        if style == "random":
            kind = rng.choice(("accept", "reject", "none"))
            if kind != "none":
                moves.append(Move(kind, ref=proposal.number))
            continue
        value = deal_value(state, actor, proposal.deal, terms=proposal.terms)
        value *= _trust(state, proposal.proposer)
        if value > 0.3:
            moves.append(Move("accept", ref=proposal.number))
            continue
        counter = None
        if not proposal.counter_to:  # a counter to a counter is a rejection
            counter = _best_offer(state, actor, proposal.proposer, exclude={proposal.deal})
        if counter and budget >= model.scenario.debate.propose_cost:
            moves.append(Move("counter", ref=proposal.number, deal=counter))
            budget -= model.scenario.debate.propose_cost
        else:
            moves.append(Move("reject", ref=proposal.number))
    return moves, budget


def _open_deals(state) -> set[str]:
    debate = state.debate
    busy = {d.deal for d in debate.deals}
    busy |= {p.deal for p in debate.proposals if p.turn >= state.turn - 1}
    return busy


def _best_offer(state, actor, partner, exclude=frozenset()) -> str | None:
    busy = _open_deals(state) | set(exclude)
    best, best_value = None, 0.1
    for deal_id, template in state.model.scenario.deals.items():
        if template.proposer != actor or deal_id in busy:
            continue
        if partner and template.partner != partner:
            continue
        value = deal_value(state, actor, deal_id)
        if value > best_value:
            best, best_value = deal_id, value
    return best


def _proposals(state, actor, style, rng, budget, replies) -> list[Move]:
    model = state.model
    cost = model.scenario.debate.propose_cost
    if budget < cost or any(m.kind == "counter" for m in replies):
        return []
    busy = _open_deals(state)
    mine = [d for d, t in model.scenario.deals.items() if t.proposer == actor and d not in busy]
    if not mine:
        return []
    if style == "random":
        return [Move("propose", deal=rng.choice(mine))] if rng.random() < 0.15 else []
    if state.turn % 3 != model.actor_position[actor] % 3:  # think about offers now and then
        return []
    best = _best_offer(state, actor, "")
    return [Move("propose", deal=best)] if best else []


def honour_deals(
    state, actor: str, orders: list[str], style: str, rng: random.Random, loyalty: float
) -> list[str]:
    """``orders`` changed to keep ``actor``'s running deals (or not, by style and loyalty)."""
    if style == "idle":
        return orders
    share = 0.5 if style == "random" else loyalty
    return keep_promises(state, actor, orders, lambda deal, side: rng.random() < share)


def keep_promises(state, actor: str, orders: list[str], keeps) -> list[str]:
    """``orders`` changed to keep each running deal of ``actor`` for which ``keeps(deal, side)``
    says so (asked once per running deal, in order); a deal that costs nothing is kept anyway."""
    if state.debate is None:
        return orders
    model = state.model
    orders = list(orders)
    for deal in state.debate.deals:
        if deal.first_turn > state.turn or actor not in (deal.proposer, deal.partner):
            continue
        side = 0 if actor == deal.proposer else 1
        promise = deal.promises(model.scenario.deals[deal.deal])[side]
        keep = keeps(deal, side)
        if promise.how == "never":
            if keep and any(a in orders for a in promise.actions):
                orders = [a for a in orders if a not in promise.actions]
            continue
        if promise.how == "once" and (deal.done[side] or deal.months_left > 2):
            continue
        if any(a in orders for a in promise.actions):
            continue
        availability = state.availability(actor)
        pick = next(
            (a for a in promise.actions if availability.get(a) in ("", NOT_ENOUGH_CAPITAL)), None
        )
        if pick is None:
            continue
        if not _fits(state, actor, orders, pick) and not keep:
            continue  # keeping would cost its own plans: it breaks the deal
        while not _fits(state, actor, orders, pick) and orders:
            orders.pop()
        if _fits(state, actor, orders, pick):
            orders.append(pick)
    return orders


def _fits(state, actor: str, orders: Sequence[str], extra: str) -> bool:
    model = state.model
    cost = sum(model.action(a).cost for a in orders) + model.action(extra).cost
    return cost <= state.capital_of(actor) + 1e-9
