"""The debate: truth under assumption sets, credibility, evidence, rebuttals and deals."""

from dataclasses import replace

import pytest

from game.format.loader import ScenarioError, load_scenario, parse_scenario
from game.sim.engine import OrdersError, State, initial_state, step
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.session import Game, from_save, play_out, replay_orders, to_save

from .conftest import DATA

DEBATE = DATA / "debate.toml"


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(DEBATE)


def model_under(scenario, assumptions: str) -> Model:
    return Model.build(scenario, assumptions)


def blame(evidence=(), claim="made_in_mexico"):
    return (
        {"us": ["us_blame_mx"]},
        {
            "us": [
                {
                    "kind": "claim",
                    "action": "us_blame_mx",
                    "claim": claim,
                    "evidence": list(evidence),
                }
            ]
        },
    )


def repeat_blame(state: State, months: int, evidence=()) -> list:
    ledgers = []
    for _ in range(months):
        state, ledger = step(state, *blame(evidence))
        ledgers.append(ledger)
    return [state, ledgers]


def argument(ledger) -> float:
    return ledger.contributions_dict("approval_us")["argument"]


def test_a_false_claim_repeated_for_a_year_costs_credibility_and_its_rally_shrinks(scenario):
    state, ledgers = repeat_blame(initial_state(model_under(scenario, "amlo")), 12, ["rumour"])
    statements = [e for ledger in ledgers for e in ledger.debate if e.kind == "statement"]
    assert len(statements) == 12 and all(e.truth == 0.0 for e in statements)
    assert state.value("credibility_us") < 50 - 10
    assert argument(ledgers[-1]) < 0.8 * argument(ledgers[0])


def test_the_same_claim_pays_where_it_is_true(scenario):
    state, ledgers = repeat_blame(initial_state(model_under(scenario, "dea")), 12, ["rumour"])
    assert state.value("credibility_us") > 50 + 5
    assert argument(ledgers[-1]) > argument(ledgers[0])


def test_a_claim_made_bare_costs_credibility_that_evidence_would_not(scenario):
    model = model_under(scenario, "dea")
    bare, _ = step(initial_state(model), *blame())
    backed, _ = step(initial_state(model), *blame(["rumour"]))
    assert bare.value("credibility_us") < backed.value("credibility_us")


def test_strong_evidence_persuades_abroad_more_than_weak(scenario):
    model = model_under(scenario, "dea")
    _, strong = step(initial_state(model), *blame(["dea_report"]))
    _, weak = step(initial_state(model), *blame(["rumour"]))
    assert strong.debate[0].sway > weak.debate[0].sway
    assert strong.change("approval_mx") < weak.change("approval_mx")  # Mexicans less defiant
    assert strong.change("tension_us_mx") < weak.change("tension_us_mx")  # less unfounded
    assert strong.debate[0].reactions["mx"] != "" and strong.debate[0].reactions["us"] == "rallies"


def rebut(state, claim, evidence):
    move = {"kind": "rebut", "ref": 1, "claim": claim, "evidence": evidence}
    return step(state, {}, {"mx": [move]})


def test_a_rebuttal_with_stronger_evidence_wins(scenario):
    model = model_under(scenario, "amlo")  # fentanyl not made in Mexico: the U.S. claim is false
    accused, _ = step(initial_state(model), *blame(["rumour"]))
    after, ledger = rebut(accused, "not_made_here", ["amlo_letter"])
    (entry,) = ledger.debate
    assert entry.kind == "rebuttal" and entry.won is True and entry.ref == 1
    assert after.value("credibility_mx") > accused.value("credibility_mx")
    assert after.value("credibility_us") < accused.value("credibility_us")


def test_a_rebuttal_with_weaker_evidence_loses(scenario):
    model = model_under(scenario, "dea")
    accused, _ = step(initial_state(model), *blame(["dea_report"]))
    after, ledger = rebut(accused, "not_made_here", ["amlo_letter"])
    assert ledger.debate[0].won is False
    assert after.value("credibility_mx") < accused.value("credibility_mx")


