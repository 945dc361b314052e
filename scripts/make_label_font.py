"""Make resources/fonts/AmiriLabelled-Regular.ttf: Amiri with room above each line.

The document view draws label names above the spans (View → Label names on spans).  Qt's
plain-text layout gives each line the font's ascent plus descent and ignores line-height
and margin settings, so the room comes from the font: this copy of Amiri (OFL; Amiri
declares no Reserved Font Name, and the copy is renamed "Amiri Labelled" as the licence
asks of modified versions) has an ascent taller by ``EXTRA`` units of its 1,000-unit em.
The glyphs are Amiri's own, untouched.

    python scripts/make_label_font.py     # needs fontTools (pip install fonttools)
"""

from __future__ import annotations

from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
FAMILY = "Amiri Labelled"
#: Extra ascent, in font units (Amiri's em is 1,000): one row of labels at about half the text size.
EXTRA = 700


def main() -> None:
    font = TTFont(FONTS / "Amiri-Regular.ttf")
    font["hhea"].ascent += EXTRA
    font["OS/2"].sTypoAscender += EXTRA
    font["OS/2"].usWinAscent = max(font["OS/2"].usWinAscent, font["hhea"].ascent)
    names = {1: FAMILY, 4: f"{FAMILY} Regular", 6: FAMILY.replace(" ", "") + "-Regular", 16: FAMILY}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
        elif record.nameID == 3:
            record.string = f"{record.toUnicode()}; {FAMILY}"
    font.save(FONTS / "AmiriLabelled-Regular.ttf")


if __name__ == "__main__":
    main()
