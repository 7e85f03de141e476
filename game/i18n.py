"""Languages of the window: interface strings through gettext, numbers and dates through Babel.

Rules:
- Interface strings are English in the code, marked ``_("...")``; a string defined at import
  time (a table of labels) is marked ``N_("...")`` and passed through ``_()`` where it is shown.
  ``make i18n`` extracts them into game/locale/precursor.pot, updates the es and zh catalogs and
  compiles them; untranslated strings fall back to English.
- ``set_language`` switches the interface, the scenario text (``[translations.LANG]`` tables,
  see game.format.translations) and the number and date formats at once.
- The command line's messages stay English: only the window, its exports and the class report
  call ``_()``.
"""

from __future__ import annotations

import gettext as _gettext
import locale
import math
import os
from datetime import date
from functools import cache, lru_cache

from game.format.translations import set_content_language
from game.resources import locale_folder

DOMAIN = "precursor"
LANGUAGES = {"en": "English", "es": "Español", "zh": "中文"}
BABEL_LOCALES = {"en": "en_US", "es": "es_MX", "zh": "zh_Hans_CN"}
_ALIASES = {"english": "en", "spanish": "es", "chinese": "zh", "español": "es", "中文": "zh"}


class _Current:
    code = "en"
    catalog: _gettext.NullTranslations = _gettext.NullTranslations()


def normalise(name: str | None) -> str | None:
    """'es_MX.UTF-8', 'zh-Hans', 'Spanish_Mexico' -> 'es', 'zh'; None if not a game language."""
    if not name:
        return None
    head = name.replace("-", "_").split(".")[0].split("_")[0].strip().lower()
    code = _ALIASES.get(head, head)
    return code if code in LANGUAGES else None


def system_language() -> str:
    """The system's language when the game has it (environment, then the OS locale), else en."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(variable, "").split(":"):
            if part and part not in ("C", "POSIX") and not part.startswith("C."):
                return normalise(part) or "en"
    try:
        return normalise(locale.getlocale()[0]) or "en"
    except ValueError:
        return "en"


@cache
def _catalog(code: str) -> _gettext.NullTranslations:
    if code == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(
        DOMAIN, localedir=str(locale_folder()), languages=[code], fallback=True
    )


def set_language(code: str) -> None:
    """Use ``code`` ('en', 'es', 'zh') for the interface, scenario text, numbers and dates."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r} (known: {', '.join(LANGUAGES)})")
    _Current.code = code
    _Current.catalog = _catalog(code)
    set_content_language(code)


def language() -> str:
    return _Current.code


def _(message: str) -> str:
    """``message`` in the current language (English when it has no translation)."""
    return _Current.catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _Current.catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def join_list(items) -> str:
    """Names in a row as the language lists them: 'a, b, c' / '甲、乙、丙'."""
    return ("、" if _Current.code == "zh" else ", ").join(items)


def babel_locale() -> str:
    return BABEL_LOCALES[_Current.code]


HUGE = 1e15  # beyond any quantity of the game; Babel's decimal context cannot quantize it


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _babel(value: float, format_with, pattern: str) -> str:
    """Babel's formatting, or plain scientific notation for numbers too large for it. The
    pattern and the locale are parsed once (the window formats numbers every frame)."""
    if math.isfinite(value) and abs(value) >= HUGE:
        return f"{value:.3g}"
    return format_with(value, format=_parsed_pattern(pattern), locale=_locale(babel_locale()))


@cache
def _parsed_pattern(pattern: str):
    from babel.numbers import parse_pattern

    return parse_pattern(pattern)


@cache
def _locale(name: str):
    from babel import Locale

    return Locale.parse(name)


def format_number(value: float, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal signs: 12,345.6 / 12 345,6 / 12,345.6."""
    from babel.numbers import format_decimal

    return _babel(value, format_decimal, _pattern(decimals))


def format_significant(value: float, digits: int = 4) -> str:
    """About ``digits`` significant digits, no trailing zeros: 1 / 0.126 / 61.4 / 6,065."""
    from babel.numbers import format_decimal

    if not math.isfinite(value) or value == 0:
        return format_number(value)
    decimals = max(0, min(8, digits - 1 - math.floor(math.log10(abs(value)))))
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return _babel(round(value, decimals), format_decimal, pattern)


def signed(value: float, decimals: int = 0) -> str:
    """A change with its sign, as the language writes numbers: +1,234.5 / -0.3 / +0."""
    from babel.numbers import format_decimal

    pattern = _pattern(decimals)
    return _babel(value, format_decimal, f"+{pattern};-{pattern}")


def format_percent(fraction: float, decimals: int = 0) -> str:
    from babel.numbers import format_percent as babel_percent

    return _babel(fraction, babel_percent, _pattern(decimals) + "%")


def format_month(month: str) -> str:
    """'2023-03' as the language writes a month: 'Mar 2023', 'mar 2023', '2023年3月'."""
    return _month(month, babel_locale())


@lru_cache(maxsize=512)
def _month(month: str, locale_name: str) -> str:
    from babel.dates import format_skeleton

    year, number = int(month[:4]), int(month[5:7])
    return format_skeleton("yMMM", date(year, number, 1), locale=_locale(locale_name))


def format_day(day: date) -> str:
    from babel.dates import format_date

    return format_date(day, format="medium", locale=babel_locale())
