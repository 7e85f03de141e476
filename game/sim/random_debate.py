"""How the ``random`` policy argues: any legal debate move, drawn with counter-based draws.

Rules:
- Every choice is a pure function of (game seed, month, what is chosen): a draw of
  ``game.sim.draws`` keyed by the action, the accusation, the proposal or the deal it is about,
  never a generator's position. So ``game.sim.batch_debate`` makes exactly the same moves for
  thousands of games at once with array operations (a test compares them).
- The moves are those ``debate_ai`` describes for its "random" style: a random claim (and a
  random number of its backing cards, in random order) with each blame or credit action
  ordered, a random answer to each accusation (rebut with the best rebuttal, concede, or
  nothing) and to each proposal (accept, reject or nothing), now and then a random offer of a
  deal; a running deal is kept or broken on a coin toss.
- Every move is legal (the engine would accept it).
"""

from __future__ import annotations

from collections.abc import Sequence

from game.sim import debate as rules
from game.sim import draws
from game.sim.debate import Move
from game.sim.debate_ai import keep_promises

# draw streams (game.sim.draws uses 1-3)
CLAIM = 11  # index: action position
CARDS = 12  # index: action position * cards + card position
COUNT = 13  # index: action position
ANSWER = 14  # index: accusation number
REPLY = 15  # index: proposal number
PROPOSE = 16  # index: actor position
PICK = 17  # index: actor position
KEEP = 18  # index: deal number * 2 + side

PROPOSE_SHARE = 0.15  # chance of offering a deal in a month it can
KEEP_SHARE = 0.5  # chance of keeping a deal when it costs something
ANSWERS = ("rebut", "concede", "none")
REPLIES = ("accept", "reject", "none")


def pick(seed: int, turn: int, stream: int, index: int, count: int) -> int:
    """A uniform choice among ``count`` (0 to count - 1)."""
    return int(draws.uniform(seed, turn, stream, index) * count)


def moves(state, actor: str, orders: Sequence[str], seed: int) -> list[Move]:
    """The debate moves a random player makes this month alongside ``orders``."""
    if state.debate is None or state.finished:
        return []
    model, turn, debate = state.model, state.turn, state.debate
    position = model.action_position
    card_position = {c: i for i, c in enumerate(model.scenario.evidence)}
    cards_count = len(card_position)
    held = debate.cards(actor)
    budget = state.capital_of(actor) - sum(model.action(a).cost for a in orders)
    found: list[Move] = []
    for action_id in orders:
        claims = rules.claims_for_action(model, actor, action_id)
        if not claims:
            continue
        a = position[action_id]
        claim = claims[pick(seed, turn, CLAIM, a, len(claims))]
        cards = sorted(
            rules.backing_cards(model, held, claim),
            key=lambda c: (
                draws.uniform(seed, turn, CARDS, a * cards_count + card_position[c]),
                card_position[c],
            ),
        )
        count = pick(seed, turn, COUNT, a, rules.MAX_EVIDENCE + 1)
        found.append(Move("claim", action=action_id, claim=claim, evidence=tuple(cards[:count])))
    costs = model.scenario.debate
    for accusation in debate.open_accusations(actor, turn):
        answer = ANSWERS[pick(seed, turn, ANSWER, accusation.number, len(ANSWERS))]
        if answer == "rebut" and budget >= costs.rebut_cost:
            best = best_rebuttal(state, actor, accusation)
            if best:
                claim, cards, _ = best
                found.append(Move("rebut", claim=claim, evidence=cards, ref=accusation.number))
                budget -= costs.rebut_cost
        elif answer == "concede" and budget >= costs.concede_cost:
            found.append(Move("concede", ref=accusation.number))
            budget -= costs.concede_cost
    for proposal in debate.proposals_to(actor, turn):
        reply = REPLIES[pick(seed, turn, REPLY, proposal.number, len(REPLIES))]
        if reply != "none":
            found.append(Move(reply, ref=proposal.number))
    if budget >= costs.propose_cost:
        busy = {d.deal for d in debate.deals}
        busy |= {p.deal for p in debate.proposals if p.turn >= turn - 1}
        mine = [d for d, t in model.scenario.deals.items() if t.proposer == actor and d not in busy]
        k = model.actor_position[actor]
        if mine and draws.uniform(seed, turn, PROPOSE, k) < PROPOSE_SHARE:
            found.append(Move("propose", deal=mine[pick(seed, turn, PICK, k, len(mine))]))
    return found


def best_rebuttal(state, actor: str, accusation) -> tuple[str, tuple[str, ...], float] | None:
    """The strongest rebuttal (claim, up to two cards, proof + truth) ``actor`` has, if any."""
    model, held = state.model, state.debate.cards(actor)
    best = None
    for claim in rules.rebuttal_claims(model, actor, accusation.claim):
        cards = tuple(rules.rebuttal_cards(model, held, claim, accusation.claim)[:2])
        strength = rules.proof_of(model, cards) + rules.truth_of(model, claim, state.namespace)
        if best is None or strength > best[2]:
            best = (claim, cards, strength)
    return best


def honour(state, actor: str, orders: list[str], seed: int) -> list[str]:
    """``orders`` changed to keep ``actor``'s running deals, each on a coin toss."""
    turn = state.turn

    def keeps(deal, side: int) -> bool:
        return draws.uniform(seed, turn, KEEP, deal.number * 2 + side) < KEEP_SHARE

    return keep_promises(state, actor, orders, keeps)
