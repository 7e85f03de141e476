import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from game.format.loader import load_scenario
from game.sim import saves
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.saves import (
    SAVE_FORMAT,
    SaveError,
    latest_autosave,
    list_saves,
    read_save,
    slot_path,
    write_save,
)
from game.sim.session import Game, autosave, from_save, to_save

from .conftest import DATA, ROOT


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PRECURSOR_DATA_DIR", str(tmp_path))
    return tmp_path


def new_game(turns: int = 3) -> Game:
    path = str(DATA / "mini.toml")
    model = Model.build(load_scenario(path))
    game = Game(model, 11, {"us": None, "mx": make_player("random", 11)}, scenario_file=path)
    game.inject("storm")
    game.play_turn({"us": ["us_border"]}, {"us": {"approval_us": "up"}})
    for _ in range(turns - 1):
        game.play_turn({"us": ["us_blame_mx"]})
    return game


def test_a_saved_game_resumes_exactly_with_injects_and_predictions():
    game = new_game()
    write_save(to_save(game), "slot1")
    resumed = from_save(read_save(slot_path("slot1")))
    assert resumed.states[-1].values == game.states[-1].values
    assert resumed.state.turn == 3
    assert [e.id for e in resumed.ledgers[0].events] == ["storm"]
    assert resumed.predictions[0] == {"us": {"approval_us": "up"}}
    assert resumed.seat_names == game.seat_names
    resumed.play_turn({"us": []})  # and play goes on


def test_autosave_then_continue_after_every_turn():
    game = new_game(2)
    assert autosave(game) == ""
    assert latest_autosave() == slot_path(f"autosave-{game.game_id}")
    assert from_save(read_save(latest_autosave())).state.values == game.state.values


def test_a_truncated_save_is_reported_and_other_saves_are_untouched():
    game = new_game()
    write_save(to_save(game), "good")
    write_save(to_save(game), "cut")
    path = slot_path("cut")
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert (
        str(caught.value)
        == "save cut.json is damaged (cut short or overwritten, line 4); other saves are unaffected"
    )
    assert read_save(slot_path("good")).seed == 11
    listed = {p.name: s for p, s in list_saves()}
    assert isinstance(listed["cut.json"], SaveError) and not isinstance(
        listed["good.json"], SaveError
    )


def test_flipped_bytes_give_a_clear_message():
    write_save(to_save(new_game()), "flip")
    path = slot_path("flip")
    data = bytearray(path.read_bytes())
    for i in range(10, len(data), 37):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(SaveError, match=r"save flip\.json is damaged"):
        read_save(path)


def test_a_valid_json_save_with_wrong_fields_is_damaged_not_a_crash():
    path = slot_path("odd")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"format": SAVE_FORMAT, "seed": "x"}))
    with pytest.raises(SaveError, match=r"save odd.json is damaged \("):
        read_save(path)


def test_a_save_from_a_future_version_says_so():
    save = to_save(new_game()).model_dump()
    save["format"] = SAVE_FORMAT + 1
    path = slot_path("future")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(save))
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert str(caught.value) == (
        "save future.json was made by a newer version of Precursor "
        f"(save format {SAVE_FORMAT + 1}; this version reads format {SAVE_FORMAT}): "
        "update Precursor to open it"
    )


def test_a_save_from_before_counter_based_draws_is_refused_with_a_reason():
    save = to_save(new_game()).model_dump()
    save["format"] = 1
    path = slot_path("old")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(save))
    with pytest.raises(SaveError, match=r"older version of Precursor \(save format 1\).*new game"):
        read_save(path)


def test_a_save_whose_orders_no_longer_fit_the_scenario_is_refused_clearly():
    save = to_save(new_game())
    broken = save.model_copy(
        update={"turns": [save.turns[0].model_copy(update={"orders": {"us": ["gone"]}})]}
    )
    with pytest.raises(SaveError, match="the save does not fit its scenario any more"):
        from_save(broken)


def test_killed_between_write_and_rename_keeps_the_old_save(data_dir):
    game = new_game(1)
    write_save(to_save(game), "autosave")
    before = slot_path("autosave").read_bytes()
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        os.environ["PRECURSOR_DATA_DIR"] = {str(data_dir)!r}
        from game.sim import saves
        from game.sim.session import Game, to_save, from_save
        game = from_save(saves.read_save(saves.slot_path("autosave")))
        game.play_turn({{"us": ["us_blame_mx"]}})
        os.replace = lambda *a: os._exit(9)   # the process dies right before the rename
        saves.write_save(to_save(game), "autosave")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 9, result.stderr
    assert slot_path("autosave").read_bytes() == before
    assert from_save(read_save(slot_path("autosave"))).state.turn == 1
    assert [p.name for p, _ in list_saves()] == ["autosave.json"]


