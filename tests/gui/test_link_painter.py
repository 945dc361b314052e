"""Drawing over the text: one box per line for a span that wraps, arrows only for what is
on screen (an end off screen becomes an arrow to the edge), and the span inspector."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from tests.gui.test_events import QUOTE, TEXT, WITHDRAWAL, click_span, find, mark, tick


def overlay_image(w) -> QImage:
    """Paint only the links overlay of ``w``'s view into a transparent image."""
    image = QImage(w.view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    w.links.link_painter.paint(painter, w.view.visible_blocks())
    painter.end()
    return image


def inked(image: QImage) -> int:
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2) if image.pixelColor(x, y).alpha() > 0)


def test_a_span_that_wraps_gets_one_box_per_line(open_window, qtbot):
    w = open_window([TEXT])
    s, e = find("الشريك الرئيسيّ في مكافحة تنظيم داعش", QUOTE)
    line = QFontMetricsF(w.view.font()).height()
    for width in (700, 800, 900, 1000):
        w.resize(width, 700)
        qtbot.wait(20)
        w.view.reveal(s)
        w.view.viewport().repaint()
        rects = w.links.link_painter.rects(w.view.visible_blocks(), [(s, e)])
        assert rects and all(r.height() < 1.5 * line for r in rects)
        assert len({round(r.top()) for r in rects}) == len(rects)  # never two boxes on one line
        assert sum(r.width() for r in rects) < w.view.viewport().width() * len(rects) * 0.95


def test_arrows_are_drawn_for_what_is_on_screen_and_point_off_screen_ends_to_the_edge(open_window, qtbot):
    w = open_window([TEXT])
    w.resize(900, 420)
    base = mark(qtbot, w, find("قاعدة الشدادي", WITHDRAWAL), Qt.Key.Key_F)
    hasakah = mark(qtbot, w, find("الحسكة", WITHDRAWAL), Qt.Key.Key_G)
    far = mark(qtbot, w, find("دمشق", QUOTE), Qt.Key.Key_G)
    w.project.add_relation("LocatedIn", base, hasakah)
    w.links.refresh()
    w.view.select_span(None)
    w.view.reveal(find("الحسكة", WITHDRAWAL)[0])
    w.view.viewport().repaint()
    assert [a.label for a in w.links.link_painter.overlay.arcs] == ["Located in"]
    near = inked(overlay_image(w))
    assert near > 0
    # scrolled away from both ends: nothing is drawn
    w.view.select_span(far, reveal=True)
    w.view.select_span(None)
    w.view.viewport().repaint()
    assert not w.links.link_painter.rects(w.view.visible_blocks(), [find("الحسكة", WITHDRAWAL)])
    assert inked(overlay_image(w)) == 0
    # one end on screen, the other far below: an arrow to the edge, labelled with the far end
    rel = w.project.add_relation("LocatedIn", base, far)
    w.links.refresh()
    w.links.select_relation(rel)
    w.view.reveal(find("الحسكة", WITHDRAWAL)[0])
    w.view.viewport().repaint()
    assert not w.links.link_painter.rects(w.view.visible_blocks(), [find("دمشق", QUOTE)])
    image = overlay_image(w)
    bottom = [x for x in range(image.width()) if image.pixelColor(x, image.height() - 6).alpha() > 0]
    assert bottom, "no arrow reaches the bottom edge"