def test_a_concession_upholds_the_accuser(scenario):
    model = model_under(scenario, "dea")
    accused, _ = step(initial_state(model), *blame(["dea_report"]))
    _after, ledger = step(accused, {}, {"mx": [{"kind": "concede", "ref": 1}]})
    assert ledger.debate[0].kind == "concession"
    assert ledger.contributions_dict("credibility_us")["record"] == pytest.approx(3)


def test_an_accusation_can_be_answered_only_once_and_only_the_next_month(scenario):
    accused, _ = step(initial_state(model_under(scenario, "dea")), *blame(["dea_report"]))
    once, _ = step(accused, {}, {"mx": [{"kind": "concede", "ref": 1}]})
    with pytest.raises(OrdersError, match="can only be answered in the month after"):
        step(once, {}, {"mx": [{"kind": "concede", "ref": 1}]})
    with pytest.raises(OrdersError, match="already been answered"):
        step(accused, {}, {"mx": [{"kind": "concede", "ref": 1}, {"kind": "concede", "ref": 1}]})


def test_revealed_evidence_shows_a_false_claim_false_and_a_true_one_upheld(scenario):
    def reveal_after_claim(assumptions):
        state, _ = step(initial_state(model_under(scenario, assumptions)), {}, {})
        state, _ = step(
            state,
            {"mx": ["mx_blame_us"]},
            {
                "mx": [
                    {
                        "kind": "claim",
                        "action": "mx_blame_us",
                        "claim": "not_made_here",
                        "evidence": ["amlo_letter"],
                    }
                ]
            },
        )
        while state.date != "2023-09":
            state, _ledger = step(state, {}, {})
        return step(state, {}, {})

    state, ledger = reveal_after_claim("dea")
    kinds = {(e.kind, e.actor) for e in ledger.debate}
    assert ("revealed", "") in kinds and ("exposed", "mx") in kinds
    assert ledger.contributions_dict("credibility_mx")["record"] < 0
    assert "superlab" in state.debate.cards("us") and "superlab" in state.debate.cards("mx")
    _, ledger = reveal_after_claim("amlo")
    assert ("exposed", "mx") not in {(e.kind, e.actor) for e in ledger.debate}


def deal_game(scenario, mx_raids_month_two=True):
    """Mexico offers raids for guns, the U.S. accepts, both comply, then Mexico keeps or breaks."""
    state = initial_state(model_under(scenario, "dea"))
    state, ledger = step(state, {}, {"mx": [{"kind": "propose", "deal": "raids_for_guns"}]})
    number = ledger.debate[0].number
    state, ledger = step(state, {}, {"us": [{"kind": "accept", "ref": number}]})
    assert ledger.debate[0].kind == "accepted"
    state, first = step(state, {"mx": ["mx_raids"], "us": ["us_guns"]})
    second_orders = {"mx": ["mx_raids"]} if mx_raids_month_two else {}
    state, second = step(state, second_orders)
    return state, first, second


def test_a_broken_deal_costs_credibility_and_raises_tension(scenario):
    kept_state, _, _kept = deal_game(scenario, mx_raids_month_two=True)
    broken_state, _, broken = deal_game(scenario, mx_raids_month_two=False)
    assert [e.kind for e in broken.debate] == ["broken"]
    assert broken.debate[0].actor == "mx"
    assert broken_state.value("credibility_mx") < kept_state.value("credibility_mx") - 5
    assert broken_state.value("tension_us_mx") > kept_state.value("tension_us_mx") + 3
    assert broken_state.debate.deals == ()


def test_a_kept_deal_builds_cooperation_until_it_completes(scenario):
    state, first, second = deal_game(scenario)
    assert first.contributions_dict("coop")["deals"] > 0
    assert [e.kind for e in second.debate] == ["kept"]
    state, _ = step(state, {"mx": ["mx_raids"]})
    state, last = step(state, {"mx": ["mx_raids"]})
    assert [e.kind for e in last.debate] == ["completed"]
    assert state.debate.deals == ()
    assert state.value("coop") > 0.5