def test_bad_slot_names_are_refused():
    with pytest.raises(SaveError, match="save slot name"):
        slot_path("../escape")


def test_branching_keeps_the_shared_past_and_plays_a_different_future():
    game = new_game(3)
    branch = game.branch(1)
    assert branch.states[1].values == game.states[1].values
    assert len(branch.ledgers) == 1 and branch.state.turn == 1
    branch.play_turn({"us": []})
    assert branch.ledgers[1].orders["us"] == () and game.ledgers[1].orders["us"] == ("us_blame_mx",)
    assert len(game.ledgers) == 3  # the original is untouched
    with pytest.raises(ValueError, match="can branch from turns 0 to 3, not 7"):
        game.branch(7)


def test_a_finished_game_writes_its_log_and_csv(data_dir):
    from game.sim.gamelog import GameLog
    from game.sim.session import write_finished_log

    game = new_game(6)
    json_path, csv_path = write_finished_log(game)
    assert json_path.parent == data_dir / "logs"
    log = GameLog.model_validate_json(json_path.read_text())
    assert log.seed == 11 and len(log.turns) == 6 and log.seats == {"us": "human", "mx": "random"}
    assert log.turns[0].predictions == {"us": {"approval_us": "up"}}
    assert [e.id for e in log.turns[0].events if e.injected] == ["storm"]
    header, first, *_ = csv_path.read_text().splitlines()
    assert header.startswith("Turn,Month (YYYY-MM),U.S. approval (%),")
    assert header.endswith(",Orders: United States,Orders: Mexico")
    assert first.startswith("0,start,")
    assert csv_path.read_text().splitlines()[2] == "1,2023-03,40.3,45.0,8.0,Border surge,Talk"


def write_json(path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)


@pytest.mark.parametrize(
    ("version", "shown"), [(0, "0"), (-1, "-1"), ("1", "'1'"), (1.0, "1.0"), (None, "missing")]
)
def test_a_save_with_format_0_minus_1_or_string_1_is_refused(version, shown):
    save = to_save(new_game(1)).model_dump()
    save["format"] = version
    path = slot_path("odd_format")
    write_json(path, save)
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert str(caught.value) == (
        f"save odd_format.json is not a Precursor save of a known format (format {shown}; "
        f"this version reads format {SAVE_FORMAT})"
    )


def test_a_save_with_a_string_seed_is_refused_not_coerced():
    save = to_save(new_game(1)).model_dump()
    save["seed"] = "11"
    write_json(slot_path("strseed"), save)
    with pytest.raises(SaveError, match=r"save strseed.json is damaged \(seed: Input should be"):
        read_save(slot_path("strseed"))


def test_a_save_with_a_5001_digit_seed_is_damaged_with_its_line():
    text = (
        to_save(new_game(1))
        .model_dump_json(indent=1)
        .replace('"seed": 11', '"seed": ' + "7" * 5001)
    )
    write_json(slot_path("digits"), text)
    with pytest.raises(SaveError) as caught:
        read_save(slot_path("digits"))
    assert str(caught.value).startswith("save digits.json is damaged (a number of 5,001 digits")


