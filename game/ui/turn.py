"""The turn screen: map, meters, chart, news, action cards with forecast, End Turn.

Rules:
- The month's flow (cover, answers, orders, the empty-orders question, prediction, reveal,
  the end) is ``game.play.flow.TurnFlow``; this scene draws its phase and sends it commands.
  ``sync`` is the one place that shows what a phase needs (a pop-up, the resolution, the
  debrief); a pop-up's answer goes back to the flow, then ``sync`` runs again.
- Other screens are asked for by name (``app.open("resolution", ...)``), never imported.
- Panels are built in ``build`` (``_build_*``, one per panel) and updated in place
  (``_update_cards``, ``detail_box.set_text``): a card toggle rebuilds nothing.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from game.format.schema import Category
from game.i18n import N_, _, format_month, join_list, ngettext, signed
from game.play.classroom import inject_events
from game.play.debate import needs_answers
from game.play.flow import Phase, TurnFlow
from game.play.forecast import Forecast, forecast
from game.play.insight import meter_variables, shown_variables
from game.play.objectives import card_groups, crisis_html, objectives_html
from game.render.charts import ChartData, Marker, draw_chart
from game.render.style import (
    CARD,
    INK,
    MUTED,
    PAPER,
    RULE,
    blit_text,
    fit_text,
    font,
    format_value,
    wrap_text,
)
from game.sim.session import Game, autosave, write_finished_log
from game.ui.arguments import ask_answers, ask_claim, open_debate_view, pending_html
from game.ui.bindings import labelled
from game.ui.layout import GAP, TurnLayout, turn_layout
from game.ui.mapview import MapView
from game.ui.markup import bold, escape, keep_bullets
from game.ui.meters import draw_meter
from game.ui.news import news_html
from game.ui.saveload import save_game
from game.ui.scene import Scene, ease

CATEGORY_TITLES = {
    Category.sanctions: N_("Sanctions"),
    Category.diplomacy: N_("Diplomacy"),
    Category.blame: N_("Blame"),
    Category.domestic: N_("Domestic measures"),
}


def months_text(count: int) -> str:
    return ngettext("{n} month", "{n} months", count).format(n=count)


class TurnScene(Scene):
    """The month's decisions: map, meters, chart, news, action cards and End Turn."""

    animation_seconds = 0.8
    keymap = "turn"

    def __init__(
        self, app, game: Game, predict: bool | None = None, original: Game | None = None
    ) -> None:
        super().__init__(app)
        self.game = game
        self.original = original  # the game this one branched from, drawn in its debrief
        self.flow = TurnFlow(
            game,
            predict=len(game.human_actors) > 1 if predict is None else predict,
            confirm_empty=app.settings.confirm_empty_end_turn,
            needs_answers=needs_answers,
        )
        self.save_problem = autosave(game)  # Continue works even before the first month ends
        self.model = game.model
        self.meters = meter_variables(self.model)
        self.chartable = shown_variables(self.model)
        self.chart_variable = self.meters[0] if self.meters else self.chartable[0]
        self.map_view = MapView(self.model.scenario)
        self.anim = 1.0
        self.forecast: Forecast | None = None
        self.cards: dict[str, pygame_gui.elements.UIButton] = {}
        self.card_lines: dict[str, tuple[str, ...]] = {}
        self.card_title_lines: dict[str, int] = {}
        self.layout: TurnLayout | None = None
        self._started = False
        self._month = game.state.turn  # the month the panels show
        self._built_for = ""  # the seat the cards were built for
        self._detail_shown = ""  # the orders box's text

    # who and what ---------------------------------------------------------------------------
    @property
    def actor(self) -> str:
        return self.flow.actor

    @property
    def seat(self) -> int:
        return self.flow.seat

    @property
    def chosen(self) -> dict[str, list[str]]:
        return self.flow.orders

    @property
    def viewer(self) -> str:
        """Whose press the news is framed for: the seat playing now."""
        return self.actor

    def my_orders(self) -> list[str]:
        return self.flow.my_orders()

    def capital_left(self) -> float:
        return self.flow.capital_left()

    def shown_value(self, variable: str) -> float:
        """The value drawn now: between last month's and this month's while animating."""
        states = self.game.states
        now = states[-1].value(variable)
        if self.anim >= 1.0 or len(states) < 2:
            return now
        before = states[-2].value(variable)
        return before + (now - before) * ease(self.anim)

    def change(self, variable: str) -> float:
        ledgers = self.game.ledgers
        return ledgers[-1].change(variable) if ledgers else 0.0

    def info(self, variable: str):
        return self.model.variables[self.model.variable_position[variable]]

    @property
    def animating(self) -> bool:  # type: ignore[override]
        return self.anim < 1.0

    # layout -------------------------------------------------------------------------------
    def build(self, rect: pygame.Rect) -> None:
        self.layout = layout = turn_layout(
            rect.size, self.app.text, len(self.meters), self.map_view.aspect
        )
        self._built_for = self.actor
        self.end_button = self.button(
            layout.end_turn,
            labelled("turn", "end_turn", _("End Turn")),
            "end_turn",
            object_id="#end_turn",
            tip=_("Send your orders; all governments' orders are revealed together"),
        )
        self._build_top(layout)
        self._build_cards(layout)
        self._detail_shown = self._detail_html()
        self.detail_box = self.text_box(layout.detail, self._detail_shown, name="orders", main=True)
        for variable, meter_rect in zip(self.meters, layout.meters, strict=False):
            info = self.info(variable)
            tip = f"<b>{escape(info.label)}</b><br>{escape(info.description)}<br>" + _(
                "Click or Enter: why it changed"
            )
            self.button(meter_rect, "", f"meter:{variable}", object_id="#meter", tip=tip)
        self._build_chart_picker(layout)
        self.text_box(layout.news, news_html(self.game, self.viewer), name="news")
        self.ring.focus("end_turn")

    def _build_top(self, layout: TurnLayout) -> None:
        self.button(layout.help_button, _("Help  (F1)"), "help", focusable=False)
        self.button(layout.menu_button, _("Menu  (Esc)"), "menu", focusable=False)
        if self.game.state.debate is not None:
            self.button(self._debate_button(layout), _("Debate  (D)"), "debate", focusable=False)

    def _debate_button(self, layout: TurnLayout) -> pygame.Rect:
        return layout.help_button.move(-layout.help_button.width - GAP, 0)

    def _leftmost_top_button(self, layout: TurnLayout) -> pygame.Rect:
        if self.game.state.debate is not None:
            return self._debate_button(layout)
        return layout.help_button

    def _build_chart_picker(self, layout: TurnLayout) -> None:
        options = [(self.info(v).label, v) for v in self.chartable]
        current = (self.info(self.chart_variable).label, self.chart_variable)
        self.chart_picker = pygame_gui.elements.UIDropDownMenu(
            options,
            current,
            layout.chart_picker,
            self.app.manager,
            container=self.root,
            expansion_height_limit=layout.chart.height + layout.news.height,
        )
        self.chart_picker.set_tooltip(_("Chart any variable since the start (C / Shift+C)"))

    def _sync_chart_picker(self) -> None:
        """After the chart changed elsewhere (the Why panel, C): the picker shows it too."""
        picker = getattr(self, "chart_picker", None)
        if self.root is None or self.layout is None or picker is None:
            return
        if picker.selected_option[1] != self.chart_variable:
            picker.kill()
            self._build_chart_picker(self.layout)
            self.app.invalidate()

    def _build_cards(self, layout: TurnLayout) -> None:
        self.cards.clear()
        self.card_lines.clear()
        area, line = layout.cards, layout.line
        self.scroller = pygame_gui.elements.UIScrollingContainer(
            area, self.app.manager, container=self.root, allow_scroll_x=False
        )
        width = area.width - 24
        y = 0
        for title, actions in card_groups(self.game, self.actor, CATEGORY_TITLES):
            self.label(
                pygame.Rect(0, y, width, line), _(title), "#category", container=self.scroller
            )
            y += line
            for action_id in actions:
                lines = self.card_text(action_id, width - 20)
                height = line + round((len(lines) - 1) * (self.app.text + 6))
                button = self.button(
                    pygame.Rect(0, y, width, height),
                    "",
                    f"card:{action_id}",
                    object_id="#card",
                    container=self.scroller,
                    when_greyed=True,
                )
                self.cards[action_id] = button
                y += height + 4
            y += 6
        self.scroller.set_scrollable_area_dimensions((width, max(y, 1)))
        self._update_cards()

    def card_text(self, action_id: str, width: int, room: int = 6) -> tuple[str, ...]:
        """The card's lines: its title (up to three lines), then cost, cooldown and, when it
        cannot be ordered now, why (the engine's own check, in words; up to three lines)."""
        action = self.model.action(action_id)
        ordered = action_id in self.my_orders()
        lines = wrap_text(self.card_title(action_id, ordered), self.app.text, width, 3)
        facts = [_("cost {cost}").format(cost=f"{action.cost:g}")]
        if action.cooldown:
            facts.append(_("cooldown {months}").format(months=months_text(action.cooldown)))
        problem = "" if ordered else self.order_problem(action_id)
        if problem:  # greyed: why first (the cost is in it when the cost is why)
            too_dear = action.cost > self.capital_left() + 1e-9
            facts = [problem] if too_dear else [facts[0], problem]
        detail_room = max(1, min(3, room - len(lines)))  # ``room``: lines the card holds
        details = wrap_text("  ·  ".join(facts), self.app.text - 2, width, detail_room)
        self.card_title_lines[action_id] = len(lines)
        self.card_lines[action_id] = (*lines, *details)
        return self.card_lines[action_id]

    def _update_cards(self) -> None:
        """Each card's state, tooltip and text in place (no rebuild: the list keeps its
        scroll position and the focus stays where it is)."""
        chosen = self.my_orders()
        for action_id, button in self.cards.items():
            ordered = action_id in chosen
            width = button.relative_rect.width - 20
            step = self.app.text + 6
            room = 1 + round((button.relative_rect.height - self.layout.line) / step)
            self.card_text(action_id, width, room)
            button.set_tooltip(self._card_tip(action_id))
            if ordered:
                button.select()
            else:
                button.unselect()
            if ordered or not self.order_problem(action_id):
                button.enable()
            else:
                button.disable()

    def card_title(self, action_id: str, ordered: bool) -> str:
        """'[x] Name vs Target': the target's short name, unless the name already says it."""
        action = self.model.action(action_id)
        target = self.model.scenario.actors.get(action.target or "")
        suffix = ""
        if target is not None:
            names = {target.name.lower(), (target.short or target.name).lower()}
            if not any(n and n in action.name.lower() for n in names):
                suffix = _(" vs {target}").format(target=target.short or target.name)
        mark = "[x]" if ordered else "[  ]"
        return f"{mark} {action.name}{suffix}"

    def _card_tip(self, action_id: str) -> str:
        action = self.model.action(action_id)
        terms = _("cost {cost}").format(cost=f"{action.cost:g}")
        if action.cooldown:
            terms += ", " + _("cooldown {months}").format(months=months_text(action.cooldown))
        tip = (
            f"<b>{escape(action.name)}</b> ({terms})<br>"
            f'<i>"{escape(action.statement)}"</i><br>{escape(action.description)}'
        )
        problem = "" if action_id in self.my_orders() else self.order_problem(action_id)
        if problem:
            tip += "<br>" + bold(_("Not now:")) + f" {escape(problem)}"
        return tip

    # text ---------------------------------------------------------------------------------
    def _detail_html(self) -> str:
        parts = [self._notes_html(), self._orders_summary()]
        focused = self.ring.current
        if focused.startswith("card:"):
            action = self.model.action(focused[5:])
            problem = "" if focused[5:] in self.my_orders() else self.order_problem(focused[5:])
            why_not = bold(_("Not now:")) + f" {escape(problem)}<br>" if problem else ""
            cost = _("cost {cost}").format(cost=f"{action.cost:g}")
            parts.append(
                f"<b>{escape(action.name)}</b> ({cost})<br>{why_not}"
                f'<i>"{escape(action.statement)}"</i> {escape(action.description)}'
            )
        parts.append(self._forecast_html())
        return "<br>".join(p for p in parts if p)

    def _notes_html(self) -> str:
        notes = [
            crisis_html(self.game, self.actor),
            objectives_html(self.game, self.actor),
        ]
        notes += [
            bold(_("Inject queued:"))
            + " "
            + _("{event} (fires next month)").format(event=escape(self.model.event(e).name))
            for e in self.game.state.pending_injects
        ]
        if self.save_problem:
            notes.append(bold(_("Autosave failed:")) + f" {escape(self.save_problem)}")
        return "<br>".join(n for n in notes if n)

    def _orders_summary(self) -> str:
        names = [self.model.action(a).name for a in self.my_orders()]
        listed = join_list(escape(n) for n in names) if names else _("nothing yet")
        case = pending_html(self.game, self.flow.moves.get(self.actor, []))
        return bold(_("Your orders:")) + f" {listed}" + (f"<br>{case}" if case else "")

    def _forecast_html(self) -> str:
        result = self.forecast
        if result is None or not self.my_orders():
            return bold(_("Advisers:")) + " " + _("choose actions to see their forecast.")
        if result.problems:
            return bold(_("Advisers:")) + " " + escape("; ".join(result.problems))
        lines = []
        for variable, (next_month, later) in result.effects.items():
            info = self.info(variable)
            if round(next_month, info.decimals) == 0 and round(later, info.decimals) == 0:
                continue
            low, high = result.ranges.get(variable, (later, later))
            spread = (
                " "
                + _("(range {low} to {high})").format(
                    low=signed(low, info.decimals), high=signed(high, info.decimals)
                )
                if round(high - low, info.decimals)
                else ""
            )
            change = _("{next} next month, {later} in {months}").format(
                next=signed(next_month, info.decimals),
                later=signed(later, info.decimals),
                months=months_text(result.months),
            )
            lines.append(f"- {escape(info.label)}: {change}{spread}")
        if not lines:
            lines = ["- " + _("no visible effect on the meters within three months")]
        return (
            bold(_("Advisers' forecast"))
            + " "
            + _("(vs. ordering nothing; others assumed idle):")
            + " "
            + _("ranges over {runs} runs with other chance events and assumptions").format(
                runs=result.members
            )
            + "<br>"
            + "<br>".join(lines)
        )

    def _refresh_forecast(self) -> None:
        orders = self.my_orders()
        if not orders:
            self.forecast = None
            return
        self.forecast = forecast(self.game.state, self.actor, orders, self.meters)

    # the flow -----------------------------------------------------------------------------
    def resume(self) -> None:
        super().resume()
        self._sync_chart_picker()
        if not self._started:
            self._started = True
            self.sync()  # first shown: a cover first, when several people play

    def sync(self) -> None:
        """Show what the flow's phase needs; the one place phases become screens."""
        flow = self.flow
        choosing = flow.phase in (Phase.COVER, Phase.ANSWERS, Phase.ORDERS)
        if choosing and self._month != self.game.state.turn:  # a new month: animate to it
            self._month = self.game.state.turn
            self.anim = 0.0
            self.clear_widgets()
        match flow.phase:
            case Phase.COVER:
                name = self.model.scenario.actors[self.actor].name
                note = "" if flow.seat else _("A new month: the first player chooses.")
                self.clear_widgets()  # nothing of the last seat's choices under the cover
                self.app.open("cover", name, note, on_result=lambda _: self._send(flow.ready))
            case Phase.ANSWERS:
                ask_answers(self, lambda moves: self._send(flow.answered, moves))
            case Phase.ORDERS:
                self._refresh_forecast()
                if self.root is None or self._built_for != self.actor:
                    self.rebuild()
                self._focus_first("card:")
                self._after_focus_move()
            case Phase.CONFIRM_EMPTY:
                self._ask_empty_end_turn()
            case Phase.PREDICTION:
                self._ask_prediction()
            case Phase.REVEAL:
                self.save_problem = autosave(self.game)
                self.app.open(
                    "resolution",
                    self.game,
                    flow.ledger,
                    self.game.human_actors[0],
                    on_result=lambda _: self._send(flow.revealed),
                )
            case Phase.OVER:
                self._to_debrief()

    def _send(self, command, *args) -> None:
        """A command to the flow, then show its new phase."""
        command(*args)
        self.sync()

    # commands -----------------------------------------------------------------------------
    def on_command(self, command: str) -> None:
        if command == "end_turn":
            self.end_turn()
        elif command.startswith("card:"):
            self.toggle(command[5:])
            if command[5:] in self.my_orders():  # a blame card: which claim, which evidence
                ask_claim(self, command[5:], self._debate_changed)
        elif command.startswith("meter:"):
            self.open_why(command[6:])
        elif command == "why":
            self.open_why(self.chart_variable)
        elif command == "debate" and self.flow.phase is Phase.ORDERS and self.game.state.debate:
            open_debate_view(self, self._debate_changed)
        elif command in ("chart_next", "chart_previous"):
            self.cycle_chart(1 if command == "chart_next" else -1)
        elif command == "save":
            save_game(self.app, self.game)
        elif command == "inject":
            self.open_injects()
        elif command == "menu":
            extra = [
                (_("Save game  (Ctrl+S)"), "save"),
                (_("Instructor inject  (Ctrl+I)"), "inject"),
            ]
            self.app.open("menu", extra, on_result=self.on_menu)
        elif command == "help":
            self.app.open("help")
        self._after_focus_move()

    def on_key_command(self, command: str) -> bool:
        if command == "cards":
            self._focus_first("card:")
        elif command == "meters":
            self._focus_first("meter:")
        elif command == "orders":
            self.ring.focus("text:orders")
        else:
            used = super().on_key_command(command)
            self._after_focus_move()
            return used
        self._after_focus_move()
        return True

    def order_problem(self, action_id: str) -> str:
        """Why the engine would not accept this card on top of the orders so far ('' if it
        would)."""
        return self.flow.problem(action_id)

    def can_order(self, action_id: str) -> bool:
        return not self.order_problem(action_id)

    def toggle(self, action_id: str) -> None:
        if self.flow.phase is not Phase.ORDERS or not self.flow.toggle(action_id):
            return
        self._debate_changed()

    def _debate_changed(self) -> None:
        """Orders or debate moves changed: cards, forecast and the orders text follow."""
        self._refresh_forecast()
        if self.root is not None:
            self._update_cards()
            self._show_detail()
        self.app.invalidate()

    def end_turn(self) -> None:
        if self.flow.phase is Phase.ORDERS:
            self._send(self.flow.end_orders)

    def _ask_empty_end_turn(self) -> None:
        name = self.model.scenario.actors[self.actor].name
        html = _(
            "{government} has ordered nothing this month. Political capital you do not spend "
            "is saved (up to a limit), but the other governments act anyway.<br><br>Press "
            "<b>Y</b> (or click) to end the month with no orders; Enter or Esc goes back to "
            "the cards."
        ).format(government=escape(name))
        self.app.open(
            "confirm",
            _("End the month with no orders?"),
            html,
            _("End the month"),
            _("Go back to the cards"),
            never_again=_("End it, and don't ask again"),
            on_result=self._empty_answer,
        )

    def _empty_answer(self, answer: object) -> None:
        if answer == "never":
            self.app.settings.confirm_empty_end_turn = False
            self.app.settings.save()
            self.flow.confirm_empty = False
        self._send(self.flow.confirm, answer in (True, "never"))

    def _ask_prediction(self) -> None:
        variable = self.flow.prediction_variable
        info = self.info(variable)
        value = format_value(self.game.state.value(variable), info.decimals, info.unit)
        name = self.model.scenario.actors[self.actor].name
        self.app.open(
            "predict",
            info.label,
            value,
            name,
            on_result=lambda direction: self._send(self.flow.predicted, direction),
        )

    def _to_debrief(self) -> None:
        try:
            logs: Path | str = write_finished_log(self.game)[0].parent
        except OSError as error:
            logs = _("the game log could not be written: {reason}").format(
                reason=error.strerror or error
            )
        self.app.show("debrief", self.game, self.original, logs)

    def open_injects(self) -> None:
        choices = inject_events(self.game)
        note = (
            _("Queue an event for the coming month; it fires when the turn ends.")
            if choices
            else _("This scenario has no instructor injects.")
        )
        self.app.open(
            "choice",
            _("Instructor inject"),
            [(n, e) for e, n in choices],
            note,
            on_result=self._injected,
        )

    def _injected(self, event_id: str | None) -> None:
        if event_id:
            self.game.inject(event_id)
            self._show_detail()
            self.app.invalidate()

    def open_why(self, variable: str) -> None:
        self.chart_variable = variable
        self.app.open("why", self.game, variable, self.meters)

    def on_menu(self, result: str | None) -> None:
        if result == "save":
            self.on_command("save")
        elif result == "inject":
            self.open_injects()
        elif result == "title":
            self.app.show("title")
        elif result == "quit":
            self.app.quit()

    # events -------------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is getattr(
            self, "chart_picker", None
        ):
            self.chart_variable = event.selected_option_id
            self.app.invalidate()
            return True
        return super().process_event(event)

    def _focus_first(self, prefix: str) -> None:
        for i, (_element, command) in enumerate(self.ring.items):
            if command.startswith(prefix) and self.ring.focusable(i):
                self.ring.index = i
                return

    def _after_focus_move(self) -> None:
        """Keep the focused card in view and describe it."""
        element = self.ring.element
        if self.app.top is not self:
            return  # covered (the resolution, a pop-up): it is described again when shown
        if element is not None and self.ring.current.startswith("card:"):
            _scroll_into_view(self.scroller, element)
        self._show_detail()

    def _show_detail(self) -> None:
        """The orders box, when its text changed (a text box is laid out anew on every
        ``set_text``, which takes tens of milliseconds)."""
        if self.root is None or not hasattr(self, "detail_box"):
            return
        html = self._detail_html()
        if html != self._detail_shown:
            self._detail_shown = html
            self.detail_box.set_text(keep_bullets(html))

    def cycle_chart(self, delta: int) -> None:
        index = self.chartable.index(self.chart_variable)
        self.chart_variable = self.chartable[(index + delta) % len(self.chartable)]
        self._sync_chart_picker()

    # frame --------------------------------------------------------------------------------
    def moving_rects(self) -> list[pygame.Rect]:
        """While the month animates: the map, the meters and the chart."""
        layout = self.layout
        if layout is None or self.root is None:
            return []
        meters = layout.meters[0].unionall(layout.meters[1:]) if layout.meters else None
        return [r for r in (layout.map, meters, layout.chart) if r is not None and r.width]

    def draw(self, surface: pygame.Surface) -> None:
        """Only what meets the surface's clip is drawn (``moving_rects`` redraws a part)."""
        layout = self.layout
        clip = surface.get_clip()
        if layout is None or not (layout.map.contains(clip) or layout.chart.contains(clip)):
            surface.fill(PAPER)  # (the map and the chart cover their own areas)
        if layout is None:
            return
        if clip.colliderect(layout.top.inflate(0, 2)):
            self._draw_top(surface, layout)
        text = self.app.text
        if clip.colliderect(layout.map):
            self.map_view.draw(surface, layout.map, self.shown_value, self._unit_info, text)
            pygame.draw.rect(surface, RULE, layout.map, 1)
        for variable, rect in zip(self.meters, layout.meters, strict=False):
            if not clip.colliderect(rect):
                continue
            focused = self.ring.current == f"meter:{variable}"
            draw_meter(
                surface,
                rect,
                self.info(variable),
                self.shown_value(variable),
                self.change(variable),
                text,
                focused or variable == self.chart_variable,
            )
        if clip.colliderect(layout.chart):
            draw_chart(surface, layout.chart, self.chart_data(), text)

    def _unit_info(self, variable: str) -> tuple[str, int, float]:
        info = self.info(variable)
        return info.unit, info.decimals, info.initial

    def draw_over(self, surface: pygame.Surface) -> None:
        """Card titles (wrapped, so none is cut), then the focus outline."""
        if self.root is not None and self.cards:
            self._draw_card_titles(surface)
        super().draw_over(surface)

    def _draw_card_titles(self, surface: pygame.Surface) -> None:
        view = self.scroller.get_abs_rect().copy()
        bar = self.scroller.vert_scroll_bar
        if bar is not None and getattr(self.scroller, "vert_scroll_bar_active", False):
            view.width -= bar.relative_rect.width
        clip = surface.get_clip()
        size = self.app.text
        for action_id, button in self.cards.items():
            rect = button.get_abs_rect()
            visible = rect.clip(view).clip(clip)  # within the clip the window drew with
            if not visible.height:
                continue
            surface.set_clip(visible)
            colour = CARD if button.is_selected else INK if button.is_enabled else MUTED
            lines = self.card_lines[action_id]
            step = size + 6
            y = rect.centery - (len(lines) - 1) * step // 2
            for i, line in enumerate(lines):
                small = i >= self.card_title_lines[action_id]
                blit_text(
                    surface,
                    line,
                    (rect.x + 10, y + i * step),
                    size - 2 if small else size,
                    colour,
                    anchor="midleft",
                )
        surface.set_clip(clip)

    def _draw_top(self, surface: pygame.Surface, layout: TurnLayout) -> None:
        state, meta = self.game.state, self.model.scenario.meta
        actor = self.model.scenario.actors[self.actor]
        y = layout.top.centery
        text = self.app.text
        capital = _("Capital left: {points}").format(points=f"{self.capital_left():g}")
        capital_rect = blit_text(
            surface,
            capital,
            (self._leftmost_top_button(layout).x - GAP, y),
            text,
            MUTED,
            True,
            "midright",
        )
        turn = min(state.turn + 1, meta.turns)
        month = format_month(state.date)
        whole = _("Turn {turn} of {turns}").format(turn=turn, turns=meta.turns)
        title, title_x, when, when_x = top_bar_texts(
            [f"{actor.name}  ·  {meta.title}", actor.name],
            [f"{whole}  ·  {month}", f"{turn}/{meta.turns}  ·  {month}", month],
            (12, layout.chart.x, capital_rect.x - GAP),
            text + 2,
        )
        blit_text(surface, title, (title_x, y), text + 2, INK, True, "midleft")
        blit_text(surface, when, (when_x, y), text + 2, INK, True, "midleft")
        pygame.draw.line(
            surface, RULE, (0, layout.top.bottom), (layout.top.right, layout.top.bottom)
        )

    def chart_data(self) -> ChartData:
        variable = self.chart_variable
        index = self.model.variable_position[variable]
        values = [s.values[index] for s in self.game.states]
        if self.anim < 1.0 and len(values) > 1:
            values[-1] = self.shown_value(variable)
        dates = [s.date for s in self.game.states]
        markers = [
            Marker(ledger.turn, event.name, INK, "diamond")
            for ledger in self.game.ledgers
            for event in ledger.events
        ]
        return ChartData(
            self.info(variable), values, dates, self.model.scenario.meta.turns, markers
        )