def test_a_once_promise_not_kept_by_the_last_month_breaks_the_deal(scenario):
    state = initial_state(model_under(scenario, "dea"))
    state, ledger = step(state, {}, {"mx": [{"kind": "propose", "deal": "raids_for_guns"}]})
    state, _ = step(state, {}, {"us": [{"kind": "accept", "ref": ledger.debate[0].number}]})
    for _ in range(3):
        state, ledger = step(state, {"mx": ["mx_raids"]})
        assert [e.kind for e in ledger.debate] == ["kept"]
    state, ledger = step(state, {"mx": ["mx_raids"]})
    assert [(e.kind, e.actor) for e in ledger.debate] == [("broken", "us")]


def test_an_unanswered_proposal_lapses_and_a_counter_is_a_new_proposal(scenario):
    state = initial_state(model_under(scenario, "dea"))
    state, _ledger = step(state, {}, {"mx": [{"kind": "propose", "deal": "raids_for_guns"}]})
    _lapsed, ledger2 = step(state, {}, {})
    assert ledger2.debate[0].kind == "lapsed"
    countered, ledger3 = step(state, {}, {"us": [{"kind": "counter", "ref": 1, "deal": "truce"}]})
    assert ledger3.debate[0].kind == "countered" and ledger3.debate[0].ref == 1
    assert countered.debate.proposals_to("mx", countered.turn)[0].deal == "truce"


def test_bad_moves_are_listed_with_clear_messages(scenario):
    state = initial_state(model_under(scenario, "dea"))
    moves = {
        "us": [
            {"kind": "claim", "action": "us_blame_mx", "claim": "made_in_mexco", "evidence": []},
            {
                "kind": "claim",
                "action": "us_praise_mx",
                "claim": "made_in_mexico",
                "evidence": ["amlo_letter"],
            },
            {"kind": "shout"},
            {"kind": "propose", "deal": "raids_for_guns"},
        ],
        "mx": [
            {"kind": "accept", "ref": 7},
            {
                "kind": "claim",
                "action": "mx_blame_us",
                "claim": "not_made_here",
                "evidence": ["overdose_data", "amlo_letter", "x"],
            },
        ],
    }
    with pytest.raises(OrdersError) as error:
        step(state, {"us": ["us_blame_mx", "us_praise_mx"], "mx": ["mx_blame_us"]}, moves)
    problems = error.value.problems
    assert "us: unknown claim 'made_in_mexco' (did you mean 'made_in_mexico'?)" in problems
    assert any("needs a blame action aimed at 'mx', not 'us_praise_mx'" in p for p in problems)
    assert "us: does not hold evidence card 'amlo_letter'" in problems
    assert any("kind must be one of" in p for p in problems)
    assert "us: deal 'raids_for_guns' is offered by 'mx', not 'us'" in problems
    assert "mx: there is no proposal number 7 to 'mx'" in problems
    assert "mx: at most 2 evidence cards back a claim" in problems
    assert "mx: card 'overdose_data' does not back claim 'not_made_here'" in problems


def test_debate_moves_count_against_political_capital(scenario):
    accused, _ = step(initial_state(model_under(scenario, "dea")), *blame(["dea_report"]))
    orders = {"mx": ["mx_blame_us", "mx_raids"]}
    move = {"kind": "rebut", "ref": 1, "claim": "demand_problem", "evidence": ["overdose_data"]}
    step(accused, orders, {"mx": [move]})  # 2 + 1 = 3 capital: fine
    broke = replace(accused, capital=(3.0, 2.0))
    with pytest.raises(OrdersError, match="cost 3 political capital but only 2"):
        step(broke, orders, {"mx": [move]})


def test_a_scenario_without_a_debate_refuses_moves(mini_model):
    with pytest.raises(OrdersError, match="no debate"):
        step(initial_state(mini_model), {}, {"us": [{"kind": "concede", "ref": 1}]})


