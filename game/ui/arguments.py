"""The debate in the window: answering accusations and offers, making a case, proposing deals,
the debate view of the month, and the debrief's argument record.

Rules:
- What may be said comes from ``game.play.debate`` (options the engine accepts); this module
  only shows them (in the "debate" pop-up, opened by name) and hands the chosen ``Move`` to the
  turn's flow (``flow.moves``).
- In a hot seat game the pop-ups open only after the cover, for the seat playing, and show
  nothing of another seat's pending moves.
"""

from __future__ import annotations

from collections.abc import Callable

from game.i18n import _
from game.play import debate as view
from game.sim.debate import Move
from game.sim.session import Game
from game.ui.markup import escape

# -- the turn screen's pieces ------------------------------------------------------------------


def ask_answers(scene, done: Callable[[list[Move]], None]) -> None:
    """ANSWERS: put each accusation and offer to the seat in turn, then ``done(moves)``."""
    game, actor = scene.game, scene.actor
    chosen: list[Move] = []
    rebut_cost = game.model.scenario.debate.rebut_cost

    def ask(index: int) -> None:
        spent = rebut_cost * sum(m.kind == "rebut" for m in chosen)
        questions = view.questions_for(game, actor, game.state.capital_of(actor) - spent)
        if index >= len(questions):
            done(chosen)
            return
        question = questions[index]
        html = escape(question.detail) + "<br><br>" + month_html(game, actor)

        def made(move: Move | None) -> None:
            if move is not None:
                chosen.append(move)
            ask(index + 1)

        def answered(choice: object) -> None:
            option = question.options[choice][1] if isinstance(choice, int) else None
            if isinstance(option, view.Draft):
                edit_terms(scene, option, made)
            elif isinstance(option, view.Case):
                pick_case(
                    scene,
                    option,
                    _("Your answer: {heading}").format(heading=question.heading),
                    made,
                )
            else:
                made(option)

        scene.app.open(
            "debate",
            question.heading,
            html,
            [label for label, _option in question.options],
            _("Skip  (Esc)"),
            on_result=answered,
        )

    ask(0)


def pick_case(scene, case: view.Case, heading: str, done: Callable[[Move | None], None]) -> None:
    """The claim and evidence pop-up for ``case``; ``done(move)`` (None: nothing said)."""
    game, actor = scene.game, scene.actor
    claims = [(c, f'"{view.claim_text(game, c)}"') for c in case.claims]
    cards = [(c, view.card_label(game, c)) for c in case.cards]

    def preview(claim: str, chosen: list[str]) -> str:
        return case_preview_html(game, actor, case, claim, chosen)

    def picked(result: object) -> None:
        if isinstance(result, tuple):
            claim, chosen = result
            done(case.move(claim, tuple(chosen)))
        else:
            done(None)

    confirm = _("Rebut") if case.kind == "rebut" else _("Make the claim")
    scene.app.open("pick", heading, claims, cards, case.usable, preview, confirm, on_result=picked)


def case_preview_html(
    game: Game, actor: str, case: view.Case, claim: str, chosen: list[str]
) -> str:
    """What the chosen claim and cards say, and how audiences will weigh them."""
    evidence = game.model.scenario.evidence
    parts = []
    debate = game.state.debate
    accusation = debate.statement(case.ref) if case.kind == "rebut" and debate else None
    if accusation is not None:
        cards = ", ".join(view.card_label(game, c) for c in accusation.evidence)
        said = _('{maker} said: "{claim}" ({cards})').format(
            maker=view.actor_name(game, accusation.maker),
            claim=view.claim_text(game, accusation.claim),
            cards=cards or _("no evidence"),
        )
        parts.append(f"<i>{escape(said)}</i>")
    parts.append(_("You say: <b>{claim}</b>").format(claim=escape(view.claim_text(game, claim))))
    if chosen:
        parts += [
            f"- {escape(view.card_label(game, c))}: {escape(evidence[c].text)}" for c in chosen
        ]
    else:
        parts.append(
            _("- With no evidence: a bare accusation costs credibility.")
            if case.kind == "claim"
            else _("- With no evidence.")
        )
    unused = [c for c in case.usable[claim] if c not in chosen]
    if unused:
        names = ", ".join(view.card_label(game, c) for c in unused)
        parts.append(escape(_("Also usable with this claim: {cards}").format(cards=names)))
    parts.append(
        _(
            "Each audience weighs a statement by its evidence, by whether it is true under "
            "the facts of this game, and by your credibility; one shown false later costs more."
        )
    )
    return "<br>".join(parts)


