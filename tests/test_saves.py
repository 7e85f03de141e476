import json
import subprocess
import sys
import textwrap

import pytest

from game.format.loader import load_scenario
from game.sim.model import Model
from game.sim.players import make_player
from game.sim.saves import SAVE_FORMAT, SaveError, list_saves, read_save, slot_path, write_save
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
    assert from_save(read_save(slot_path("autosave"))).state.values == game.state.values


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
        == "save cut.json is damaged (cut short or overwritten); other saves are unaffected"
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
    assert csv_path.read_text().startswith("turn,date,")
