"""The command line: ``python main.py SUBCOMMAND`` (also installed as ``precursor``).

Exit status: 0 success, 2 bad input (an invalid scenario, plan or argument; the message says
what and where), 1 an internal error. Bad input never prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game.format.problems import ScenarioError
from game.resources import ResourceError, default_scenario, find_scenario

DEFAULT_SCENARIO = "scenarios/fentanyl_2023.toml"
EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_MISMATCH = 0, 1, 2, 3


class UsageError(Exception):
    """Bad input from the person at the keyboard: printed as one message, exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help")):
        args = ["play", *args]
    parser = _parser()
    try:
        options = parser.parse_args(args)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_BAD_INPUT
    try:
        _find_scenarios(options)
        return options.run(options)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as exc:
        print(f"precursor: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except ResourceError as exc:
        print(f"precursor: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="precursor",
        description="Precursor: a policy-debate simulation of the fentanyl crisis.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")

    play = sub.add_parser("play", help="open the game window (the default)")
    play.add_argument("scenario", nargs="?", default=None, help="scenario file")
    play.add_argument("--as", dest="as_actor", default=None, help="your government (us, mx, cn)")
    play.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    play.add_argument(
        "--lang",
        choices=["en", "es", "zh"],
        default=None,
        help="language of the window (default: the last one chosen, else the system's)",
    )
    play.add_argument(
        "--size",
        default=None,
        metavar="WxH",
        help="window size, e.g. 1024x640 (default: the last one used; remembered)",
    )
    play.add_argument(
        "--fullscreen",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="open full screen, or --no-fullscreen in a window (remembered; F11 switches)",
    )
    play.add_argument("--quit-after", type=float, default=None, help=argparse.SUPPRESS)
    play.set_defaults(run=_run_play)

    validate = sub.add_parser("validate", help="check scenario files; exit 2 if any is invalid")
    validate.add_argument("paths", nargs="+", help="scenario files")
    validate.add_argument(
        "--strict", action="store_true", help="exit 2 on warnings too (dates outside the game...)"
    )
    validate.set_defaults(run=_run_validate)

    schema = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    schema.add_argument("--out", default="-", help="file to write (default: standard output)")
    schema.set_defaults(run=_run_schema)

    reference = sub.add_parser("reference", help="print the field reference of the format")
    reference.add_argument(
        "--write",
        action="store_true",
        help="update docs/scenario-format.md and docs/authoring.md in place",
    )
    reference.set_defaults(run=_run_reference)

    inspect = sub.add_parser("inspect", help="list a scenario's actors, variables, actions...")
    inspect.add_argument("scenario")
    inspect.add_argument("--json", action="store_true", help="print JSON (the only format)")
    inspect.set_defaults(run=_run_inspect)

    card = sub.add_parser("model-card", help="describe a scenario's model in Markdown")
    card.add_argument("scenario")
    card.add_argument("--out", default="-", help="file to write (default: standard output)")
    card.set_defaults(run=_run_model_card)

    simulate = sub.add_parser("simulate", help="play headless with computer players")
    simulate.add_argument("scenario", nargs="?", default=None, help="default: Spring 2023")
    simulate.add_argument("--seed", type=int, default=1)
    simulate.add_argument("--turns", type=int, default=None, help="turns to play (default: all)")
    simulate.add_argument("--assumptions", default="", help="assumption set name")
    simulate.add_argument("--plan", default=None, help="TOML file of fixed orders per turn")
    simulate.add_argument("--others", choices=["ai", "idle"], default="ai")
    simulate.add_argument(
        "--policy",
        action="append",
        default=[],
        metavar="ACTOR=POLICY",
        help="who plays a government: ai, random or idle (repeatable)",
    )
    simulate.add_argument("--games", type=int, default=1, help="play N games (seeds seed..)")
    simulate.add_argument(
        "--json", dest="json_out", default=None, help="write the log (- = stdout)"
    )
    simulate.add_argument("--csv", dest="csv_out", default=None, help="write variables as CSV")
    simulate.add_argument("--plot", default=None, help="with --games: PNG of score histograms")
    simulate.add_argument("--workers", type=int, default=None, help="processes (default: cores)")
    simulate.set_defaults(run=_run_simulate)
    report = sub.add_parser("report", help="aggregate a class's game logs")
    report.add_argument("paths", nargs="+", metavar="LOG_OR_FOLDER")
    report.add_argument("--out", default="report", help="output folder (default: report)")
    report.add_argument(
        "--lang",
        choices=["en", "es", "zh"],
        default="en",
        help="language of the report's text and charts (default: en)",
    )
    report.add_argument(
        "--verify",
        action="store_true",
        help="replay each log first; count only finished games that reproduce exactly",
    )
    report.set_defaults(run=_run_report)

    balance = sub.add_parser("balance", help="run the balance battery; exit 3 if it flags")
    balance.add_argument("scenario")
    balance.add_argument("--games", type=int, default=30, help="games per setup (default 30)")
    balance.add_argument("--workers", type=int, default=None)
    balance.add_argument(
        "--opponents",
        default="random",
        help="policy of the other seats: random (default, fast), idle, ai:normal ...",
    )
    balance.add_argument("--no-spam", action="store_true", help="skip the single-action spam runs")
    balance.add_argument(
        "--json",
        default=None,
        help="also write the shares and flags as JSON (the model card reads "
        "measured/<id>_balance.json beside the scenario)",
    )
    balance.set_defaults(run=_run_balance)

    backtest = sub.add_parser(
        "backtest", help="play a plan of real moves and compare with the scenario's observations"
    )
    backtest.add_argument("scenario")
    backtest.add_argument("--plan", required=True, help="plan TOML (orders or dated months)")
    backtest.add_argument("--assumptions", default="", help="assumption set name")
    backtest.add_argument("--seed", type=int, default=1)
    backtest.add_argument("--plot", default=None, help="PNG of observed against simulated")
    backtest.set_defaults(run=_run_backtest)

    replay = sub.add_parser("replay", help="re-run a game log and check it reproduces exactly")
    replay.add_argument("log")
    replay.add_argument("--scenario", default=None, help="scenario file (default: from the log)")
    replay.set_defaults(run=_run_replay)
    return parser


def _run_report(options: argparse.Namespace) -> int:
    from game.i18n import set_language
    from game.tools.report import write_report

    set_language(options.lang)
    loaded, written = write_report(options.paths, Path(options.out), options.verify)
    print(f"read {len(loaded.logs)} game logs, skipped {len(loaded.skipped)}")
    for path, reason in loaded.skipped:
        print(f"  skipped {path}: {reason}")
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _run_balance(options: argparse.Namespace) -> int:
    from game.tools.balance import check, format_report

    if options.games < 2:
        raise UsageError("--games must be at least 2")
    from game.sim.players import make_player

    try:
        make_player(options.opponents, 0)
    except ValueError as exc:
        raise UsageError(f"--opponents: {exc}") from None
    report = check(
        options.scenario,
        options.games,
        options.workers,
        opponents=options.opponents,
        spam=not options.no_spam,
    )
    print(format_report(report))
    if options.json:
        import datetime
        import json

        from game.tools.balance import report_summary

        today = datetime.datetime.now(datetime.UTC).date().isoformat()
        text = json.dumps(report_summary(report, today), indent=1, ensure_ascii=False)
        try:
            Path(options.json).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--json: cannot write {options.json}: {exc.strerror}") from None
        print(f"wrote {options.json}")
    return EXIT_MISMATCH if report.flags else EXIT_OK


def _run_backtest(options: argparse.Namespace) -> int:
    from game.tools.backtest import format_backtest, run_backtest

    try:
        report = run_backtest(options.scenario, options.plan, options.assumptions, options.seed)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    print(format_backtest(report), end="")
    if options.plot:
        from game.tools.report_charts import backtest_chart

        try:
            backtest_chart(report, Path(options.plot))
        except OSError as exc:
            raise UsageError(f"{options.plot}: cannot write: {exc.strerror}") from None
        print(f"wrote {options.plot}")
    return EXIT_OK


def _run_replay(options: argparse.Namespace) -> int:
    from game.tools.replay import replay_log
    from game.tools.report import read_log

    try:
        log = read_log(Path(options.log), check=False)  # the replay names what disagrees
    except ValueError as exc:
        raise UsageError(f"{options.log}: {exc}") from None
    same, message = replay_log(log, options.scenario)
    print(f"{options.log}: {message}")
    return EXIT_OK if same else EXIT_MISMATCH


def _run_play(options: argparse.Namespace) -> int:
    if options.scenario is not None or options.as_actor:
        from game.format.loader import load_scenario

        scenario = load_scenario(options.scenario or _default_scenario())
        if options.as_actor and options.as_actor not in scenario.actors:
            known = ", ".join(scenario.actors)
            raise UsageError(f"--as {options.as_actor!r}: unknown government (known: {known})")
    try:
        from game.ui.app import run
    except ImportError as exc:
        print(f"precursor: the game window is not available ({exc}).", file=sys.stderr)
        print(f"Try: python main.py simulate {DEFAULT_SCENARIO}", file=sys.stderr)
        return EXIT_INTERNAL
    size = None
    if options.size is not None:
        from game.ui.settings import parse_size

        try:
            size = parse_size(options.size)
        except ValueError as exc:
            raise UsageError(f"--size: {exc}") from None
    return run(
        options.scenario,
        options.as_actor,
        options.seed,
        size,
        options.fullscreen,
        quit_after=options.quit_after,
        language=options.lang,
    )


def _default_scenario() -> str:
    """The default scenario as shipped with the game (from any folder)."""
    return str(default_scenario())


def _find_scenarios(options: argparse.Namespace) -> None:
    """Scenario arguments as files: a path, or the name of a bundled or user scenario."""
    if getattr(options, "scenario", None):
        options.scenario = str(find_scenario(options.scenario))
    if options.command == "validate":
        options.paths = [str(find_scenario(path)) for path in options.paths]


def _run_validate(options: argparse.Namespace) -> int:
    from game.format.loader import check_scenario_file, translation_warnings_of

    status = EXIT_OK
    for path in options.paths:
        try:
            scenario, warnings = check_scenario_file(path)
        except ScenarioError as exc:
            for problem in exc.problems:
                print(problem)
            status = EXIT_BAD_INPUT
            continue
        warnings += translation_warnings_of(path, scenario)
        for warning in warnings:
            print(warning)
        counts = f"{len(scenario.actors)} actors, {len(scenario.variables)} variables"
        found = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
        print(f"{path}: ok ({counts}, {len(scenario.actions)} actions{found})")
        if warnings and options.strict:
            status = EXIT_BAD_INPUT
    return status


def _run_schema(options: argparse.Namespace) -> int:
    from game.format.editor_schema import json_schema_text

    text = json_schema_text()
    if options.out == "-":
        sys.stdout.write(text)
    else:
        Path(options.out).write_text(text, encoding="utf-8")
    return EXIT_OK


def _run_reference(options: argparse.Namespace) -> int:
    from game.format.reference import reference_markdown, update_document

    if options.write:
        docs = Path("docs")
        if not (docs / "scenario-format.md").is_file():
            raise UsageError("reference --write updates docs/ of a clone: run it from its folder")
        for path in (docs / "scenario-format.md", docs / "authoring.md"):
            print(f"{path}: {'updated' if update_document(path) else 'already current'}")
    else:
        print(reference_markdown())
    return EXIT_OK


def _run_inspect(options: argparse.Namespace) -> int:
    from game.format.loader import load_scenario
    from game.tools.describe import describe

    print(json.dumps(describe(load_scenario(options.scenario)), indent=2))
    return EXIT_OK


def _run_model_card(options: argparse.Namespace) -> int:
    from game.tools.modelcard import model_card_for

    text = model_card_for(options.scenario)
    if options.out == "-":
        sys.stdout.write(text)
    else:
        Path(options.out).write_text(text, encoding="utf-8")
        print(f"wrote {options.out}")
    return EXIT_OK


def _run_simulate(options: argparse.Namespace) -> int:
    from game.tools.simulate import SimulationRequest, run_simulation

    request = SimulationRequest(
        scenario=options.scenario or _default_scenario(),
        seed=options.seed,
        turns=options.turns,
        assumptions=options.assumptions,
        plan=options.plan,
        others=options.others,
        policies=options.policy,
        games=options.games,
        json_out=options.json_out,
        csv_out=options.csv_out,
        plot=options.plot,
        workers=options.workers,
    )
    try:
        return run_simulation(request)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