def edit_terms(scene, draft: view.Draft, done: Callable[[Move | None], None]) -> None:
    """The deal editor for ``draft``; ``done(move)`` (None: nothing offered)."""
    game = scene.game
    template = game.model.scenario.deals[draft.deal]

    def preview(chosen: dict[str, int]) -> str:
        terms = view.terms_of(game, draft.deal, chosen)
        low, high = template.month_bounds
        bounds = _("This deal may run {low} to {high} months.").format(low=low, high=high)
        return "<br>".join(
            (
                f"<b>{escape(template.label)}</b>",
                _("The usual offer: {text}").format(text=escape(template.text)),
                "",
                _("<b>Your offer:</b> {terms}").format(
                    terms=escape(view.terms_sentence(game, template, terms))
                ),
                escape(bounds),
                _(
                    "The other side answers next month: accept, reject or counter. Once "
                    "accepted, the engine checks both sides every month; breaking the deal "
                    "costs credibility and raises tension, keeping it builds cooperation."
                ),
            )
        )

    def chosen(result: object) -> None:
        done(
            draft.move(view.terms_of(game, draft.deal, result))
            if isinstance(result, dict)
            else None
        )

    heading = (
        _("Counter-offer: {deal}") if draft.kind == "counter" else _("Offer a deal: {deal}")
    ).format(deal=template.label)
    confirm = _("Send the counter-offer") if draft.kind == "counter" else _("Send the offer")
    scene.app.open(
        "terms", heading, view.term_fields(game, draft), preview, confirm, on_result=chosen
    )


def ask_claim(scene, action_id: str, done: Callable[[], None]) -> None:
    """After ordering a blame (or credit) card: which claim and evidence go with it."""
    game, actor = scene.game, scene.actor
    case = view.statement_case(game, actor, action_id)
    if case is None:
        done()
        return
    action = game.model.action(action_id)

    def made(move: Move | None) -> None:
        if move is not None:
            scene.flow.moves.setdefault(actor, []).append(move)
        done()

    pick_case(scene, case, _("Make your case: {action}").format(action=action.name), made)


def open_debate_view(scene, done: Callable[[], None]) -> None:
    """D on the turn screen: the month's debate, running deals, credibility; offer a deal."""
    game, actor = scene.game, scene.actor
    pending = scene.flow.moves.setdefault(actor, [])
    options = view.proposal_options(game, actor, pending)
    html = "<br><br>".join(
        h
        for h in (
            pending_html(game, pending),
            month_html(game, actor),
            deals_html(game),
            credibility_html(game),
            held_cards_html(game, actor),
        )
        if h
    )

    def offered(move: Move | None) -> None:
        if move is not None:
            pending.append(move)
        done()

    def chosen(choice: object) -> None:
        if isinstance(choice, int):
            edit_terms(scene, options[choice][1], offered)
        else:
            done()

    scene.app.open(
        "debate",
        _("The debate"),
        html,
        [label for label, _option in options],
        on_result=chosen,
    )


def pending_html(game: Game, moves: list[Move]) -> str:
    """This seat's debate moves so far this month (secret until the month is revealed)."""
    deals = game.model.scenario.deals
    lines = []
    for move in moves:
        cards = ", ".join(view.card_label(game, c) for c in move.evidence) or _("no evidence")
        terms = ""
        if move.deal:
            template = deals[move.deal]
            terms = view.terms_sentence(game, template, move.terms(template))
        if move.kind == "claim":
            line = _('Claim: "{claim}" ({cards})')
        elif move.kind == "propose":
            line = _("Offer: {deal} ({terms})")
        elif move.kind == "rebut":
            line = _('Rebuttal: "{claim}" ({cards})')
        elif move.kind == "counter":
            line = _("Counter-offer: {deal} ({terms})")
        else:
            line = {
                "concede": _("Concede"),
                "accept": _("Accept"),
                "reject": _("Reject"),
            }.get(move.kind, move.kind)
        claim = view.claim_text(game, move.claim) if move.claim else ""
        deal = deals[move.deal].label if move.deal else ""
        lines.append(line.format(claim=claim, cards=cards, deal=deal, terms=terms))
    if not lines:
        return ""
    heading = _("<b>Your case this month</b> (secret until the month is revealed):")
    return heading + "<br>" + "<br>".join(f"- {escape(line)}" for line in lines)