def _scroll_into_view(scroller, element) -> None:
    """Scroll ``scroller`` so that ``element`` (one of its children) is visible."""
    bar = scroller.vert_scroll_bar
    total = getattr(scroller, "scrolling_height", 0)
    view = scroller.get_abs_rect().height
    if bar is None or not getattr(scroller, "vert_scroll_bar_active", False) or total <= view:
        return
    top, height = element.relative_rect.y, element.relative_rect.height
    start = bar.start_percentage * total
    if top < start:
        bar.set_scroll_from_start_percentage(top / total)
    elif top + height > start + view:
        bar.set_scroll_from_start_percentage((top + height - view + 8) / total)


def top_bar_texts(
    titles: list[str], whens: list[str], edges: tuple[int, int, int], size: int
) -> tuple[str, int, str, int]:
    """(title, x, when, x) for the top bar: the longest forms that fit between the left edge
    and the right one, the turn and month at the chart's edge when the title and the room on
    the right allow, else right after the title; a text is cut only when even the shortest
    forms do not fit."""
    left, column, right = edges
    measure = font(size, True).size
    for when in whens:
        for title in titles:
            title_end = left + measure(title)[0] + 2 * GAP
            width = measure(when)[0]
            for when_x in (max(column, title_end), title_end):  # else right after the title
                if when_x + width <= right:
                    return title, left, when, when_x
    title, when = titles[-1], whens[-1]
    when_x = max(left, right - measure(when)[0])
    return fit_text(title, size, max(1, when_x - 2 * GAP - left), True), left, when, when_x