def test_a_deeply_nested_save_is_damaged_not_a_recursion_error():
    write_json(slot_path("deep"), '{"turns": ' + "[" * 50_000 + "]" * 50_000 + "}")
    with pytest.raises(SaveError, match=r"save deep.json is damaged \(nested too deeply, line 1\)"):
        read_save(slot_path("deep"))


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_save_that_is_a_symlink_to_dev_zero_is_refused():
    slot_path("x").parent.mkdir(parents=True, exist_ok=True)
    slot_path("zero").symlink_to("/dev/zero")
    with pytest.raises(SaveError) as caught:
        read_save(slot_path("zero"))
    assert str(caught.value) == "save zero.json cannot be opened: it is a device, not a file"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_save_whose_scenario_file_is_a_device_is_refused_at_once(device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    save = to_save(new_game(1)).model_copy(update={"scenario_file": device})
    with pytest.raises(SaveError) as caught:
        from_save(save)
    assert str(caught.value) == (
        f"the save's scenario cannot be loaded: {device}:1: cannot read this scenario: "
        "it is a device, not a file"
    )


def test_orphaned_temporary_files_of_killed_writes_are_cleaned_when_saves_are_listed():
    write_save(to_save(new_game(1)), "kept")
    folder = slot_path("kept").parent
    old = folder / ".autosave.json.k3x_9a2b"
    fresh = folder / ".autosave.json.zz81mm0q"
    unrelated = folder / ".notes.txt"
    for path in (old, fresh, unrelated):
        path.write_text("{")
    long_ago = time.time() - 3600
    os.utime(old, (long_ago, long_ago))
    os.utime(unrelated, (long_ago, long_ago))
    assert [p.name for p, _ in list_saves()] == ["kept.json"]
    assert not old.exists()
    assert fresh.exists() and unrelated.exists()  # a write may be under way; not ours


def test_two_games_autosave_to_two_slots_and_continue_opens_the_newest():
    first, second = new_game(1), new_game(2)
    assert first.game_id != second.game_id
    assert autosave(first) == "" and autosave(second) == ""
    slots = sorted(p.name for p, _ in list_saves())
    assert slots == sorted([f"autosave-{first.game_id}.json", f"autosave-{second.game_id}.json"])
    assert from_save(read_save(latest_autosave())).state.turn == 2
    first.play_turn({"us": []})
    assert autosave(first) == ""  # the first window plays on: its own slot, now the newest
    resumed = from_save(read_save(latest_autosave()))
    assert resumed.game_id == first.game_id and resumed.state.turn == 2
    assert from_save(read_save(slot_path(f"autosave-{second.game_id}"))).state.turn == 2


def test_only_the_newest_autosaves_are_kept():
    for _ in range(saves.KEEP_AUTOSAVES + 3):
        assert autosave(new_game(1)) == ""
    assert len(list(slot_path("x").parent.glob("autosave-*.json"))) == saves.KEEP_AUTOSAVES


def test_the_load_list_survives_links_loops_pipes_folders_and_garbage():
    good = write_save(to_save(new_game(1)), "good")
    folder = good.parent
    (folder / "dangling.json").symlink_to(folder / "nowhere.json")
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "garbage.json").write_bytes(bytes(range(256)) * 3)
    (folder / "folder.json").mkdir()
    (folder / "list.json").write_text("[1, 2, 3]")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.json")
    if os.path.exists("/dev/zero"):
        (folder / "zero.json").symlink_to("/dev/zero")
    listed = dict(list_saves())
    assert not isinstance(listed[good], SaveError)
    damaged = {p.name: str(s) for p, s in listed.items() if isinstance(s, SaveError)}
    assert "dangling.json" in damaged and "which does not exist" in damaged["dangling.json"]
    assert "loops back on itself" in damaged["loop.json"]
    assert "not UTF-8 text" in damaged["garbage.json"]
    assert "a folder" in damaged["folder.json"]
    assert "not a saved game" in damaged["list.json"]
    if hasattr(os, "mkfifo"):
        assert "named pipe" in damaged["pipe.json"]
    assert latest_autosave() is None


def test_two_finished_logs_with_the_same_seed_in_the_same_second_both_survive(monkeypatch):
    from game.sim import session
    from game.sim.gamelog import GameLog

    class Frozen(session.datetime):
        @classmethod
        def now(cls, tz=None):
            return session.datetime(2026, 1, 2, 3, 4, 5, tzinfo=tz)

    monkeypatch.setattr(session, "datetime", Frozen)
    first, second = new_game(2), new_game(3)
    json1, csv1 = session.write_finished_log(first)
    json2, csv2 = session.write_finished_log(second)
    assert json1.name == "20260102-030405_mini_seed11.json" and csv1.stem == json1.stem
    assert json2.name == "20260102-030405_mini_seed11-2.json" and csv2.stem == json2.stem
    assert len(GameLog.model_validate_json(json1.read_text()).turns) == 2
    assert len(GameLog.model_validate_json(json2.read_text()).turns) == 3


def test_write_new_never_overwrites(tmp_path):
    target = tmp_path / "a.json"
    assert saves.write_new(target, "one") == target
    assert saves.write_new(target, "two").name == "a-2.json"
    assert saves.write_new(target, "three").name == "a-3.json"
    assert target.read_text() == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-2.json", "a-3.json", "a.json"]


def test_temporaries_of_autosaves_killed_before_the_rename_are_gone_at_the_next_start(data_dir):
    game = new_game(1)
    assert autosave(game) == ""
    script = textwrap.dedent(
        f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        os.environ["PRECURSOR_DATA_DIR"] = {str(data_dir)!r}
        from game.sim import saves
        from game.sim.session import autosave, load_saved_game
        game = load_saved_game(saves.latest_autosave())
        game.play_turn({{"us": []}})
        os.replace = lambda *a: os._exit(9)   # killed right before the rename
        autosave(game)
        """
    )
    for _ in range(3):
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, timeout=60, check=False
        )
        assert result.returncode == 9, result.stderr
    folder = saves.saves_dir()
    orphans = [p for p in folder.iterdir() if p.name.startswith(".")]
    assert len(orphans) == 3
    long_ago = time.time() - 3600
    for orphan in orphans:
        os.utime(orphan, (long_ago, long_ago))
    assert latest_autosave() == slot_path(f"autosave-{game.game_id}")  # what the title asks
    assert [p.name for p in folder.iterdir()] == [f"autosave-{game.game_id}.json"]
    assert from_save(read_save(latest_autosave())).state.turn == 1
