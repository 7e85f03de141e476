"""Make the bundled font: Noto Sans CJK SC (Latin and CJK) subset to what the game needs.

    make fonts        (needs Debian's fonts-noto-cjk and fontTools: pip install fonttools)

Noto Sans CJK SC carries its own Latin (from Source Sans), so one family covers English,
Spanish and Simplified Chinese, and Chinese quoted inside Spanish or English text. The subset
keeps: printable ASCII, Latin-1 and Latin Extended-A, general punctuation, arrows, the maths
and shapes the game draws, CJK punctuation and full-width forms, the 3,755 common hanzi of
GB 2312 level 1, and every other character found in the game's code, scenarios and catalogs
(so a translation or scenario that adds a rare character needs ``make fonts`` again; the
glyph test in tests/test_i18n.py says so). Output: assets/fonts/PrecursorCJK-{Regular,Bold}.otf.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/opentype/noto")
SC_INDEX = 2  # Noto Sans CJK SC inside the collections
WEIGHTS = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}
OUT = ROOT / "assets" / "fonts"
SCANNED = ("game/**/*.py", "game/locale/**/*.po", "scenarios/*.toml", "assets/*.json")
RANGES = (
    (0x20, 0x7E),  # ASCII
    (0xA0, 0x17F),  # Latin-1, Latin Extended-A
    (0x2000, 0x206F),  # general punctuation
    (0x20AC, 0x20AC),  # euro
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # maths
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2605, 0x2606),  # stars
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF01, 0xFF5E),  # full-width forms
)


def gb2312_level_1() -> set[str]:
    """The 3,755 most common hanzi: GB 2312 rows 16 to 55."""
    found = set()
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def used_characters() -> set[str]:
    found: set[str] = set()
    for pattern in SCANNED:
        for path in ROOT.glob(pattern):
            found.update(path.read_text(encoding="utf-8"))
    return {c for c in found if ord(c) >= 0x20}


def wanted() -> set[str]:
    chars = {chr(c) for start, end in RANGES for c in range(start, end + 1)}
    return chars | gb2312_level_1() | used_characters()


def main() -> int:
    text = "".join(sorted(wanted()))
    OUT.mkdir(parents=True, exist_ok=True)
    for weight, collection in WEIGHTS.items():
        target = OUT / f"PrecursorCJK-{weight}.otf"
        options = subset.Options()
        options.font_number = SC_INDEX
        options.layout_features = ["kern", "liga", "locl", "vert", "halt", "palt"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.desubroutinize = False
        font = subset.load_font(str(SOURCE / collection), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        subset.save_font(font, str(target), options)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB, {len(text)} chars")
    return 0


if __name__ == "__main__":
    sys.exit(main())
