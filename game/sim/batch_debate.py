"""The debate on arrays: statements, rebuttals, deals and revealed cards for N games at once.

Rules:
- ``ArrayDebate`` is the debate of every game of a batch as arrays over games (the last axis):
  cards held (and since when), cards revealed, last month's statements (the ones that may be
  answered), last month's proposals and the running deals, one row per deal template, and
  which government ever made which claim. Each month's statements and answers are also kept
  as flat records, so any game's ``DebateState`` can be rebuilt exactly (``debate_state``).
- ``argue`` plays the debate's part of a month for every game as ``game.sim.debate.resolve``
  does game by game: the same order of operations, the same numbers, counters summed in the
  same order. Moves come as ``ArrayMoves`` (claims, answers to accusations and proposals,
  offers of deals), which the batch players make (``random_moves``); they are legal by
  construction and not checked again.
- It covers what idle, plan and random seats can do: at most one deal of each template
  running or on the table, no counter-offers. A batch whose games argue in other ways plays
  its debate game by game (``game.sim.batch`` turns the arrays into ``DebateState`` objects).
- ``random_moves`` and ``random_honour`` are the array twins of ``game.sim.random_debate``:
  the same counter-based draws, the same moves, for every game at once (a test compares).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from game.format import formula
from game.format.debate import MAX_EVIDENCE, Stance
from game.sim import debate as rules
from game.sim import draws
from game.sim import random_debate as rd
from game.sim.debate import Deal, DebateEntry, DebateState, Move, Proposal, Statement
from game.sim.vector import compile_vector, full

NONE = -1
NEVER = -(10**9)


class DebateKernel:
    """The scenario's debate as tables (built once per model)."""

    def __init__(self, model, kernel) -> None:
        scenario = model.scenario
        self.model = model
        self.actors = list(model.actor_ids)
        self.actor_index = {a: i for i, a in enumerate(self.actors)}
        self.cards = list(scenario.evidence)
        self.card_index = {c: i for i, c in enumerate(self.cards)}
        self.claims = list(scenario.claims)
        self.claim_index = {c: i for i, c in enumerate(self.claims)}
        self.credit = [c.stance == "credit" for c in scenario.claims.values()]
        self.templates = list(scenario.deals)
        self.template_index = {t: i for i, t in enumerate(self.templates)}
        n_cards, n_claims = len(self.cards), len(self.claims)
        evidence = scenario.evidence
        self.weight = np.array([rules.card_weight(model, c) for c in self.cards], dtype=float)
        self.backs = np.zeros((n_claims, n_cards), dtype=bool)  # card supports claim
        self.undercuts = np.zeros((n_claims, n_cards), dtype=bool)
        for e, card in enumerate(evidence.values()):
            for c in card.supports:
                self.backs[self.claim_index[c], e] = True
            for c in card.undercuts:
                self.undercuts[self.claim_index[c], e] = True
        # cards in backing_cards' order: strongest first, then by id
        self.card_rank = np.array(
            sorted(range(n_cards), key=lambda e: (-self.weight[e], self.cards[e])), dtype=int
        )
        event_row = {e: i for i, e in enumerate(kernel.events)}
        self.reveals = [
            (
                e,
                event_row[card.revealed_by],
                [self.actor_index[a] for a in (card.reveal_to or self.actors)],
                [
                    (self.claim_index[c], c in card.supports)
                    for c in (*card.supports, *card.undercuts)
                ],
            )
            for e, card in enumerate(evidence.values())
            if card.revealed_by
        ]
        claims = scenario.claims
        self.about = np.array([self.actor_index[c.about] for c in claims.values()], dtype=int)
        self.blame = np.array([c.stance == Stance.blame for c in claims.values()], dtype=bool)
        # statement slots: each action that can carry a claim (one claim per action a month)
        self.slots: list[tuple[int, int, list[int]]] = []  # (action row, maker, claims)
        for a, action_id in enumerate(kernel.actions):
            actor = model.action(action_id).actor
            said = rules.claims_for_action(model, actor, action_id)
            if said:
                self.slots.append((a, self.actor_index[actor], [self.claim_index[c] for c in said]))
        self.slot_of_action = {a: s for s, (a, _, _) in enumerate(self.slots)}
        self.slot_cards = [
            np.flatnonzero(self.backs[claims_].any(axis=0)) for _, _, claims_ in self.slots
        ]
        first_claim = [claims[self.claims[cs[0]]] for _, _, cs in self.slots]
        self.slot_about = np.array([self.actor_index[c.about] for c in first_claim], dtype=int)
        self.slot_maker = np.array([k for _, k, _ in self.slots], dtype=int)
        self.slot_blame = np.array([c.stance == Stance.blame for c in first_claim], dtype=bool)
        self.slot_action = np.array([a for a, _, _ in self.slots], dtype=int)
        self.maker_slots = [np.flatnonzero(self.slot_maker == k) for k in range(len(self.actors))]
        self.about_slots = [np.flatnonzero(self.slot_about == k) for k in range(len(self.actors))]
        # each maker's blame slots grouped by whom they are about (they share counters)
        self.pair_slots = []
        for k in range(len(self.actors)):
            blame = (self.slot_maker == k) & self.slot_blame
            self.pair_slots.append(
                [
                    (about, np.flatnonzero(blame & (self.slot_about == about)))
                    for about in sorted(set(self.slot_about[blame].tolist()))
                ]
            )
        # rebuttals: (accused actor, accused claim) -> its rebuttal claims in scenario order
        self.rebuttals = {
            (k, c): [
                self.claim_index[r] for r in rules.rebuttal_claims(model, actor, self.claims[c])
            ]
            for k, actor in enumerate(self.actors)
            for c in range(n_claims)
        }
        # deal templates
        self.proposer = np.array(
            [self.actor_index[t.proposer] for t in scenario.deals.values()], dtype=int
        )
        self.partner = np.array(
            [self.actor_index[t.partner] for t in scenario.deals.values()], dtype=int
        )
        self.months = np.array([t.months for t in scenario.deals.values()], dtype=np.int64)
        # each side's promise: its own actions only (as the scalar checks read its orders)
        self.promises = [
            [
                (
                    [
                        kernel.action_position[a]
                        for a in promise.actions
                        if a in kernel.action_position and model.action(a).actor == side
                    ],
                    promise.how,
                )
                for side, promise in ((t.proposer, t.proposer_does), (t.partner, t.partner_does))
            ]
            for t in scenario.deals.values()
        ]
        rules_ = scenario.debate
        self.rebut_cost = float(rules_.rebut_cost)
        self.concede_cost = float(rules_.concede_cost)
        self.propose_cost = float(rules_.propose_cost)
        self.credibility = [rules_.credibility.get(a, "") for a in self.actors]
        counter_row = {c: i for i, c in enumerate(model.counter_ids)}
        self.counter_row = counter_row
        self.truths = (
            compile_vector(
                [(f"c{i}", formula.parse(c.truth).tree) for i, c in enumerate(claims.values())],
                [f"c{i}" for i in range(n_claims)],
            )
            if n_claims
            else None
        )
        self.persuasion = compile_vector([("p", formula.parse(rules_.persuasion).tree)], ["p"])

    def counter(self, name: str) -> int:
        return self.counter_row[name]

    @staticmethod
    def of(model, kernel) -> DebateKernel:
        found = model.cache.get("batch_debate_kernel")
        if found is None:
            found = model.cache["batch_debate_kernel"] = DebateKernel(model, kernel)
        return found


