"""Languages: complete, current catalogs; a glyph for every character; scenarios translate."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from game import i18n
from game.format import translations
from game.format.loader import load_scenario, translation_warnings_of
from game.resources import font_file, locale_folder
from game.tools.cli import main

from .conftest import DATA, ROOT, SCENARIOS

LANGS = ("es", "zh")
# Every scenario the game ships is translated in full into every language (not just the default).
TRANSLATED_SCENARIOS = tuple(sorted(path.name for path in SCENARIOS.glob("*.toml")))


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


def _catalog(language: str):
    path = locale_folder() / language / "LC_MESSAGES" / "precursor.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _extracted_ids() -> set[str]:
    method_map = [("**.py", "python")]
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT / "game"), method_map):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _translations(catalog) -> dict[str, list[str]]:
    found = {}
    for message in catalog:
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            strings = [message.string] if isinstance(message.string, str) else message.string
            found[key] = list(strings)
    return found


# Strings landed by a helper who may not edit the catalogs, waiting for the catalogs' owner to
# extract and translate them (one msgid per line, escapes as in Python; empty when none wait).
PENDING = DATA / "i18n_pending.txt"


def _pending() -> set[str]:
    if not PENDING.exists():
        return set()
    lines = PENDING.read_text(encoding="utf-8").splitlines()
    return {line.encode().decode("unicode_escape") for line in lines if line.strip()}


@pytest.mark.parametrize("language", LANGS)
def test_every_interface_string_in_the_code_is_translated_in_the_catalog(language):
    translated = _translations(_catalog(language))
    done = {k for k, v in translated.items() if all(v)}
    missing = sorted(_extracted_ids() - done - _pending())
    assert missing == [], f"run make i18n and translate these in {language}"


def test_strings_pending_translation_are_still_in_the_code_and_not_yet_translated():
    pending = _pending()
    assert pending <= _extracted_ids(), "remove strings no longer in the code from the list"
    translated = [
        message
        for message in sorted(pending)
        if all(message in _translations(_catalog(language)) for language in LANGS)
    ]
    assert translated == [], f"translated now: remove them from {PENDING.name}"


@pytest.mark.parametrize("language", LANGS)
def test_the_compiled_catalog_matches_its_po_file(language):
    folder = locale_folder() / language / "LC_MESSAGES"
    with (folder / "precursor.mo").open("rb") as handle:
        compiled = _translations(read_mo(handle))
    source = {k: v for k, v in _translations(_catalog(language)).items() if all(v)}
    assert compiled == source, "run make i18n to compile the catalogs"


@pytest.mark.parametrize("language", LANGS)
def test_the_interface_switches_language_and_back(language):
    i18n.set_language(language)
    assert i18n._("Quit") != "Quit"
    i18n.set_language("en")
    assert i18n._("Quit") == "Quit"


def _all_translated_text() -> list[str]:
    found = []
    for language in LANGS:
        for strings in _translations(_catalog(language)).values():
            found.extend(strings)
        for name in TRANSLATED_SCENARIOS:
            scenario = load_scenario(SCENARIOS / name)
            found.extend(scenario.translations.get(language, {}).values())
    for name in TRANSLATED_SCENARIOS:
        found.extend(translations.texts(load_scenario(SCENARIOS / name)).values())
    return found


def test_the_bundled_font_has_a_glyph_for_every_character_the_game_shows():
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame.freetype  # pygame.font's metrics() measures a missing glyph as its box

    pygame.freetype.init()
    characters = sorted({c for text in _all_translated_text() for c in text if c.isprintable()})
    for bold in (False, True):
        font = pygame.freetype.Font(str(font_file(bold)), 16)
        metrics = font.get_metrics("".join(characters))
        missing = [c for c, found in zip(characters, metrics, strict=True) if found is None]
        assert missing == [], "characters without a glyph (run make fonts): " + "".join(missing)


def test_language_names_from_the_environment_and_the_operating_system(monkeypatch):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert i18n.system_language() == "es"
    monkeypatch.setenv("LANGUAGE", "zh_CN:en")
    assert i18n.system_language() == "zh"
    monkeypatch.setenv("LANGUAGE", "fr_FR")
    assert i18n.system_language() == "en"
    assert i18n.normalise("Spanish_Mexico") == "es"
    assert i18n.normalise("zh-Hans") == "zh"
    assert i18n.normalise("") is None


def test_numbers_and_months_follow_the_language():
    i18n.set_language("zh")
    assert i18n.format_month("2023-03") == "2023年3月"
    i18n.set_language("es")
    assert i18n.format_month("2023-03") == "mar 2023"
    assert i18n.format_number(12345.67, 1) == "12,345.7"  # Mexican Spanish groups like English
    i18n.set_language("en")
    assert i18n.format_percent(0.456) == "46%"


def test_an_unknown_language_on_the_command_line_is_refused_in_words(capsys):
    assert main(["play", "--lang", "fr"]) == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def _mini_with(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "mini.toml"
    shutil.copy(DATA / "mini.toml", path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n" + table)
    return path


def test_scenario_text_is_read_in_the_window_language_with_english_as_fallback(tmp_path):
    english = load_scenario(DATA / "mini.toml")
    first_action = next(iter(english.actions))
    path = _mini_with(
        tmp_path,
        f'[translations.es]\n"meta.title" = "Prueba"\n"actions.{first_action}.name" = "Acción"\n',
    )
    i18n.set_language("es")
    spanish = load_scenario(path)
    assert spanish.meta.title == "Prueba"
    assert spanish.actions[first_action].name == "Acción"
    assert spanish.meta.summary == english.meta.summary  # untranslated: English
    i18n.set_language("zh")
    assert load_scenario(path).meta.title == english.meta.title


def test_validate_warns_about_missing_and_unknown_translations_and_still_passes(tmp_path, capsys):
    path = _mini_with(
        tmp_path, '[translations.zh]\n"meta.title" = "测试"\n"actions.no_such.name" = "无"\n'
    )
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "translations.zh.actions.no_such.name: warning: no such text in the scenario" in out
    assert "meta.summary: warning: no zh translation" in out
    assert "meta.title: warning" not in out
    problems = translation_warnings_of(path, load_scenario(path))
    assert all(p.line > 1 for p in problems)


@pytest.mark.parametrize("name", TRANSLATED_SCENARIOS)
@pytest.mark.parametrize("language", LANGS)
def test_every_shipped_scenario_reads_in_the_window_language(name, language):
    scenario = load_scenario(SCENARIOS / name)
    i18n.set_language(language)
    shown = load_scenario(SCENARIOS / name)
    assert shown.meta.title == scenario.translations[language]["meta.title"]
    assert shown.meta.summary not in ("", scenario.meta.summary)


@pytest.mark.parametrize("name", TRANSLATED_SCENARIOS)
def test_every_shipped_scenario_has_every_text_translated_in_spanish_and_chinese(name):
    scenario = load_scenario(SCENARIOS / name)
    assert set(LANGS) <= set(scenario.translations), f"{name} needs [translations.es] and .zh"
    gaps = [f"{path}: {message}" for path, message in translations.warnings(scenario)]
    assert gaps == [], f"{name}: {len(gaps)} gaps, e.g. {gaps[:5]}"


def test_a_texts_table_of_a_claim_counts_as_its_translation():
    from pydantic import BaseModel

    class Claim(BaseModel):
        text: str
        texts: dict[str, str] = {}

    class Doc(BaseModel):
        claims: dict[str, Claim]
        translations: dict[str, dict[str, str]] = {}

    doc = Doc(
        claims={"a": Claim(text="Fentanyl is made in Mexico", texts={"es": "Se hace en México"})},
        translations={"es": {}},
    )
    assert translations.warnings(doc) == []
    assert translations.translated(doc, "es").claims["a"].text == "Se hace en México"


@pytest.mark.parametrize("value", [1e300, -1e300, 1e15])
def test_numbers_too_large_for_babel_are_written_in_scientific_notation(value):
    for text in (i18n.format_number(value, 2), i18n.signed(value), i18n.format_percent(value)):
        assert "e+" in text and text.lstrip("+-").startswith("1")


def test_the_damaged_log_of_fuzz_case_1764_is_refused_or_loaded_never_a_traceback(tmp_path):
    from benchmarks.fuzz_files import bases, cases, check_case, place

    case, kind, data = next(item for item in cases(1764, bases()) if item[0] == 1764)
    path = tmp_path / f"{kind}{case}.json"
    place(data, path, random.Random(-case))
    assert check_case(kind, path, case) in ("loaded", "refused")


@pytest.mark.parametrize(("language", "words"), [("es", "Tus objetivos"), ("zh", "你的目标")])
def test_the_objectives_and_crises_the_turn_screen_shows_follow_the_language(language, words):
    from game.play.newgame import SetupChoices, start_game
    from game.play.objectives import crisis_html, objectives_html

    i18n.set_language(language)
    path = SCENARIOS / "fentanyl_2023.toml"
    game = start_game(load_scenario(path), SetupChoices(path, "us", seed=3))
    shown = objectives_html(game, "us")
    assert words in shown and "points" not in shown and "on track" not in shown
    crisis_id, crisis = next(
        (k, e) for k, e in game.model.scenario.events.items() if e.responder == "us"
    )
    game.inject(crisis_id)
    game.play_turn({"us": []}, {})
    assert crisis_id in game.state.open_crises
    shown = crisis_html(game, "us")
    assert crisis.question in shown and "Choose one response card" not in shown