def month_html(game: Game, viewer: str) -> str:
    """Last month's debate as the viewer's press reports it."""
    if not game.ledgers or not game.ledgers[-1].debate:
        return _("<b>Last month's debate:</b> nothing was said.")
    lines = []
    for entry in game.ledgers[-1].debate:
        line = view.entry_line(game, entry, viewer)
        if not line:
            continue
        lines.append(f"- {escape(line)}")
        for press, headline in view.headlines(game, entry, viewer):
            lines.append(f"&nbsp;&nbsp;&nbsp;&nbsp;<i>{escape(press)}: {escape(headline)}</i>")
    return _("<b>Last month's debate</b>") + "<br>" + "<br>".join(lines)


def deals_html(game: Game) -> str:
    deals = view.running_deals(game)
    if not deals:
        return _("<b>Deals running:</b> none.")
    return _("<b>Deals running</b>") + "<br>" + "<br>".join(f"- {escape(d)}" for d in deals)


def credibility_html(game: Game) -> str:
    parts = [f"{view.actor_name(game, a)} {c:.0f}" for a, c in view.credibility_now(game).items()]
    return _("<b>Credibility</b> (0-100):") + " " + escape(", ".join(parts))


def held_cards_html(game: Game, actor: str) -> str:
    debate = game.state.debate
    if debate is None:
        return ""
    cards = [
        f"{view.card_label(game, c)}: {game.model.scenario.evidence[c].text}"
        for c in debate.cards(actor)
    ]
    return _("<b>Evidence you hold</b>") + "<br>" + "<br>".join(f"- {escape(c)}" for c in cards)


# -- the debrief ------------------------------------------------------------------------------


def argument_record_html(game: Game) -> str:
    """The debrief's argument record per government, and the questions that use it."""
    if game.state.debate is None:
        return ""
    parts = [
        _(
            "<b>Argument record</b> (credibility over time: the last page of the charts, "
            "where a dot marks a claim shown false, a rebuttal lost or a deal broken)"
        )
    ]
    for actor, record in view.argument_record(game).items():
        name = escape(view.actor_name(game, actor))
        series = record.credibility or [0.0]
        made = ", ".join(
            f'"{escape(view.claim_text(game, c))}" x{n}' for c, n in sorted(record.claims.items())
        )
        summary = _(
            "claims made: {statements} ({with_evidence} with evidence, {bare} bare; mean truth "
            "{truth}); upheld {upheld}, shown false {exposed}; rebuttals won {won}, lost {lost}; "
            "concessions {concessions}; deals completed {kept}, broken {broken}; credibility "
            "{first} at the start, {low} at its lowest, {last} at the end."
        ).format(
            statements=record.statements,
            with_evidence=record.with_evidence,
            bare=record.bare,
            truth=f"{record.mean_truth:.2f}",
            upheld=f"{record.upheld:.1f}",
            exposed=f"{record.exposed:.1f}",
            won=record.rebuttals_won,
            lost=record.rebuttals_lost,
            concessions=record.concessions,
            kept=record.deals_kept,
            broken=record.deals_broken,
            first=f"{series[0]:.0f}",
            low=f"{min(series):.0f}",
            last=f"{series[-1]:.0f}",
        )
        parts.append(
            f"<b>{name}</b>: {escape(summary)}"
            + ("<br>" + _("Claims:") + f" {made}" if made else "")
        )
    questions = view.record_questions(game)
    if questions:
        parts.append(_("<b>Claim, evidence, reasoning</b>"))
        parts += [f"- {escape(q)}" for q in questions]
    return "<br>".join(parts)