# -- the state -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Records:
    """Flat records (one entry per statement, or per answer), each with its game."""

    columns: dict[str, np.ndarray]

    def take(self, rows: np.ndarray, games: int) -> Records:
        """The records of the games ``rows`` (indices into the old games, repeats allowed)."""
        game = self.columns["game"]
        if not len(game):
            return self
        order = np.argsort(game, kind="stable")
        counts = np.bincount(game, minlength=games)
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        wanted = counts[rows]
        total = int(wanted.sum())
        new_game = np.repeat(np.arange(len(rows)), wanted)
        offsets = np.arange(total) - np.repeat(np.cumsum(wanted) - wanted, wanted)
        picked = order[np.repeat(starts[rows], wanted) + offsets]
        columns = {n: v[picked] for n, v in self.columns.items()}
        columns["game"] = new_game
        return Records(columns)


def _join(parts: Sequence[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    return {n: np.concatenate([p[n] for p in parts]) for n in parts[0]}


@dataclass(frozen=True)
class ArrayDebate:
    """The debate of every game of a batch (arrays over games, the last axis)."""

    held: np.ndarray  # (actors, cards, games) bool
    got: np.ndarray  # (actors, cards, games) int: month the card came, -1 from the start
    revealed: np.ndarray  # (cards, games) int: month revealed, NEVER if not
    made: np.ndarray  # (claims, actors, games) bool: the actor ever said the claim
    number: np.ndarray  # (games,) next statement / proposal number
    said_number: np.ndarray  # (slots, games): last month's statement in each slot (0: none)
    said_claim: np.ndarray  # (slots, games)
    said_proof: np.ndarray  # (slots, games)
    said_truth: np.ndarray  # (slots, games)
    proposal: np.ndarray  # (templates, games): number of last month's proposal (0: none)
    counter_to: np.ndarray  # (templates, games)
    proposal_turn: np.ndarray  # (templates, games)
    deal: np.ndarray  # (templates, games): number of the running deal (0: none)
    first: np.ndarray  # (templates, games)
    left: np.ndarray  # (templates, games)
    done: np.ndarray  # (2, templates, games) bool
    statements: tuple[dict[str, np.ndarray], ...] = ()  # per month: statement records
    answered: tuple[dict[str, np.ndarray], ...] = ()  # per month: (game, order, number)
    history: bool = True  # keep the records (False: less memory, no DebateState per game)

    @property
    def games(self) -> int:
        return len(self.number)

    def take(self, rows: np.ndarray) -> ArrayDebate:
        rows = np.arange(self.games)[rows]
        games = self.games
        statements = tuple(Records(p).take(rows, games).columns for p in self.statements)
        answered = tuple(Records(p).take(rows, games).columns for p in self.answered)
        return ArrayDebate(
            *(getattr(self, f)[..., rows] for f in _ARRAY_FIELDS),
            statements=statements,
            answered=answered,
            history=self.history,
        )


_ARRAY_FIELDS = (
    "held",
    "got",
    "revealed",
    "made",
    "number",
    "said_number",
    "said_claim",
    "said_proof",
    "said_truth",
    "proposal",
    "counter_to",
    "proposal_turn",
    "deal",
    "first",
    "left",
    "done",
)


def initial(model, kernel, games: int, history: bool = True) -> ArrayDebate:
    dk = DebateKernel.of(model, kernel)
    start = rules.initial_debate(model)
    n_actors, n_cards, n_claims = len(dk.actors), len(dk.cards), len(dk.claims)
    held = np.zeros((n_actors, n_cards, games), dtype=bool)
    for actor, cards in start.holdings:
        for card in cards:
            held[dk.actor_index[actor], dk.card_index[card]] = True
    slots, templates = len(dk.slots), len(dk.templates)
    return ArrayDebate(
        held=held,
        got=np.full((n_actors, n_cards, games), -1, dtype=np.int64),
        revealed=np.full((n_cards, games), NEVER, dtype=np.int64),
        made=np.zeros((n_claims, n_actors, games), dtype=bool),
        number=np.full(games, start.next_number, dtype=np.int64),
        said_number=np.zeros((slots, games), dtype=np.int64),
        said_claim=np.zeros((slots, games), dtype=np.int64),
        said_proof=np.zeros((slots, games)),
        said_truth=np.zeros((slots, games)),
        proposal=np.zeros((templates, games), dtype=np.int64),
        counter_to=np.zeros((templates, games), dtype=np.int64),
        proposal_turn=np.zeros((templates, games), dtype=np.int64),
        deal=np.zeros((templates, games), dtype=np.int64),
        first=np.zeros((templates, games), dtype=np.int64),
        left=np.zeros((templates, games), dtype=np.int64),
        done=np.zeros((2, templates, games), dtype=bool),
        history=history,
    )


def from_debates(model, kernel, debates: Sequence[DebateState], turn: int) -> ArrayDebate | None:
    """Games' debates (the scalar engine's objects) on arrays, or None when one of them has
    something the arrays do not hold (two deals of one template on the table, two statements
    one month that no two actions could have carried)."""
    dk = DebateKernel.of(model, kernel)
    games = len(debates)
    state = initial(model, kernel, games)
    held, got = np.zeros_like(state.held), state.got.copy()
    revealed, made = state.revealed.copy(), state.made.copy()
    number = np.empty(games, dtype=np.int64)
    said_number, said_claim = state.said_number.copy(), state.said_claim.copy()
    said_proof, said_truth = state.said_proof.copy(), state.said_truth.copy()
    proposal, counter_to = state.proposal.copy(), state.counter_to.copy()
    proposal_turn = state.proposal_turn.copy()
    deal, first = state.deal.copy(), state.first.copy()
    left, done = state.left.copy(), state.done.copy()
    names = ("game", "number", "turn", "maker", "about", "claim", "ev0", "ev1")
    names += ("truth", "proof", "sway", "answers", "credit")
    rows: dict[str, list] = {n: [] for n in names}
    answered: dict[str, list] = {"game": [], "order": [], "number": []}
    for g, debate in enumerate(debates):
        if debate is None:
            return None
        for actor, cards in debate.holdings:
            k = dk.actor_index[actor]
            for i, card in enumerate(cards):
                e = dk.card_index[card]
                held[k, e, g] = True
                got[k, e, g] = i - 10**6  # the tuple's order: before any month
        for i, card in enumerate(debate.revealed):
            revealed[dk.card_index[card], g] = i - 10**6
        number[g] = debate.next_number
        for st in debate.statements:
            k, c = dk.actor_index[st.maker], dk.claim_index[st.claim]
            made[c, k, g] = True
            cards = [dk.card_index[e] for e in st.evidence]
            if len(cards) > 2:
                return None
            for name, value in (
                ("game", g),
                ("number", st.number),
                ("turn", st.turn),
                ("maker", k),
                ("about", dk.actor_index[st.about]),
                ("claim", c),
                ("ev0", cards[0] if cards else NONE),
                ("ev1", cards[1] if len(cards) > 1 else NONE),
                ("truth", st.truth),
                ("proof", st.proof),
                ("sway", st.sway),
                ("answers", st.answers),
                ("credit", int(st.credit)),
            ):
                rows[name].append(value)
        for i, ref in enumerate(debate.answered):
            answered["game"].append(g)
            answered["order"].append(i)
            answered["number"].append(ref)
        for p in debate.proposals:
            t = dk.template_index[p.deal]
            if proposal[t, g] or dk.actor_index[p.proposer] != dk.proposer[t]:
                return None
            proposal[t, g], counter_to[t, g], proposal_turn[t, g] = p.number, p.counter_to, p.turn
        for d in debate.deals:
            t = dk.template_index[d.deal]
            if deal[t, g] or dk.actor_index[d.proposer] != dk.proposer[t]:
                return None
            deal[t, g], first[t, g], left[t, g] = d.number, d.first_turn, d.months_left
            done[:, t, g] = d.done
    # the statements of the month before may be answered: each in a slot that can carry it
    for g, debate in enumerate(debates):
        for st in debate.statements:
            if st.turn != turn - 1 or st.answers:
                continue
            k, c = dk.actor_index[st.maker], dk.claim_index[st.claim]
            free = [s for s in dk.maker_slots[k] if c in dk.slots[s][2] and not said_number[s, g]]
            if not free:
                return None
            s = free[0]
            said_number[s, g], said_claim[s, g] = st.number, c
            said_proof[s, g], said_truth[s, g] = st.proof, st.truth
    statements = ()
    if rows["game"]:
        floats = ("truth", "proof", "sway")
        statements = (
            {n: np.array(v, dtype=float if n in floats else np.int64) for n, v in rows.items()},
        )
    return ArrayDebate(
        held=held,
        got=got,
        revealed=revealed,
        made=made,
        number=number,
        said_number=said_number,
        said_claim=said_claim,
        said_proof=said_proof,
        said_truth=said_truth,
        proposal=proposal,
        counter_to=counter_to,
        proposal_turn=proposal_turn,
        deal=deal,
        first=first,
        left=left,
        done=done,
        statements=statements,
        answered=(
            ({n: np.array(v, dtype=np.int64) for n, v in answered.items()},)
            if answered["game"]
            else ()
        ),
    )


def debate_state(model, kernel, debate: ArrayDebate, g: int) -> DebateState:
    """Game ``g``'s debate as the scalar engine holds it."""
    if not debate.history:
        raise ValueError("this batch keeps no debate history: start it with history=True")
    dk = DebateKernel.of(model, kernel)
    holdings = []
    for k, actor in enumerate(dk.actors):
        cards = np.flatnonzero(debate.held[k, :, g])
        cards = sorted(cards, key=lambda e: (debate.got[k, e, g], e))
        holdings.append((actor, tuple(dk.cards[e] for e in cards)))
    statements = []
    for part in debate.statements:
        for i in np.flatnonzero(part["game"] == g):
            evidence = tuple(dk.cards[e] for e in (part["ev0"][i], part["ev1"][i]) if e >= 0)
            statements.append(
                Statement(
                    int(part["number"][i]),
                    int(part["turn"][i]),
                    dk.actors[part["maker"][i]],
                    dk.actors[part["about"][i]],
                    dk.claims[part["claim"][i]],
                    evidence,
                    float(part["truth"][i]),
                    float(part["proof"][i]),
                    float(part["sway"][i]),
                    int(part["answers"][i]),
                    bool(part["credit"][i]),
                )
            )
    statements.sort(key=lambda s: s.number)
    answered = []
    for part in debate.answered:
        mine = np.flatnonzero(part["game"] == g)
        answered += [int(part["number"][i]) for i in sorted(mine, key=lambda i: part["order"][i])]
    proposals = [
        Proposal(
            int(debate.proposal[t, g]),
            int(debate.proposal_turn[t, g]),
            dk.templates[t],
            dk.actors[dk.proposer[t]],
            dk.actors[dk.partner[t]],
            int(debate.counter_to[t, g]),
        )
        for t in range(len(dk.templates))
        if debate.proposal[t, g]
    ]
    deals = [
        Deal(
            int(debate.deal[t, g]),
            dk.templates[t],
            dk.actors[dk.proposer[t]],
            dk.actors[dk.partner[t]],
            int(debate.first[t, g]),
            int(debate.left[t, g]),
            (bool(debate.done[0, t, g]), bool(debate.done[1, t, g])),
        )
        for t in range(len(dk.templates))
        if debate.deal[t, g]
    ]
    revealed = sorted(
        np.flatnonzero(debate.revealed[:, g] != NEVER), key=lambda e: (debate.revealed[e, g], e)
    )
    return DebateState(
        holdings=tuple(holdings),
        statements=tuple(statements),
        proposals=tuple(sorted(proposals, key=lambda p: p.number)),
        deals=tuple(sorted(deals, key=lambda d: d.number)),
        answered=tuple(answered),
        revealed=tuple(dk.cards[e] for e in revealed),
        next_number=int(debate.number[g]),
    )


# -- moves ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArrayMoves:
    """Every game's debate moves for one month (arrays over games)."""

    order: tuple[int, ...]  # actors in the order their moves are played (the seats' order)
    claim: np.ndarray  # (slots, games): claim said with the slot's action, -1 for none
    evidence: np.ndarray  # (2, slots, games): cards attached, -1 for none
    answer: np.ndarray  # (slots, games): to last month's statement: 0 none, 1 rebut, 2 concede
    rebut_claim: np.ndarray  # (slots, games)
    rebut_evidence: np.ndarray  # (2, slots, games)
    reply: np.ndarray  # (templates, games): to last month's proposal: 0 none, 1 accept, 2 reject
    propose: np.ndarray  # (actors, games): template offered, -1 for none

    def any(self) -> np.ndarray:
        return (
            (self.claim >= 0).any(axis=0)
            | (self.answer > 0).any(axis=0)
            | (self.reply > 0).any(axis=0)
            | (self.propose >= 0).any(axis=0)
        )


def no_moves(dk: DebateKernel, games: int, order: Sequence[int] = ()) -> ArrayMoves:
    slots, templates = len(dk.slots), len(dk.templates)
    return ArrayMoves(
        order=tuple(order) or tuple(range(len(dk.actors))),
        claim=np.full((slots, games), NONE, dtype=np.int64),
        evidence=np.full((2, slots, games), NONE, dtype=np.int64),
        answer=np.zeros((slots, games), dtype=np.int64),
        rebut_claim=np.full((slots, games), NONE, dtype=np.int64),
        rebut_evidence=np.full((2, slots, games), NONE, dtype=np.int64),
        reply=np.zeros((templates, games), dtype=np.int64),
        propose=np.full((len(dk.actors), games), NONE, dtype=np.int64),
    )


def _ranks(keys: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Each present row's rank (0, 1, ...) by ``keys`` among the present rows of its column."""
    keyed = np.where(present, keys, np.iinfo(np.int64).max)
    return (keyed[None, :, :] < keyed[:, None, :]).sum(axis=1)


def truths(dk: DebateKernel, ns: dict, games: int) -> np.ndarray:
    """(claims, games): each claim's truth under the month's namespace (as ``truth_of``)."""
    if dk.truths is None:
        return np.zeros((0, games))
    values = np.array([full(v, games) for v in dk.truths(ns)])
    values = np.where(values == values, values, 0.0)
    values = np.where(values > 0.0, values, 0.0)  # max(0.0, value)
    return np.where(values < 1.0, values, 1.0)  # min(1.0, ...)


def _persuasions(dk, ns, proof, truth, makers: np.ndarray) -> np.ndarray:
    """``persuasion`` of statements (rows) by ``makers`` (a maker per row), every game."""
    local = dict(ns)
    shape = proof.shape
    credibility = np.empty(shape)
    for row, maker in enumerate(makers):
        variable = dk.credibility[maker]
        credibility[row] = ns[variable] if variable else 50.0
    local.update(proof=proof, truth=truth, credibility=credibility)
    (value,) = dk.persuasion(local)
    value = np.broadcast_to(np.asarray(value, dtype=float), shape)
    return np.where(value == value, value, 0.0)


def _proof(dk: DebateKernel, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``proof_of`` the cards (0 + first + second, -1 for none)."""
    w = np.concatenate([dk.weight, [0.0]])
    return 0.0 + w[first] + w[second]


def _first_two_by(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row indices of the smallest and second smallest finite key of each column (ties: the
    lower row), len(keys) for none."""
    count = len(keys)
    index = np.arange(count)[:, None]
    low = keys.min(axis=0)
    first = np.where((keys == low) & np.isfinite(keys), index, count).min(axis=0)
    rest = np.where(index != first, keys, np.inf)
    low = rest.min(axis=0)
    second = np.where((rest == low) & np.isfinite(rest), index, count).min(axis=0)
    return first, second


def _first_two(ranked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row indices of the first and second True of each column (len(ranked) for none)."""
    count = len(ranked)
    index = np.arange(count)[:, None]
    first = np.where(ranked, index, count).min(axis=0)
    second = np.where(ranked & (index != first), index, count).min(axis=0)
    return first, second


def _best_cards(dk: DebateKernel, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The two first usable cards (cards, games) in backing order (-1 for none)."""
    first, second = _first_two(usable[dk.card_rank])
    rank = np.concatenate([dk.card_rank, [NONE]])
    return rank[first], rank[second]


# -- the random policy on arrays -----------------------------------------------------------------


def random_honour(state, orders: np.ndarray, seats: Sequence[int], base: Sequence[int]):
    """Orders changed to keep each random seat's running deals (``random_debate.honour``).

    Works on the games where the seat has a running deal only (a few of them)."""
    debate: ArrayDebate = state.debate
    kernel, model = state.kernel, state.model
    dk = DebateKernel.of(model, kernel)
    running = (debate.deal > 0) & (debate.first <= state.turn) & state.alive
    if not running.any():
        return orders
    orders = orders.copy()
    for k, stride_base in zip(seats, base, strict=True):
        sides = [(t, 0 if dk.proposer[t] == k else 1) for t in range(len(dk.templates))]
        sides = [(t, s) for t, s in sides if k in (dk.proposer[t], dk.partner[t])]
        mine = [t for t, _ in sides]
        if not mine or not running[mine].any():
            continue
        games = np.flatnonzero(running[mine].any(axis=0))
        sub = orders[:, games]
        ready = state.available(budget=False)[:, games]
        capital = state.capital[k, games]
        seeds = state.seeds[games]
        deal, left, done = debate.deal[:, games], debate.left[:, games], debate.done[:, :, games]
        on_deal = running[:, games]
        rows = kernel.actor_actions[k]
        columns = np.arange(len(games))
        numbers = np.where(on_deal[mine], deal[mine], np.iinfo(np.int64).max)
        ranks = _ranks(numbers, on_deal[mine])
        for j in range(len(mine)):
            for (t, side), rank, on in zip(sides, ranks, on_deal[mine], strict=True):
                mask = on & (rank == j)
                if not mask.any():
                    continue
                actions, how = dk.promises[t][side]
                keep = draws.uniforms(seeds, state.turn, rd.KEEP, deal[t] * 2 + side)
                keep = keep < rd.KEEP_SHARE
                ordered = (sub[actions] >= 0).any(axis=0)
                if how == "never":
                    drop = mask & keep & ordered
                    for a in actions:
                        sub[a] = np.where(drop, NONE, sub[a])
                    continue
                if how == "once":
                    mask = mask & ~done[side, t] & (left[t] <= 2)
                mask = mask & ~ordered
                pick = np.full(len(games), NONE)
                for a in reversed(actions):
                    pick = np.where(ready[a], a, pick)
                mask &= pick >= 0
                if not mask.any():
                    continue
                extra = kernel.cost[np.where(pick >= 0, pick, 0)]
                budget = capital + 1e-9
                fits = _spent(kernel, sub, k) + extra <= budget
                mask &= fits | keep
                while True:
                    fits = _spent(kernel, sub, k) + extra <= budget
                    popping = mask & ~fits & (sub[rows] >= 0).any(axis=0)
                    if not popping.any():
                        break
                    last = np.where(sub[rows] >= 0, sub[rows], -1).argmax(axis=0)
                    target = rows[last]
                    sub[target[popping], columns[popping]] = NONE
                fits &= mask
                if fits.any():
                    top = np.where(sub[rows] >= 0, sub[rows], stride_base - 1).max(axis=0)
                    sub[pick[fits], columns[fits]] = top[fits] + 1
        orders[:, games] = sub
    return orders


def random_moves(state, orders: np.ndarray, seats: Sequence[int], order: Sequence[int], ns=None):
    """The random seats' debate moves (``random_debate.moves``) for every game."""
    debate: ArrayDebate = state.debate
    kernel, model = state.kernel, state.model
    dk = DebateKernel.of(model, kernel)
    games, turn, seeds = state.games, state.turn, state.seeds
    moves = no_moves(dk, games, order)
    alive = state.alive
    seated = set(seats)
    n_cards = len(dk.cards)
    truth = None

    def month_truths():
        nonlocal truth, ns
        if truth is None:
            ns = ns if ns is not None else state.namespace()
            truth = truths(dk, ns, games)
        return truth

    # statements
    said_slots = [s for s in range(len(dk.slots)) if dk.slot_maker[s] in seated]
    if said_slots:
        actions = dk.slot_action[said_slots][:, None]
        claim_draws = draws.uniforms(seeds[None, :], turn, rd.CLAIM, actions)
        count_draws = draws.uniforms(seeds[None, :], turn, rd.COUNT, actions)
    for i, s in enumerate(said_slots):
        a, k, claims = dk.slots[s]
        on = (orders[a] >= 0) & alive
        if not on.any():
            continue
        claim = np.array(claims)[(claim_draws[i] * len(claims)).astype(np.int64)]
        candidates = dk.slot_cards[s]  # cards that back any of the slot's claims
        count = (count_draws[i] * (MAX_EVIDENCE + 1)).astype(np.int64)
        moves.claim[s] = np.where(on, claim, NONE)
        if len(candidates):  # the games that make this statement only
            games_on = np.flatnonzero(on)
            usable = debate.held[k][np.ix_(candidates, games_on)]
            usable &= dk.backs[claim[games_on]].T[candidates]
            keys = draws.uniforms(
                seeds[None, games_on], turn, rd.CARDS, (a * n_cards + candidates)[:, None]
            )
            first, second = _first_two_by(np.where(usable, keys, np.inf))
            ids = np.concatenate([candidates, [NONE]])
            many = count[games_on]
            moves.evidence[0, s, games_on] = np.where(many >= 1, ids[first], NONE)
            moves.evidence[1, s, games_on] = np.where(many >= 2, ids[second], NONE)
    # budgets after the orders (capital - cost of the orders)
    budgets = {k: state.capital[k] - _spent(kernel, orders, k) for k in seats}
    # answers to last month's accusations, in number order
    open_ = (debate.said_number > 0) & dk.slot_blame[:, None] & alive
    if open_.any():
        answers = draws.uniforms(seeds[None, :], turn, rd.ANSWER, debate.said_number)
        answers = (answers * len(rd.ANSWERS)).astype(np.int64)
    columns = np.arange(games)
    for k in seats:
        slots = dk.about_slots[k]
        if not len(slots) or not open_[slots].any():
            continue
        opened = open_[slots]
        want_rebut = opened & (answers[slots] == 0)
        want_concede = opened & (answers[slots] == 1)
        best = {}
        for i, s in enumerate(slots):
            if want_rebut[i].any():
                best[i] = _best_rebuttals(
                    dk, debate, k, s, debate.said_claim[s], want_rebut[i], month_truths(), games
                )
                want_rebut[i] &= best[i][2]
        order_ = np.where(opened, debate.said_number[slots], np.iinfo(np.int64).max)
        order_ = order_.argsort(axis=0)
        counts = opened.sum(axis=0)
        budget = budgets[k]
        take_rebut = np.zeros_like(opened)
        take_concede = np.zeros_like(opened)
        for j in range(int(counts.max())):
            at = order_[j]
            valid = counts > j
            rebut = valid & want_rebut[at, columns] & (budget >= dk.rebut_cost)
            budget = np.where(rebut, budget - dk.rebut_cost, budget)
            concede = valid & want_concede[at, columns] & (budget >= dk.concede_cost)
            budget = np.where(concede, budget - dk.concede_cost, budget)
            take_rebut[at, columns] |= rebut
            take_concede[at, columns] |= concede
        budgets[k] = budget
        for i, s in enumerate(slots):
            moves.answer[s] = np.where(take_rebut[i], 1, np.where(take_concede[i], 2, 0))
            if i in best and take_rebut[i].any():
                claim, cards, _ = best[i]
                moves.rebut_claim[s] = np.where(take_rebut[i], claim, NONE)
                moves.rebut_evidence[:, s] = np.where(take_rebut[i], cards, NONE)
    # replies to last month's proposals
    for t in range(len(dk.templates)):
        if dk.partner[t] not in seated:
            continue
        on = (debate.proposal[t] > 0) & alive
        if on.any():
            reply = (draws.uniforms(seeds, turn, rd.REPLY, debate.proposal[t]) * 3).astype(int)
            moves.reply[t] = np.where(on & (reply < 2), reply + 1, 0)
    # offers
    busy = (debate.deal > 0) | (debate.proposal > 0)
    for k in seats:
        mine = np.flatnonzero(dk.proposer == k)
        if not len(mine):
            continue
        free = ~busy[mine]
        count = free.sum(axis=0)
        offer = alive & (budgets[k] >= dk.propose_cost) & (count > 0)
        offer &= draws.uniforms(seeds, turn, rd.PROPOSE, k) < rd.PROPOSE_SHARE
        if not offer.any():
            continue
        nth = (draws.uniforms(seeds, turn, rd.PICK, k) * np.maximum(count, 1)).astype(np.int64)
        position = np.cumsum(free, axis=0) - 1
        chosen = (free & (position == nth)).argmax(axis=0)
        moves.propose[k] = np.where(offer, mine[chosen], NONE)
    return moves


def _spent(kernel, orders: np.ndarray, k: int) -> np.ndarray:
    """What government ``k``'s orders cost in each game (summed in their order)."""
    rows = kernel.actor_actions[k]
    ordered = orders[rows] >= 0
    costs = kernel.cost[rows]
    if not ordered.any():
        return np.zeros(orders.shape[1])
    if (costs == np.round(costs)).all():  # whole numbers: any order gives the same sum
        return np.where(ordered, costs[:, None], 0.0).sum(axis=0)
    ranks = np.where(ordered, orders[rows], np.iinfo(np.int64).max).argsort(axis=0)
    columns = np.arange(orders.shape[1])
    spent = np.zeros(orders.shape[1])
    for j in range(len(rows)):
        spent = spent + np.where(ordered[ranks[j], columns], costs[ranks[j]], 0.0)
    return spent


def _best_rebuttals(dk, debate, k, s, accused, wanted, truth, games):
    """(claim, cards (2, games), found) of ``random_debate.best_rebuttal`` for actor ``k``
    answering the statement of slot ``s`` (claim ``accused``), in the ``wanted`` games."""
    best_claim = np.full(games, NONE)
    best_cards = np.full((2, games), NONE)
    found = np.zeros(games, dtype=bool)
    for c in dk.slots[s][2]:
        rebuttals = dk.rebuttals[(k, int(c))]
        columns = np.flatnonzero(wanted & (accused == c))
        if not rebuttals or not len(columns):
            continue
        held = debate.held[k][:, columns]
        best = np.full(len(columns), -np.inf)
        for i, r in enumerate(rebuttals):
            usable = held & (dk.backs[r] | dk.undercuts[c])[:, None]
            first, second = _best_cards(dk, usable)
            strength = _proof(dk, first, second) + truth[r, columns]
            better = (strength > best) if i else np.ones(len(columns), dtype=bool)
            best = np.where(better, strength, best)
            best_claim[columns] = np.where(better, r, best_claim[columns])
            cards = np.stack([first, second])
            best_cards[:, columns] = np.where(better, cards, best_cards[:, columns])
        found[columns] = True
    return best_claim, best_cards, found


# -- a month of the debate -----------------------------------------------------------------------


@dataclass
class ArrayMonth:
    """What happened in one month's debate (arrays), for ledgers and statistics."""

    turn: int
    moves: ArrayMoves
    said_number: np.ndarray  # (slots, games)
    said_truth: np.ndarray
    said_proof: np.ndarray
    said_sway: np.ndarray
    rebut_number: np.ndarray  # (slots, games)
    rebut_truth: np.ndarray
    rebut_proof: np.ndarray
    rebut_sway: np.ndarray
    rebut_won: np.ndarray
    rebut_weight: np.ndarray
    accused_number: np.ndarray  # last month's statements answered (slots, games)
    accused_claim: np.ndarray
    proposed_number: np.ndarray  # (actors, games)
    checked: np.ndarray  # (templates, games) bool: deal checked this month
    broken: np.ndarray  # (2, templates, games)
    deal_number: np.ndarray  # (templates, games) before the month
    deal_left: np.ndarray
    replied: np.ndarray  # (templates, games): last month's proposals: number (0 none)
    revealed: np.ndarray  # (cards, games) bool
    tested: list = field(default_factory=list)  # (card, claim, upheld, makers mask, truth, amount)

    def entries(self, dk: DebateKernel, g: int) -> tuple[DebateEntry, ...]:
        """Game ``g``'s debate entries in the scalar engine's order."""
        out: list[DebateEntry] = []
        actors, templates = dk.actors, dk.templates
        by_number = sorted(
            (int(self.deal_number[t, g]), t) for t in range(len(templates)) if self.checked[t, g]
        )
        for number, t in by_number:
            proposer, partner = actors[dk.proposer[t]], actors[dk.partner[t]]
            broke = [bool(self.broken[0, t, g]), bool(self.broken[1, t, g])]
            for side, (actor, other) in enumerate(((proposer, partner), (partner, proposer))):
                if broke[side]:
                    out.append(DebateEntry("broken", actor, other, number, deal=templates[t]))
            if any(broke):
                continue
            if self.deal_left[t, g] == 1:
                out.append(DebateEntry("completed", proposer, partner, number, deal=templates[t]))
            else:
                weight = float(self.deal_left[t, g] - 1)
                out.append(
                    DebateEntry("kept", proposer, partner, number, deal=templates[t], weight=weight)
                )
        kinds = {0: "lapsed", 1: "accepted", 2: "rejected"}
        for number, t in sorted(
            (int(self.replied[t, g]), t) for t in range(len(templates)) if self.replied[t, g]
        ):
            kind = kinds[int(self.moves.reply[t, g])]
            out.append(
                DebateEntry(
                    kind,
                    actors[dk.partner[t]],
                    actors[dk.proposer[t]],
                    number,
                    deal=templates[t],
                )
            )
        m = self.moves
        for k in m.order:
            said = sorted(
                (int(self.said_number[s, g]), s)
                for s in range(len(dk.slots))
                if dk.slot_maker[s] == k and self.said_number[s, g]
            )
            for number, s in said:
                claim = int(m.claim[s, g])
                sway = float(self.said_sway[s, g])
                about = int(dk.slot_about[s])
                out.append(
                    DebateEntry(
                        "statement",
                        actors[k],
                        actors[about],
                        number,
                        dk.claims[claim],
                        _cards(dk, m.evidence[:, s, g]),
                        truth=float(self.said_truth[s, g]),
                        proof=float(self.said_proof[s, g]),
                        sway=sway,
                        reactions=_reactions(actors, k, about, sway, dk.credit[claim]),
                    )
                )
            answers = sorted(
                (int(self.accused_number[s, g]), s)
                for s in range(len(dk.slots))
                if dk.slot_about[s] == k and m.answer[s, g]
            )
            for ref, s in answers:
                accuser = int(dk.slot_maker[s])
                if m.answer[s, g] == 2:
                    out.append(
                        DebateEntry(
                            "concession",
                            actors[k],
                            actors[accuser],
                            claim=dk.claims[self.accused_claim[s, g]],
                            ref=ref,
                        )
                    )
                    continue
                sway = float(self.rebut_sway[s, g])
                out.append(
                    DebateEntry(
                        "rebuttal",
                        actors[k],
                        actors[accuser],
                        int(self.rebut_number[s, g]),
                        dk.claims[m.rebut_claim[s, g]],
                        _cards(dk, m.rebut_evidence[:, s, g]),
                        truth=float(self.rebut_truth[s, g]),
                        proof=float(self.rebut_proof[s, g]),
                        sway=sway,
                        won=bool(self.rebut_won[s, g]),
                        weight=float(self.rebut_weight[s, g]),
                        reactions=_reactions(actors, k, accuser, sway),
                        ref=ref,
                    )
                )
            t = int(m.propose[k, g])
            if t >= 0:
                out.append(
                    DebateEntry(
                        "proposal",
                        actors[k],
                        actors[dk.partner[t]],
                        int(self.proposed_number[k, g]),
                        deal=templates[t],
                    )
                )
        for e in np.flatnonzero(self.revealed[:, g]):
            out.append(DebateEntry("revealed", "", card=dk.cards[e]))
            for card, claim, upheld, makers, truth, amount in self.tested:
                if card != e or not amount[g] > 0:
                    continue
                kind = "upheld" if upheld else "exposed"
                for k in sorted(np.flatnonzero(makers[:, g]), key=lambda k: actors[k]):
                    out.append(
                        DebateEntry(
                            kind,
                            actors[k],
                            claim=dk.claims[claim],
                            truth=float(truth[g]),
                            weight=round(float(amount[g]), 6),
                            card=dk.cards[e],
                        )
                    )
        return tuple(out)

    def moves_of(self, dk: DebateKernel, kernel, g: int) -> dict[str, tuple[Move, ...]]:
        """Game ``g``'s moves as the scalar ledger holds them (actors with any)."""
        m = self.moves
        found: dict[str, tuple[Move, ...]] = {}
        for k in m.order:
            mine: list[Move] = []
            said = sorted(
                (int(self.said_number[s, g]), s)
                for s in range(len(dk.slots))
                if dk.slot_maker[s] == k and m.claim[s, g] >= 0
            )
            for _, s in said:
                mine.append(
                    Move(
                        "claim",
                        action=kernel.actions[dk.slots[s][0]],
                        claim=dk.claims[m.claim[s, g]],
                        evidence=_cards(dk, m.evidence[:, s, g]),
                    )
                )
            answers = sorted(
                (int(self.accused_number[s, g]), s)
                for s in range(len(dk.slots))
                if dk.slot_about[s] == k and m.answer[s, g]
            )
            for ref, s in answers:
                if m.answer[s, g] == 1:
                    mine.append(
                        Move(
                            "rebut",
                            claim=dk.claims[m.rebut_claim[s, g]],
                            evidence=_cards(dk, m.rebut_evidence[:, s, g]),
                            ref=ref,
                        )
                    )
                else:
                    mine.append(Move("concede", ref=ref))
            replies = sorted(
                (int(self.replied[t, g]), t)
                for t in range(len(dk.templates))
                if dk.partner[t] == k and m.reply[t, g]
            )
            for number, t in replies:
                mine.append(Move("accept" if m.reply[t, g] == 1 else "reject", ref=number))
            if m.propose[k, g] >= 0:
                mine.append(Move("propose", deal=dk.templates[m.propose[k, g]]))
            if mine:
                found[dk.actors[k]] = tuple(mine)
        return found


def _cards(dk: DebateKernel, cards: np.ndarray) -> tuple[str, ...]:
    return tuple(dk.cards[e] for e in cards if e >= 0)


def _reactions(actors, maker: int, about: int, sway: float, credit: bool = False) -> dict:
    reactions = {}
    for k, actor in enumerate(actors):
        if k == maker:
            reactions[actor] = "rallies" if sway >= 0.2 else "shrugs"
        elif k == about and credit:
            reactions[actor] = "welcomes"
        elif k == about:
            reactions[actor] = "shaken" if sway >= 0.8 else "rejects"
        else:
            reactions[actor] = (
                "convinced" if sway >= 0.8 else "divided" if sway >= 0.4 else "unconvinced"
            )
    return reactions


def argue(state, orders, moves: ArrayMoves | None, fired, injected, counters, capital, alive):
    """The debate's month for every game (as ``debate.resolve``, game by game).

    Returns (capital, counters, debate after, month record, whether any counter changed).
    """
    debate: ArrayDebate = state.debate
    kernel, model = state.kernel, state.model
    dk = DebateKernel.of(model, kernel)
    games, turn = state.games, state.turn
    if moves is None:
        moves = no_moves(dk, games)
    capital = capital.copy()
    counters = counters.copy()
    counted = False
    ns = None
    truth = None

    def month_ns():
        nonlocal ns
        if ns is None:
            ns = state.namespace()
        return ns

    def month_truths():
        nonlocal truth
        if truth is None:
            truth = truths(dk, month_ns(), games)
        return truth

    def count(name: str, amount, mask) -> None:
        nonlocal counted
        if mask is not None and not mask.any():
            return
        row = dk.counter(name)
        added = amount if mask is None else np.where(mask, amount, 0.0)
        counters[row] = counters[row] + added
        counted = True

    slots, templates = len(dk.slots), len(dk.templates)
    # spending: rebuttals, concessions and offers
    for s in range(slots):
        k = dk.slot_about[s]
        rebut = (moves.answer[s] == 1) & alive
        concede = (moves.answer[s] == 2) & alive
        if rebut.any():
            capital[k] = np.where(rebut, capital[k] - dk.rebut_cost, capital[k])
        if concede.any():
            capital[k] = np.where(concede, capital[k] - dk.concede_cost, capital[k])
    for k in range(len(dk.actors)):
        offer = (moves.propose[k] >= 0) & alive
        if offer.any():
            capital[k] = np.where(offer, capital[k] - dk.propose_cost, capital[k])
    # running deals
    deal, first, left = debate.deal.copy(), debate.first.copy(), debate.left.copy()
    done = debate.done.copy()
    checked = (deal > 0) & (first <= turn) & alive
    broken = np.zeros((2, templates, games), dtype=bool)
    if checked.any():
        available = None
        last_month = left == 1
        for t in np.flatnonzero(checked.any(axis=1)):
            on = checked[t]
            sides = ((dk.proposer[t], dk.partner[t]), (dk.partner[t], dk.proposer[t]))
            for side, (actions, how) in enumerate(dk.promises[t]):
                ordered = (orders[actions] >= 0).any(axis=0)
                if how == "never":
                    broken[side, t] = on & ordered
                elif how == "once":
                    done[side, t] = np.where(on, done[side, t] | ordered, done[side, t])
                    broken[side, t] = on & last_month[t] & ~done[side, t]
                else:
                    if available is None:
                        available = state.available(budget=False)
                    could = available[actions].any(axis=0)
                    broken[side, t] = on & ~ordered & could
            for side, (actor, other) in enumerate(sides):
                pair = f"{dk.actors[actor]}_{dk.actors[other]}"
                count(f"broke_{pair}", 1.0, broken[side, t])
                count(f"kept_{pair}", 1.0, on & ~broken[side, t])
            ends = on & (broken[:, t].any(axis=0) | last_month[t])
            goes_on = on & ~ends
            deal[t] = np.where(ends, 0, deal[t])
            left[t] = np.where(goes_on, left[t] - 1, left[t])
            done[:, t] = np.where(ends, False, done[:, t])
    # last month's proposals
    replied = np.where(alive & (debate.proposal_turn == turn - 1), debate.proposal, 0)
    for t in range(templates):
        accepted = (replied[t] > 0) & (moves.reply[t] == 1)
        if accepted.any():
            if (accepted & (deal[t] > 0)).any():
                raise AssertionError("two deals of one template: play this batch game by game")
            deal[t] = np.where(accepted, replied[t], deal[t])
            first[t] = np.where(accepted, turn + 1, first[t])
            left[t] = np.where(accepted, dk.months[t], left[t])
            done[:, t] = np.where(accepted, False, done[:, t])
    proposal = np.where(alive, 0, debate.proposal)
    counter_to = np.where(alive, 0, debate.counter_to)
    proposal_turn = np.where(alive, 0, debate.proposal_turn)
    # statements, rebuttals, concessions and offers, seat by seat
    number = debate.number.copy()
    columns = np.arange(games)
    proposed_number = np.zeros((len(dk.actors), games), dtype=np.int64)
    made = debate.made
    answered_parts = []
    statement_parts = []
    # what every statement and rebuttal says (whoever makes it, whenever in the month)
    said_on = (moves.claim >= 0) & alive
    rebut_on = (moves.answer == 1) & alive
    concede_on = (moves.answer == 2) & alive
    any_said, any_rebut = bool(said_on.any()), bool(rebut_on.any())
    said_number = np.zeros((slots, games), dtype=np.int64)
    rebut_number = np.zeros((slots, games), dtype=np.int64)
    zeros = np.zeros((slots, games))
    said_truth = said_proof = said_sway = zeros
    rebut_truth = rebut_proof = rebut_sway = rebut_weight = zeros
    rebut_won = np.zeros((slots, games), dtype=bool)
    if any_said or any_rebut:
        made = made.copy()
    if any_said:
        said_claims = np.where(said_on, moves.claim, 0)
        said_truth = np.where(said_on, month_truths()[said_claims, columns], 0.0)
        said_proof = np.where(said_on, _proof(dk, moves.evidence[0], moves.evidence[1]), 0.0)
        said_sway = np.where(
            said_on, _persuasions(dk, month_ns(), said_proof, said_truth, dk.slot_maker), 0.0
        )
    if any_rebut:
        rebut_claims = np.where(rebut_on, moves.rebut_claim, 0)
        rebut_truth = np.where(rebut_on, month_truths()[rebut_claims, columns], 0.0)
        proof = _proof(dk, moves.rebut_evidence[0], moves.rebut_evidence[1])
        rebut_proof = np.where(rebut_on, proof, 0.0)
        rebut_sway = np.where(
            rebut_on, _persuasions(dk, month_ns(), rebut_proof, rebut_truth, dk.slot_about), 0.0
        )
        answer = rebut_proof + rebut_truth
        charge = debate.said_proof + debate.said_truth
        rebut_won = rebut_on & (answer > charge)
        rebut_weight = np.where(rebut_on, np.round(answer - charge, 6), 0.0)
    for k in moves.order:
        actor = dk.actors[k]
        # statements, numbered in the order of the actions they are made with
        mine = dk.maker_slots[k]
        if any_said and len(mine) and said_on[mine].any():
            present = said_on[mine]
            positions = orders[dk.slot_action[mine]]
            ranks = _ranks(positions, present)
            said_number[mine] = np.where(present, number + ranks, 0)
            number = number + present.sum(axis=0)
            for s, on in zip(mine, present, strict=True):
                if not on.any():
                    continue
                about = dk.actors[dk.slot_about[s]]
                if dk.slot_blame[s]:
                    count(f"bare_{actor}", 1.0, on & (moves.evidence[0, s] < 0))
                    count(f"said_{actor}_{about}", 1.0, on)
                else:
                    count(f"praised_{actor}_{about}", 1.0, on)
                made[said_claims[s], k, columns] |= on
            # sums of truth and sway: in the statements' order where two share a counter
            for about, group in dk.pair_slots[k]:
                pair = f"{actor}_{dk.actors[about]}"
                on = said_on[group]
                if not on.any():
                    continue
                if len(group) == 1 or on.sum(axis=0).max() <= 1:
                    count(f"true_{pair}", said_truth[group].sum(axis=0), on.any(axis=0))
                    count(f"sway_{pair}", said_sway[group].sum(axis=0), on.any(axis=0))
                    continue
                group_ranks = _ranks(said_number[group], on)
                for j in range(len(group)):
                    for s, rank, present_s in zip(group, group_ranks, on, strict=True):
                        mask = present_s & (rank == j)
                        count(f"true_{pair}", said_truth[s], mask)
                        count(f"sway_{pair}", said_sway[s], mask)
        # answers to last month's accusations, in their number order
        aimed = dk.about_slots[k]
        if not len(aimed):
            pass
        elif (rebut_on[aimed] | concede_on[aimed]).any():
            answering = rebut_on[aimed] | concede_on[aimed]
            refs = debate.said_number[aimed]
            if debate.history:
                answered_parts.append(
                    {
                        "game": np.nonzero(answering)[1],
                        "order": (k * 10**6 + refs[answering]).astype(np.int64),
                        "number": refs[answering],
                    }
                )
            rebutting = rebut_on[aimed]
            if rebutting.any():
                ranks = _ranks(refs, rebutting)
                rebut_number[aimed] = np.where(rebutting, number + ranks, 0)
                number = number + rebutting.sum(axis=0)
            for s in aimed:
                accuser = dk.actors[dk.slot_maker[s]]
                concede = concede_on[s]
                if concede.any():
                    count(f"concede_{actor}_{accuser}", 1.0, concede)
                    count(f"upheld_{accuser}", 1.0, concede)
                rebut = rebut_on[s]
                if not rebut.any():
                    continue
                won = rebut_won[s]
                claim = rebut_claims[s]
                bare = rebut & (moves.rebut_evidence[0, s] < 0) & dk.blame[claim]
                count(f"bare_{actor}", 1.0, bare)
                count(f"rebut_{actor}_{accuser}", 1.0, rebut)
                count(f"upheld_{actor}", 1.0, won)
                count(f"upheld_{accuser}", 1.0, rebut & ~won)
                count(f"exposed_{accuser}", 1.0, won)
                count(f"exposed_{actor}", 1.0, rebut & ~won)
                made[claim, k, columns] |= rebut
                size = int(rebut.sum())
                if debate.history:
                    statement_parts.append(
                        {
                            "game": np.flatnonzero(rebut),
                            "number": rebut_number[s][rebut],
                            "turn": np.full(size, turn, dtype=np.int64),
                            "maker": np.full(size, k, dtype=np.int64),
                            "about": np.full(size, dk.slot_maker[s], dtype=np.int64),
                            "claim": claim[rebut],
                            "ev0": moves.rebut_evidence[0, s][rebut],
                            "ev1": moves.rebut_evidence[1, s][rebut],
                            "truth": rebut_truth[s][rebut],
                            "proof": rebut_proof[s][rebut],
                            "sway": rebut_sway[s][rebut],
                            "answers": debate.said_number[s][rebut],
                            "credit": np.zeros(size, dtype=np.int64),
                        }
                    )
        # an offer
        offer = (moves.propose[k] >= 0) & alive
        if offer.any():
            t_of = np.where(offer, moves.propose[k], 0)
            proposed_number[k] = np.where(offer, number, 0)
            for t in np.unique(t_of[offer]):
                mask = offer & (t_of == t)
                proposal[t] = np.where(mask, number, proposal[t])
                proposal_turn[t] = np.where(mask, turn, proposal_turn[t])
            number = number + offer
    said = said_number > 0
    if debate.history and said.any():
        slot_rows, game_rows = np.nonzero(said)
        statement_parts.append(
            {
                "game": game_rows,
                "number": said_number[said],
                "turn": np.full(len(game_rows), turn, dtype=np.int64),
                "maker": dk.slot_maker[slot_rows],
                "about": dk.slot_about[slot_rows],
                "claim": moves.claim[said],
                "ev0": moves.evidence[0][said],
                "ev1": moves.evidence[1][said],
                "truth": said_truth[said],
                "proof": said_proof[said],
                "sway": said_sway[said],
                "answers": np.zeros(len(game_rows), dtype=np.int64),
                "credit": (~dk.slot_blame[slot_rows]).astype(np.int64),
            }
        )
    # cards revealed by this month's events
    held, got, revealed = debate.held, debate.got, debate.revealed
    shown = np.zeros((len(dk.cards), games), dtype=bool)
    tested = []
    for e, event, reveal_to, bears in dk.reveals:
        mask = (fired[event] | injected[event]) & (revealed[e] == NEVER) & alive
        if not mask.any():
            continue
        if not shown.any():
            held, got, revealed = held.copy(), got.copy(), revealed.copy()
        shown[e] = mask
        revealed[e] = np.where(mask, turn, revealed[e])
        for k in reveal_to:
            new = mask & ~held[k, e]
            held[k, e] |= new
            got[k, e] = np.where(new, turn, got[k, e])
        for claim, backs in bears:
            makers = made[claim] & mask  # (actors, games)
            if not makers.any():
                continue
            truth_c = month_truths()[claim]
            amount = dk.weight[e] * (truth_c if backs else 1.0 - truth_c)
            pays = makers.any(axis=0) & (amount > 0)
            if not pays.any():
                continue
            kind = "upheld" if backs else "exposed"
            for k in sorted(range(len(dk.actors)), key=lambda k: dk.actors[k]):
                count(f"{kind}_{dk.actors[k]}", amount, makers[k] & pays)
            tested.append((e, claim, backs, makers & pays, truth_c, np.where(pays, amount, 0.0)))
    # this month's statements are the ones answered next month
    new_said_claim = np.where(said, moves.claim, 0)
    after = replace(
        debate,
        held=held,
        got=got,
        revealed=revealed,
        made=made,
        number=np.where(alive, number, debate.number),
        said_number=np.where(alive, said_number, debate.said_number),
        said_claim=np.where(alive, new_said_claim, debate.said_claim),
        said_proof=np.where(alive, said_proof, debate.said_proof),
        said_truth=np.where(alive, said_truth, debate.said_truth),
        proposal=proposal,
        counter_to=counter_to,
        proposal_turn=proposal_turn,
        deal=deal,
        first=first,
        left=left,
        done=done,
        statements=debate.statements + ((_join(statement_parts),) if statement_parts else ()),
        answered=debate.answered + ((_join(answered_parts),) if answered_parts else ()),
    )
    record = ArrayMonth(
        turn=turn,
        moves=moves,
        said_number=said_number,
        said_truth=said_truth,
        said_proof=said_proof,
        said_sway=said_sway,
        rebut_number=rebut_number,
        rebut_truth=rebut_truth,
        rebut_proof=rebut_proof,
        rebut_sway=rebut_sway,
        rebut_won=rebut_won,
        rebut_weight=rebut_weight,
        accused_number=np.where(moves.answer > 0, debate.said_number, 0),
        accused_claim=debate.said_claim,
        proposed_number=proposed_number,
        checked=checked,
        broken=broken,
        deal_number=debate.deal,
        deal_left=debate.left,
        replied=replied,
        revealed=shown,
        tested=tested,
    )
    return capital, counters, after, record, counted


class PerGame:
    """A lazy sequence: item g is ``build(g)`` (ledgers' moves and debate entries)."""

    def __init__(self, build, games: int) -> None:
        self.build, self.games = build, games

    def __len__(self) -> int:
        return self.games

    def __getitem__(self, g: int):
        return self.build(int(g))