def test_the_span_inspector_edits_attributes_and_lists_what_a_span_is_part_of(open_window, qtbot):
    w = open_window([TEXT])
    us = mark(qtbot, w, find("الولايات المتحدة", WITHDRAWAL), Qt.Key.Key_G)
    mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    w.project.add_argument(w.links.event_id, "Mover", us)
    w.links.refresh()
    w.docks["span"].raise_()
    click_span(qtbot, w, us)
    inspector = w.links.inspector
    qtbot.waitUntil(inspector.isVisible)
    assert "الولايات المتحدة" in inspector.title.text()
    assert [inspector.uses.item(i).text() for i in range(inspector.uses.count())] == ["Mover of Movement «\u2068انسحابها\u2069»"]  # the name isolated
    tick(qtbot, inspector.attributes.widgets["Negated"])
    assert w.project.span(us).attributes == {"Negated": True}
    combo = inspector.attributes.widgets["Specificity"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert w.project.span(us).attributes == {"Negated": True, "Specificity": "specific"}
    tick(qtbot, inspector.attributes.widgets["Negated"])  # unticked: the attribute goes
    assert w.project.span(us).attributes == {"Specificity": "specific"}
    # a click on what it is part of selects the event
    w.links.select_event(None)
    qtbot.mouseClick(inspector.uses.viewport(), Qt.MouseButton.LeftButton,
                     pos=inspector.uses.visualItemRect(inspector.uses.item(0)).center())
    assert w.links.event_id == w.project.events(w.doc_id)[0].id
    assert QColor(w.links.link_painter.overlay.arcs[0].color).isValid()


def line_rects(view) -> list[QRectF]:
    """The full-width strip of every laid-out line on screen (viewport coordinates)."""
    out = []
    for b in view.visible_blocks():
        layout = b.block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            out.append(QRectF(0, b.origin.y() + line.y(), view.viewport().width(), line.height()))
    return out


def test_arc_labels_and_arcs_stay_in_the_band_above_their_line_clear_of_the_line_above(open_window, qtbot):
    w = open_window([TEXT])
    view = w.view
    us = mark(qtbot, w, find("الولايات المتحدة", WITHDRAWAL), Qt.Key.Key_G)
    base = mark(qtbot, w, find("قاعدة الشدادي", WITHDRAWAL), Qt.Key.Key_F)
    mark(qtbot, w, find("انسحابها", WITHDRAWAL), Qt.Key.Key_1)
    w.project.add_argument(w.links.event_id, "Mover", us)
    w.project.add_argument(w.links.event_id, "Origin", base)
    w.links.refresh()
    view.clear_selection()
    view.reveal(find("انسحابها", WITHDRAWAL)[0])
    view.viewport().repaint()
    painter = w.links.link_painter
    assert [a.label for a in painter.overlay.arcs] == ["Mover", "Origin"]
    image = overlay_image(w)
    labels = painter.label_rects
    assert len(labels) == 2
    blocks = view.visible_blocks()
    trigger = painter.rects(blocks, [find("انسحابها", WITHDRAWAL)])[0]
    ends = [painter.rects(blocks, [find(word, WITHDRAWAL)])[0] for word in ("الولايات المتحدة", "قاعدة الشدادي")]
    assert all(abs(r.top() - trigger.top()) < 0.5 for r in ends)  # one line: the arcs stay on it
    lines = line_rects(view)
    own = next(r for r in lines if abs(r.top() - trigger.top()) < 1)
    above = [r for r in lines if r.bottom() <= own.top() + 0.5 and r.bottom() > 0]
    assert above, "no line above the event's line on screen"
    glyphs_top = own.top() + view.painter.room  # where the letters' boxes start
    for box in labels:
        assert not any(box.intersects(r) for r in above), (box, above[-1])
        assert own.top() <= box.top() and box.bottom() <= glyphs_top + 0.5  # in the band, not on the letters
        assert not any(box.intersects(n) for n in view.painter.name_rects)  # beside the label names
    assert not labels[0].intersects(labels[1])
    # no ink of the arcs in the line above
    prev = above[-1]
    inked_above = [(x, y) for y in range(max(0, int(prev.top())), int(prev.bottom()) - 1)
                   for x in range(0, image.width(), 2) if image.pixelColor(x, y).alpha() > 0]
    assert not inked_above


def test_the_label_of_an_arrow_to_the_edge_sits_in_the_band_of_the_end_that_shows(open_window, qtbot):
    w = open_window([TEXT])
    w.resize(900, 420)
    view = w.view
    base = mark(qtbot, w, find("قاعدة الشدادي", WITHDRAWAL), Qt.Key.Key_F)
    far = mark(qtbot, w, find("دمشق", QUOTE), Qt.Key.Key_G)
    rel = w.project.add_relation("LocatedIn", base, far)
    w.links.refresh()
    w.links.select_relation(rel)
    view.clear_selection()
    view.reveal(find("قاعدة الشدادي", WITHDRAWAL)[0])
    view.viewport().repaint()
    painter = w.links.link_painter
    blocks = view.visible_blocks()
    assert not painter.rects(blocks, [find("دمشق", QUOTE)])  # the far end is off screen
    overlay_image(w)
    near = painter.rects(blocks, [find("قاعدة الشدادي", WITHDRAWAL)])[0]
    own = next(r for r in line_rects(view) if abs(r.top() - near.top()) < 1)
    [box] = painter.label_rects
    assert own.top() <= box.top() and box.bottom() <= own.top() + view.painter.room + 0.5
    assert box.left() < near.right() and box.right() > near.left()  # beside the end that shows