def test_broken_references_in_the_debate_sections_point_at_the_line(scenario):
    text = DEBATE.read_text().replace(
        'supports = ["demand_problem"]', 'supports = ["demand_problm"]'
    )
    text = text.replace('revealed_by = "lab_bust"', 'revealed_by = "lab_bst"')
    text = text.replace(
        'partner_does = { actions = ["us_guns"], how = "once" }',
        'partner_does = { actions = ["mx_raids"], how = "once" }',
    )
    with pytest.raises(ScenarioError) as error:
        parse_scenario(text, "debate.toml")
    messages = [str(p) for p in error.value.problems]
    assert any(
        "evidence.overdose_data.supports[0]: unknown claim 'demand_problm'" in m for m in messages
    )
    assert any(
        "evidence.superlab.revealed_by: unknown event 'lab_bst' (did you mean 'lab_bust'?)" in m
        for m in messages
    )
    assert any(
        "deals.raids_for_guns.partner_does.actions[0]: 'mx_raids' is an action of 'mx'" in m
        for m in messages
    )
    assert all(m.startswith("debate.toml:") for m in messages)


def test_a_declared_name_that_the_debate_fills_in_is_an_error():
    text = DEBATE.read_text().replace(
        "[parameters.cred_truth]", '[counters.said_us_mx]\nlabel = "x"\n\n[parameters.cred_truth]'
    )
    with pytest.raises(ScenarioError, match="a counter the debate fills in"):
        parse_scenario(text, "debate.toml")


def test_computer_players_argue_and_deal_and_the_game_replays_from_its_log(scenario):
    model = model_under(scenario, "dea")
    players = {"us": make_player("ai:normal", 4), "mx": make_player("ai:normal", 4)}
    game = play_out(Game(model, 4, players))
    log = game.to_log()
    kinds = {entry["kind"] for turn in log.turns for entry in turn.debate}
    assert {"statement", "proposal"} <= kinds and kinds & {"accepted", "rejected", "countered"}
    replayed = replay_orders(
        model,
        4,
        [t.orders for t in log.turns],
        [[] for _ in log.turns],
        [t.moves for t in log.turns],
    )
    assert [s.values for s in replayed.states] == [s.values for s in game.states]
    assert replayed.state.debate == game.state.debate


def test_a_saved_game_with_debate_moves_loads_back_the_same(scenario):
    model = model_under(scenario, "dea")
    game = Game(model, 2, {"us": None, "mx": make_player("ai:easy", 2)}, scenario_file=str(DEBATE))
    orders, moves = blame(["dea_report"])
    game.play_turn(orders, None, moves)
    game.play_turn({"us": []}, None, {"us": []})
    save = to_save(game)
    assert save.turns[0].moves["us"][0]["claim"] == "made_in_mexico"
    resumed = from_save(save.model_copy(update={"assumptions": "dea"}))
    assert resumed.state == game.state


def test_claim_payoffs_count_a_beaten_or_false_claim_as_not_paying():
    from game.tools.arguments import claim_payoffs

    entries = [
        {"kind": "statement", "number": 1, "claim": "a", "truth": 1.0},
        {"kind": "statement", "number": 2, "claim": "a", "truth": 1.0},
        {"kind": "rebuttal", "number": 3, "claim": "b", "ref": 2, "won": True, "truth": 0.6},
        {"kind": "statement", "number": 4, "claim": "c", "truth": 0.2},
    ]
    assert claim_payoffs(entries) == {"a": (2, 1), "c": (1, 0)}


def test_balance_flags_a_claim_that_always_pays_unanswered_or_never_pays(scenario):
    from game.tools.balance import claim_flags

    flags = claim_flags(
        scenario,
        {"mexico_helps": [12, 12], "made_in_mexico": [12, 12], "not_made_here": [10, 0]},
    )
    assert flags == [
        "claim 'mexico_helps' always pays: made 12 times, never false, never beaten, "
        "and no claim can rebut it",
        "claim 'not_made_here' never pays: made 10 times, always false or beaten",
    ]  # made_in_mexico always paid, but two claims can answer it


