"""New game setup: scenario, your country, the other seats, difficulty, assumptions, seed."""

from __future__ import annotations

from dataclasses import dataclass

import pygame
import pygame_gui

from game.i18n import _, join_list, ngettext
from game.play.catalog import ScenarioEntry, default_index, list_scenarios
from game.play.newgame import (
    DIFFICULTIES,
    MAX_NAME,
    SetupChoices,
    default_actor,
    random_seed,
    start_game,
)
from game.render.style import PAPER
from game.ui import layout
from game.ui.bindings import labelled
from game.ui.layout import GAP
from game.ui.markup import bold, escape
from game.ui.scene import Scene
from game.ui.words import DIFFICULTY_NAMES

DEFAULT_ASSUMPTIONS = "default"
MAX_HUMANS = 3  # people sharing one machine (hot seat)


@dataclass(frozen=True)
class OptionRow:
    name: str
    label: str
    options: list[tuple[str, str]]  # (text shown, id)
    current: str
    tip: str = ""


class SetupScene(Scene):
    keymap = "setup"

    def __init__(self, app) -> None:
        super().__init__(app)
        options = app.options
        self.entries = list_scenarios(options.scenarios_dir, options.scenario)
        self.selected = default_index(self.entries, options.scenario)
        self.choices: SetupChoices | None = None
        self.dropdowns: dict[pygame_gui.elements.UIDropDownMenu, str] = {}
        self.seed_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.name_entries: dict[pygame_gui.elements.UITextEntryLine, str] = {}  # -> actor
        self._choose_scenario(self.selected, first=True)

    @property
    def entry(self) -> ScenarioEntry:
        return self.entries[self.selected]

    def _choose_scenario(self, index: int, first: bool = False) -> None:
        self.selected = index
        entry = self.entry
        if entry.scenario is None:
            return
        wanted = self.app.options.as_actor if first else None
        seed = self.choices.seed if self.choices else (self.app.options.seed or random_seed())
        self.choices = SetupChoices(entry.path, default_actor(entry.scenario, wanted), seed=seed)

    # layout -------------------------------------------------------------------------------
    def build(self, rect: pygame.Rect) -> None:
        self.dropdowns.clear()
        text = self.app.text
        line = round(text * 2.3)
        margin = max(GAP, min(24, rect.width // 50))
        self.label(layout.rect(margin, 12, rect.width // 2, line + 8), _("New game"), "#heading")
        body_h = rect.height - 2 * line - 56
        split = rect.width // 2
        left = layout.rect(margin, 20 + line, split - 2 * margin, body_h)
        right = layout.rect(split, left.y, rect.width - split - margin, left.height)
        self._build_scenarios(left, line)
        self._build_options(right, line)
        bar = layout.rect(right.x, rect.height - line - 16, right.width, line)
        back_text = labelled("setup", "back", _("Back"))
        start_text = _("Start game  (Enter)")
        back, start = layout.button_bar(bar, [back_text], [start_text], text)
        self.start_button = self.button(
            start,
            start_text,
            "start",
            object_id="#primary",
            tip=_("Begin with these choices"),
        )
        self.button(back, back_text, "back")
        if self.entry.broken:
            self.start_button.disable()
        self.ring.focus("start")

    def _build_scenarios(self, area: pygame.Rect, line: int) -> None:
        self.label(pygame.Rect(area.x, area.y, area.width, line), _("Scenario"), "#category")
        list_height = min(len(self.entries) * (line + 6) + 6, area.height // 3)
        scroller = pygame_gui.elements.UIScrollingContainer(
            pygame.Rect(area.x, area.y + line, area.width, list_height),
            self.app.manager,
            container=self.root,
            allow_scroll_x=False,
        )
        for i, entry in enumerate(self.entries):
            text = (
                _("BROKEN: {file}").format(file=entry.path.name)
                if entry.broken
                else _("{title}  ({months} months)").format(
                    title=entry.title, months=entry.scenario.meta.turns
                )
            )
            button = self.button(
                pygame.Rect(0, i * (line + 6), area.width - 24, line),
                text,
                f"scenario:{i}",
                object_id="#scenario",
                container=scroller,
                tip=str(entry.path),
            )
            if i == self.selected:
                button.select()
        scroller.set_scrollable_area_dimensions((area.width - 24, len(self.entries) * (line + 6)))
        top = area.y + line + list_height + 8
        bottom = area.bottom
        if self.entry.broken:
            bottom -= line + 8
            report_text = labelled("setup", "report", _("Full report"))
            report = layout.label_width(report_text, self.app.text)
            self.button(
                layout.rect(area.x, bottom + 8, min(report, area.width), line),
                report_text,
                "report",
            )
        self.text_box(pygame.Rect(area.x, top, area.width, bottom - top), self._describe())

    def _describe(self) -> str:
        entry = self.entry
        if entry.scenario is None:
            heading = _("{file} cannot be played.").format(file=escape(entry.path.name))
            count = ngettext(
                "{n} problem in all. Press R for the full report.",
                "{n} problems in all. Press R for the full report.",
                len(entry.problems),
            ).format(n=len(entry.problems))
            return f"<b>{heading}</b><br><br>{escape(entry.first_problem)}<br><br>{count}"
        scenario = entry.scenario
        actors = join_list(a.name for a in scenario.actors.values())
        return (
            f"<b>{escape(scenario.meta.title)}</b><br>{escape(scenario.meta.summary)}<br><br>"
            + bold(_("Length:"))
            + f" {entry.length}<br>"
            + bold(_("Governments:"))
            + f" {escape(actors)}<br>"
            + bold(_("File:"))
            + f" {escape(str(entry.path))}"
        )

    def _rows(self) -> list[OptionRow]:
        scenario, choices = self.entry.scenario, self.choices
        if scenario is None or choices is None:
            return []
        actors = scenario.actors
        rows = [
            OptionRow(
                "actor",
                _("Your country"),
                [(a.name, k) for k, a in actors.items()],
                choices.actor,
                _("The government you play"),
            )
        ]
        for actor_id, actor in actors.items():
            if actor_id != choices.actor:
                rows.append(
                    OptionRow(
                        f"seat:{actor_id}",
                        actor.name,
                        [(_("Computer"), "computer"), (_("Human (hot seat)"), "human")],
                        choices.seat_of(actor_id),
                        _("Who plays this government"),
                    )
                )
        rows.append(
            OptionRow(
                "difficulty",
                _("Computer difficulty"),
                [(_(DIFFICULTY_NAMES.get(d, d)), d) for d in DIFFICULTIES],
                choices.difficulty,
                _("How well the computer governments play"),
            )
        )
        predicting = choices.predicting(list(actors))
        rows.append(
            OptionRow(
                "predict",
                _("Predict first"),
                [(_("On"), "on"), (_("Off"), "off")],
                "on" if predicting else "off",
                _(
                    "Before ending a turn each person predicts whether one meter goes up or "
                    "down; the debrief scores the predictions (on by default for hot seat)"
                ),
            )
        )
        sets = [(_("Scenario defaults"), DEFAULT_ASSUMPTIONS)] + [
            (a.label, k) for k, a in scenario.assumptions.items()
        ]
        tip = "<br>".join(
            f"<b>{escape(a.label)}</b>: {escape(a.description)}"
            for a in scenario.assumptions.values()
        )
        rows.append(
            OptionRow(
                "assumptions",
                _("Assumptions"),
                sets,
                choices.assumptions or DEFAULT_ASSUMPTIONS,
                tip or _("This scenario has one set of facts"),
            )
        )
        return rows

    def _build_options(self, area: pygame.Rect, line: int) -> None:
        self.name_entries.clear()
        self.label(
            pygame.Rect(area.x, area.y, area.width, line), _("Players and rules"), "#category"
        )
        y = area.y + line
        label_width = area.width * 2 // 5
        for row in self._rows():
            self.label(pygame.Rect(area.x, y, label_width - 8, line), row.label)
            text = next(t for t, k in row.options if k == row.current)
            width = area.width - label_width
            person = self._person_of(row)
            if person:
                width = width * 11 // 20
            dropdown = pygame_gui.elements.UIDropDownMenu(
                row.options,
                (text, row.current),
                pygame.Rect(area.x + label_width, y, width, line),
                self.app.manager,
                container=self.root,
            )
            dropdown.set_tooltip(row.tip + "<br>" + _("(Left/Right to change)"))
            self.dropdowns[dropdown] = row.name
            self.ring.add(dropdown, f"opt:{row.name}")
            if person:
                x = area.x + label_width + width + GAP
                self._name_entry(pygame.Rect(x, y, area.right - x, line), person)
            y += line + 8
        if self.choices is None:
            return
        self.label(pygame.Rect(area.x, y, label_width - 8, line), _("Seed (share it)"))
        seed_box = layout.rect(area.x + label_width, y, area.width - label_width, line)
        new_seed_text = labelled("setup", "new_seed", _("New seed"))
        new_w = min(layout.label_width(new_seed_text, self.app.text), seed_box.width // 2)
        entry = layout.rect(seed_box.x, y, seed_box.width - new_w - GAP, line)
        new_seed = layout.rect(seed_box.right - new_w, y, new_w, line)
        self.seed_entry = pygame_gui.elements.UITextEntryLine(
            entry,
            self.app.manager,
            container=self.root,
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text(str(self.choices.seed))
        self.ring.add(self.seed_entry, "seed")
        self.button(new_seed, new_seed_text, "new_seed")

    def _person_of(self, row: OptionRow) -> str:
        """The government a person plays in this row ('' for rows that are not a person's)."""
        if row.name == "actor":
            return row.current
        if row.name.startswith("seat:") and row.current == "human":
            return row.name[5:]
        return ""

    def _name_entry(self, rect: pygame.Rect, actor: str) -> None:
        """Where the person playing ``actor`` types a name (kept in the game log)."""
        entry = pygame_gui.elements.UITextEntryLine(
            rect,
            self.app.manager,
            container=self.root,
            placeholder_text=_("Player's name"),
        )
        entry.set_text_length_limit(MAX_NAME)
        if self.choices is not None:
            entry.set_text(self.choices.player_names.get(actor, ""))
        entry.set_tooltip(_("The name of the person playing this government (Enter to type)"))
        self.name_entries[entry] = actor
        self.ring.add(entry, f"name:{actor}")

    def typing(self) -> pygame_gui.elements.UITextEntryLine | None:
        """The text entry the keyboard is typing into, if any."""
        for entry in (self.seed_entry, *self.name_entries):
            if entry is not None and entry.is_focused:
                return entry
        return None

    # commands -----------------------------------------------------------------------------
    def on_command(self, command: str) -> None:
        if command == "start":
            self._start()
        elif command == "back":
            self.dismiss(None)
        elif command == "report":
            self._report()
        elif command == "new_seed" and self.choices:
            self.choices.seed = random_seed()
            self.rebuild()
        elif command == "seed" and self.seed_entry is not None:
            self.seed_entry.focus()
        elif command.startswith("name:"):
            self.ring.element.focus()
        elif command.startswith("scenario:"):
            self._choose_scenario(int(command.split(":")[1]))
            self.rebuild()
            self.ring.focus(command)
        elif command.startswith("opt:"):
            self._adjust(command[4:], 1)

    def _adjust(self, name: str, delta: int) -> None:
        row = next((r for r in self._rows() if r.name == name), None)
        if row is None:
            return
        ids = [k for _, k in row.options]
        self._set_option(name, ids[(ids.index(row.current) + delta) % len(ids)])

    def _set_option(self, name: str, value: str) -> None:
        choices = self.choices
        if choices is None:
            return
        if name == "actor":
            choices.seats.pop(value, None)
            choices.actor = value
        elif name.startswith("seat:"):
            actors = list(self.entry.scenario.actors) if self.entry.scenario else []
            if value == "human" and choices.humans(actors) >= MAX_HUMANS:
                value = "computer"
            choices.seats[name[5:]] = value
        elif name == "predict":
            choices.predict = value
        elif name == "difficulty":
            choices.difficulty = value
        elif name == "assumptions":
            choices.assumptions = "" if value == DEFAULT_ASSUMPTIONS else value
        self.rebuild()
        self.ring.focus(f"opt:{name}")

    def _start(self) -> None:
        scenario, choices = self.entry.scenario, self.choices
        if scenario is None or choices is None:
            return
        game = start_game(scenario, choices)
        predict = choices.predicting(list(scenario.actors))
        self.app.show("briefing", game, predict)

    def _report(self) -> None:
        if not self.entry.broken:
            return
        body = "<br>".join(escape(p) for p in self.entry.problems)
        title = _("Problems in {file}").format(file=self.entry.path.name)
        self.app.open("message", title, body)

    # events -------------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if (
            event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED
            and event.ui_element in self.dropdowns
        ):
            self._set_option(self.dropdowns[event.ui_element], event.selected_option_id)
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.seed_entry:
            if event.text.isdigit() and self.choices:
                self.choices.seed = int(event.text)
            return True
        named = (
            event.type
            in (
                pygame_gui.UI_TEXT_ENTRY_CHANGED,
                pygame_gui.UI_TEXT_ENTRY_FINISHED,
            )
            and event.ui_element in self.name_entries
        )
        if named and event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            if self.choices is not None:
                self.choices.player_names[self.name_entries[event.ui_element]] = event.text
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.seed_entry:
            self.seed_entry.unfocus()
            self.ring.focus("start")
            return True
        if (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and event.ui_element in self.name_entries
        ):
            event.ui_element.unfocus()
            self.ring.move(1)
            return True
        return super().process_event(event)

    def close_dropdowns(self) -> bool:
        """Close any open option list; True when one was open (Esc then does nothing else)."""
        opened = [d for d in self.dropdowns if d.current_state is d.menu_states["expanded"]]
        for dropdown in opened:
            dropdown.current_state.should_transition = True
        if opened:
            self.app.invalidate()
        return bool(opened)

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_ESCAPE and self.close_dropdowns():
            return True
        typing = self.typing()
        if typing is not None:
            if event.key in (pygame.K_TAB, pygame.K_ESCAPE):
                typing.unfocus()
                self.ring.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            return False
        current = self.ring.current
        if current.startswith("opt:") and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self._adjust(current[4:], 1 if event.key == pygame.K_RIGHT else -1)
            return True
        return super().on_key(event)

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(PAPER)