def test_the_class_report_summarises_each_governments_argument_record(scenario, tmp_path):
    from game.tools.report import write_report

    model = model_under(scenario, "dea")
    for seed in (1, 2):
        players = {"us": make_player("ai:easy", seed), "mx": make_player("random", seed)}
        game = play_out(Game(model, seed, players))
        game.to_log().write_json(tmp_path / f"game{seed}.json")
    write_report([tmp_path], tmp_path / "out")
    report = (tmp_path / "out" / "report.md").read_text()
    section = report.split("## Argument records", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| us |")]
    assert len(rows) == 1 and rows[0].split("|")[2].strip() == "2"  # two games of the U.S.


def test_balance_flags_a_deal_accepted_whenever_offered_and_never_broken():
    from game.tools.balance import deal_flags

    flags = deal_flags(
        {
            "always": [20, 19, 15, 0],  # accepted 95%, never broken: dominates
            "broken_once": [20, 20, 10, 1],
            "often_refused": [20, 10, 10, 0],
            "rare": [5, 5, 5, 0],  # too few offers to judge
        }
    )
    assert flags == [
        "deal 'always' dominates: accepted 19 of the 20 times it was offered and never broken "
        "(15 completed): nobody has a reason to refuse or break it"
    ]


def test_deal_payoffs_count_offers_answers_and_compliance():
    from game.tools.arguments import deal_payoffs

    entries = [
        {"kind": "proposal", "deal": "a"},
        {"kind": "accepted", "deal": "a"},
        {"kind": "kept", "deal": "a"},
        {"kind": "broken", "deal": "a"},
        {"kind": "countered", "deal": "b"},
        {"kind": "rejected", "deal": "b"},
        {"kind": "statement", "claim": "x"},
    ]
    assert deal_payoffs(entries) == {"a": (1, 1, 0, 1), "b": (1, 0, 0, 0)}


def test_balance_tallies_the_claims_and_deals_of_every_game_it_plays():
    from game.tools.balance import check

    report = check(str(DEBATE), games=2, workers=1, spam=False)
    assert report.claims and all(0 <= paid <= made for made, paid in report.claims.values())
    assert report.deals and all(
        offered >= accepted >= completed
        for offered, accepted, completed, _ in report.deals.values()
    )


@pytest.mark.parametrize(
    ("question", "problem"),
    [
        ("{government} said {claim}", ""),
        ("{government} said {clam}", "unknown placeholder {clam}"),
        ("a brace { too many", "braces do not match"),
    ],
)
def test_a_debrief_question_names_only_the_fields_it_can_be_filled_with(question, problem):
    from game.format.debate import question_problem

    found = question_problem(question)
    assert (problem in found) if problem else found == ""


@pytest.mark.parametrize("name", ["fentanyl_2023", "strike_pressure", "trilateral", "tutorial"])
def test_every_shipped_debate_asks_claim_evidence_reasoning_questions_of_a_played_game(name):
    from game.play.debate import record_questions

    scenario = load_scenario(DATA.parent.parent / "scenarios" / f"{name}.toml")
    assert len(scenario.debate.questions) >= 3
    text = " ".join(scenario.debate.questions)
    assert all(word in text for word in ("Claim", "Evidence", "Reasoning"))
    model = Model.build(scenario)
    players = {a: make_player("ai:hard", 1) for a in scenario.actors}
    game = play_out(Game(model, 1, players), 8)
    questions = record_questions(game)
    assert questions and not any("{" in q for q in questions)


def offer_edited_terms(scenario, **terms):
    """Mexico offers raids for guns on edited terms; the U.S. accepts; the state after."""
    state = initial_state(model_under(scenario, "dea"))
    offer = {"kind": "propose", "deal": "raids_for_guns", **terms}
    state, ledger = step(state, {}, {"mx": [offer]})
    assert ledger.debate[0].terms == (terms["months"], terms["proposer_does"] - 1, 1)
    state, ledger = step(state, {}, {"us": [{"kind": "accept", "ref": ledger.debate[0].number}]})
    assert ledger.debate[0].kind == "accepted"
    return state


def test_edited_terms_set_how_long_a_deal_runs_and_what_each_side_promises(scenario):
    # two months; Mexico raids at least once (not monthly); the U.S. stops blaming Mexico
    state = offer_edited_terms(scenario, months=2, proposer_does=2, partner_does=2)
    [deal] = state.debate.deals
    assert deal.months_left == 2 and (deal.proposer, deal.partner) == ("mx", "us")
    kept, ledger = step(state, {})  # no raid yet: a 'once' promise may wait; no blame
    assert [e.kind for e in ledger.debate] == ["kept"]
    _, ledger = step(kept, {"mx": ["mx_raids"]})
    assert [e.kind for e in ledger.debate] == ["completed"]  # two months, not the template's 4
    _, ledger = step(state, {"us": ["us_blame_mx"]})
    assert [(e.kind, e.actor) for e in ledger.debate] == [("broken", "us")]


def test_a_counter_on_the_same_deal_edits_its_terms_and_goes_back_to_the_proposer(scenario):
    state = initial_state(model_under(scenario, "dea"))
    state, ledger = step(state, {}, {"mx": [{"kind": "propose", "deal": "raids_for_guns"}]})
    counter = {"kind": "counter", "ref": ledger.debate[0].number, "deal": "raids_for_guns"}
    state, ledger = step(state, {}, {"us": [{**counter, "months": 6}]})
    [entry] = ledger.debate
    assert (entry.kind, entry.actor, entry.other, entry.terms) == (
        "countered",
        "us",
        "mx",
        (6, 0, 0),
    )
    [proposal] = state.debate.proposals_to("mx", state.turn)
    state, _ = step(state, {}, {"mx": [{"kind": "accept", "ref": proposal.number}]})
    [deal] = state.debate.deals
    assert (deal.proposer, deal.partner, deal.months_left) == ("mx", "us", 6)


def test_terms_outside_the_templates_bounds_are_refused_with_the_bounds(scenario):
    state = initial_state(model_under(scenario, "dea"))
    offer = {"kind": "propose", "deal": "raids_for_guns", "months": 9, "partner_does": 3}
    with pytest.raises(OrdersError) as error:
        step(state, {}, {"mx": [offer]})
    assert error.value.problems == [
        "mx: deal 'raids_for_guns' runs 2 to 6 months (got 9)",
        "mx: deal 'raids_for_guns' has 2 choice(s) for partner_does (got 3)",
    ]
    with pytest.raises(OrdersError, match="months is a whole number"):
        step(state, {}, {"mx": [{**offer, "months": "six"}]})


def test_a_move_with_terms_reads_back_from_its_log_form():
    from game.sim.debate import Move

    move = Move("propose", deal="d", months=3, proposer_does=2, partner_does=1)
    assert move.to_dict() == {
        "kind": "propose",
        "deal": "d",
        "months": 3,
        "proposer_does": 2,
        "partner_does": 1,
    }
    assert Move.of(move.to_dict()) == move


def test_each_audience_reads_a_statement_in_its_own_press_voice_the_viewers_first(scenario):
    from game.play.debate import headlines

    model = model_under(scenario, "dea")
    game = Game(model, 1, {})
    orders, moves = blame(["dea_report"])
    game.play_turn(orders, None, moves)
    [statement] = [e for e in game.ledgers[0].debate if e.kind == "statement"]
    reported = headlines(game, statement, "mx")
    assert reported[0][0].startswith("Mexico")  # the viewer's press first
    mexican = reported[0][1]
    assert mexican in (
        "Mexico City rejects United States's charge",
        "United States's evidence shakes Mexico City",
    )
    assert reported[1][1] in ("the public rallies behind it", "the public shrugs")  # no voice


def test_a_headline_with_an_unknown_placeholder_points_at_its_line(tmp_path):
    text = DEBATE.read_text().replace("{maker}'s charge", "{accuser}'s charge")
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    assert "debate.press.mx.headlines.rejects: unknown placeholder {accuser}" in str(error.value)
