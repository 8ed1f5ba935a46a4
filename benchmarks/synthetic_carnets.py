"""Synthetic carnets for the raw-text importer (issue 6, point 5): carnets whose tree is known, printed to PDF,
their text extracted, imported and scored.

Place in the project: outside the pipeline, beside ``benchmarks/import_score.py`` (whose scores it reuses);
``tests/test_import_synthetic.py`` ratchets its figures. It proves that the importer's rules are general:
none of these texts is carnet #9's extraction.

For each source carnet (carnet Markdown) and each layout:

1. the transformed tree is written as DOCX by our own writer (that tree is the reference: it is what the
   PDF shows, reader's note and inclusive doublets included, plus the lines the writer prints from the
   metadata, see :func:`as_printed`; in the pull-quote layouts, with the pull quotes that repeat the body,
   which the writer omits otherwise: see :func:`with_repeating_quotes`);
2. the layout is set in the DOCX (one, two or three newspaper columns, as a designed carnet has; the
   designed layouts add notes in the page's outer margin beside their call, or the pull quotes printed
   large and boxed in the text: see :data:`LAYOUTS`; sidebars are boxed in every layout, by the DOCX
   writer itself);
3. LibreOffice headless prints it to PDF (a fresh profile in a temporary folder; a margin-note layout is
   printed once or twice before, to stack its notes: see :func:`place_margin_notes`);
4. the text is extracted with ``pdftotext`` (poppler-utils) and imported by the raw-text reader
   (``converter.readers.pdftext``), twice: in pdftotext's default reading order (route ``pdftotext``) and
   with ``-layout`` (route ``pdftotext-layout``: the columns side by side, which the reader's layout step
   reads column by column);
5. the PDF is read by our PDF reader as ``carnet convert file.pdf`` does (pdfplumber,
   ``converter.readers.pdf``: columns, spacing, type sizes, footnotes, boxes, link annotations, then the
   raw-text reader's steps with the layout's certainties);
6. both trees, their note calls numbered as the writers print them (see :func:`numbered`), are scored
   against the reference.

Run from the repository root: ``python benchmarks/synthetic_carnets.py`` (``--keep DIR`` keeps the files).
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_score  # noqa: E402

from converter import tree as t  # noqa: E402
from converter.messages import about_lines, message, series_label  # noqa: E402
from converter.pipeline import read, write  # noqa: E402
from converter.readers.pdf import import_layout  # noqa: E402
from converter.readers.pdftext import import_text  # noqa: E402
from converter.walk import iter_nodes  # noqa: E402
from converter.writers.docx import oxml  # noqa: E402

SOURCES = [ROOT / "input" / "carnet-exemple.md", ROOT / "input" / "carnet-09-montpellier.md"]
LAYOUTS = {"1col": 1, "2col": 2, "3col": 3,
           "1col-margin": 1, "2col-margin": 2, "2col-pullquotes": 2, "3col-pullquotes": 3}
"""Layout name → number of columns. A name's parts after the first (see :data:`FEATURES`) add what a designed
carnet has beyond columns; the value stays the column count so that callers' ``{name: columns}`` still work.
Margin notes go with one or two columns (three columns beside a margin column would be too narrow to read),
pull quotes with two or three (where a designed carnet sets them across a column)."""

MARGIN = "margin"
"""The notes printed in the page's outer margin beside the paragraph that calls them (see :func:`set_margin_notes`)."""
PULLQUOTES = "pullquotes"
"""The pull quotes that repeat the body printed, large and boxed, in the text (see :func:`set_pull_quotes`)."""
FEATURES = (MARGIN, PULLQUOTES)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}


class ToolMissing(RuntimeError):
    """LibreOffice or pdftotext is not installed."""


def features(layout: str) -> set[str]:
    """What the layout ``layout`` (a :data:`LAYOUTS` name: ``"2col-margin"``) adds to its columns."""
    found = set(layout.split("-")[1:])
    unknown = found - set(FEATURES)
    if unknown:
        raise ValueError(f"layout {layout!r}: unknown feature(s) {sorted(unknown)}, known: {FEATURES}")
    return found


COLUMN_SPACE = 567
"""Twips between two newspaper columns (1 cm)."""


def set_columns(docx: Path, columns: int) -> None:
    """Lay the document out in ``columns`` newspaper columns (every section of ``word/document.xml``), its
    tables fitted to a column (see :func:`_fit_tables`)."""
    if columns <= 1:
        return
    parts = _read_parts(docx)
    xml = parts["word/document.xml"].decode("utf-8")
    xml = re.sub(r"<w:cols\b[^>]*/>", "", xml)
    xml = re.sub(r"(<w:sectPr\b[^>]*>)", rf'\1<w:cols w:num="{columns}" w:space="{COLUMN_SPACE}"/>', xml)
    # w:cols must follow the page size and margins in a sectPr: move it after w:pgMar when present
    xml = re.sub(rf'(<w:cols w:num="\d+" w:space="{COLUMN_SPACE}"/>)(.*?)(<w:pgMar\b[^>]*/>)', r"\2\3\1", xml,
                 flags=re.S)
    document = etree.fromstring(xml.encode("utf-8"))
    _fit_tables(document, columns)
    parts["word/document.xml"] = _xml(document)
    _write_parts(docx, parts)


def _fit_tables(document: etree._Element, columns: int) -> None:
    """Narrow every table wider than a column of the page in ``columns`` columns to that column.

    The DOCX writer sizes a table to the text's width (its grid and cells in twips): in columns, LibreOffice
    keeps those widths and the table runs over the next column, where the PDF clips it. Its table width
    becomes relative (100 % of the column: LibreOffice then sizes it to the column whatever the margins a
    later step sets, as the margin-note layouts' wider outer margin) and its grid and cell widths are
    scaled to the column's width under the page's present margins, in proportion (a nested table stays
    inside its cell: its widths are scaled in turn, by its own width against its cell's).
    """
    size, margins = document.find(".//w:sectPr/w:pgSz", NS), document.find(".//w:sectPr/w:pgMar", NS)
    page = int(size.get(_w("w"))) if size is not None else 11906
    text = page - sum(int(margins.get(_w(side), "0")) for side in ("left", "right")) if margins is not None \
        else page - 2 * 1417
    column = (text - (columns - 1) * COLUMN_SPACE) // columns
    _fit_table_widths(document.find("w:body", NS), column)


def _fit_table_widths(parent: etree._Element, width: int) -> None:
    """Scale the tables directly inside ``parent`` (the body, or a cell ``width`` twips wide) to ``width``
    when wider, then the tables inside their cells."""
    for table in parent.findall("w:tbl", NS):
        grid = table.findall("w:tblGrid/w:gridCol", NS)
        total = sum(int(col.get(_w("w"), "0")) for col in grid)
        scale = width / total if total > width else 1.0
        for col in grid:
            col.set(_w("w"), str(int(int(col.get(_w("w"), "0")) * scale)))
        if scale < 1.0:
            properties = table.find("w:tblPr", NS)
            if properties is None:
                properties = etree.Element(_w("tblPr"))
                table.insert(0, properties)
            table_width = etree.Element(_w("tblW"))
            table_width.set(_w("type"), "pct")
            table_width.set(_w("w"), "5000")  # fiftieths of a percent: the whole column
            oxml.set_child(properties, table_width, oxml.TBLPR_ORDER)
        for cell in table.findall("w:tr/w:tc", NS):
            cell_width = cell.find("w:tcPr/w:tcW", NS)
            inner = width
            if cell_width is not None and cell_width.get(_w("type")) in ("dxa", None):
                inner = int(int(cell_width.get(_w("w"), "0")) * scale)
                cell_width.set(_w("w"), str(inner))
            _fit_table_widths(cell, inner)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _read_parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write_parts(docx: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


# The margin-note page: the writer's page (A4), a narrow inner margin and a 5 cm outer one holding a 4 cm note
# column 0.5 cm from the text and from the page edge (twips).
INNER_MARGIN = 1134
OUTER_MARGIN = 2835
NOTE_GAP = 284
NOTE_WIDTH = OUTER_MARGIN - 2 * NOTE_GAP
NOTE_SIZE = 16  # half-points: 8 pt, against the body's 11 pt
NOTE_SPACING = 6.0  # points between two notes stacked in the margin
PROBE_RED = 0xF0  # the red of the probe shading; green and blue number the note frame (see :func:`stack_margin_notes`)


def set_margin_notes(docx: Path) -> int:
    """Print the notes in the page's outer margin beside the paragraph that calls them, as designed carnets
    set them, instead of at the foot of the page.

    Each footnote's paragraphs move into the body just before the paragraph holding its call (before the
    table, when the call is in one), in a text frame (``w:framePr``) placed in the right margin, which is
    widened to hold it, and anchored to the top of that paragraph. The notes of one paragraph share one
    frame (consecutive paragraphs with the same frame are one frame), in order. The call and the note's own
    mark keep the footnote reference style (a superscript number), their number now written out: the number
    Word and LibreOffice print for a footnote, its order of reference. The links of a note move with their
    relationships (``footnotes.xml.rels`` → ``document.xml.rels``).

    The outer margin is the right one on every page: a PDF read on screen is one-sided, and LibreOffice
    misplaces ``xAlign="outside"`` frames on mirrored pages (checked: a note on page 3 went to the inner
    margin). DrawingML text boxes anchored at the call's line (``wp:anchor``) were tried first and dropped:
    LibreOffice 7.4 lost the text of five notes of carnet #9 and ignored ``allowOverlap="0"``.

    Frames do not avoid each other: two close paragraphs, or two paragraphs at the same height in two
    columns, put their notes on top of each other. Each frame is therefore shaded with a colour that numbers
    it (a probe), and :func:`stack_margin_notes` moves them apart once LibreOffice has printed them
    (:func:`place_margin_notes` does it all). Returns the number of frames.
    """
    parts = _read_parts(docx)
    if "word/footnotes.xml" not in parts:
        return 0
    document = etree.fromstring(parts["word/document.xml"])
    footnotes = etree.fromstring(parts["word/footnotes.xml"])
    document_rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    note_rels_name = "word/_rels/footnotes.xml.rels"
    renamed: dict[str, str] = {}
    if note_rels_name in parts:
        taken = {rel.get("Id") for rel in document_rels}
        for rel in etree.fromstring(parts[note_rels_name]):
            new_id, counter = rel.get("Id"), 0
            while new_id in taken:
                counter += 1
                new_id = f"rIdMarginNote{counter}"
            taken.add(new_id)
            renamed[rel.get("Id")] = new_id
            moved = copy.deepcopy(rel)
            moved.set("Id", new_id)
            document_rels.append(moved)
    notes = {note.get(_w("id")): note for note in footnotes.findall("w:footnote", NS) if note.get(_w("type")) is None}
    page_size = document.find(".//w:sectPr/w:pgSz", NS)
    x = (int(page_size.get(_w("w"))) if page_size is not None else 11906) - OUTER_MARGIN + NOTE_GAP
    frames: dict[etree._Element, int] = {}  # anchor → number of its frame (the key keeps lxml's proxy alive)
    for number, reference in enumerate(list(document.iter(_w("footnoteReference"))), start=1):
        note = notes.pop(reference.get(_w("id")))
        run = reference.getparent()
        reference.tag, reference.text = _w("t"), str(number)
        reference.attrib.clear()
        anchor = next(run.iterancestors(_w("p")))
        anchor = [anchor, *anchor.iterancestors(_w("tbl"))][-1]  # the outermost table holding the call
        frame = frames.setdefault(anchor, len(frames) + 1)
        for paragraph in note.findall("w:p", NS):
            for mark in paragraph.iter(_w("footnoteRef")):
                mark.tag, mark.text = _w("t"), str(number)
            for element in paragraph.iter():
                for attribute, value in element.attrib.items():
                    if attribute.startswith(f"{{{R}}}") and value in renamed:
                        element.set(attribute, renamed[value])
                if element.tag == _w("r"):
                    _set_size(element, NOTE_SIZE)
            _frame(paragraph, frame, x)
            anchor.addprevious(paragraph)
        footnotes.remove(note)
    for margins in document.iter(_w("pgMar")):
        margins.set(_w("left"), str(INNER_MARGIN))
        margins.set(_w("right"), str(OUTER_MARGIN))
    parts["word/document.xml"] = _xml(document)
    parts["word/footnotes.xml"] = _xml(footnotes)
    parts["word/_rels/document.xml.rels"] = _xml(document_rels)
    _write_parts(docx, parts)
    return len(frames)


def _frame(paragraph: etree._Element, number: int, x: int) -> None:
    """Put ``paragraph`` in margin-note frame ``number``, ``x`` twips from the page's left edge: ``w:framePr``,
    and the probe shading that numbers the frame (``w:shd``), each at its place in ``w:pPr``'s order."""
    properties = paragraph.find("w:pPr", NS)
    if properties is None:
        properties = etree.Element(_w("pPr"))
        paragraph.insert(0, properties)
    frame = etree.Element(_w("framePr"))
    for name, value in (("w", NOTE_WIDTH), ("hSpace", 0), ("wrap", "around"), ("vAnchor", "text"),
                        ("hAnchor", "page"), ("x", x), ("y", 1)):
        frame.set(_w(name), str(value))
    oxml.set_child(properties, frame, oxml.PPR_ORDER)
    shading = etree.Element(_w("shd"))
    for name, value in (("val", "clear"), ("color", "auto"), ("fill", f"{PROBE_RED:02X}{number:04X}")):
        shading.set(_w(name), value)
    oxml.set_child(properties, shading, oxml.PPR_ORDER)


PROBES = 2
"""Prints of a margin-note layout before the last one, at most (see :func:`stack_margin_notes`)."""


def place_margin_notes(docx: Path, workdir: Path) -> None:
    """Lay the notes of ``docx`` out in the margin (:func:`set_margin_notes`), then print it (in ``workdir``)
    and stack the notes (:func:`stack_margin_notes`) until they are measured whole, at most :data:`PROBES`
    times; last, remove the probe shading. A carnet without notes is not printed here."""
    if not set_margin_notes(docx):
        return
    anchors: dict[int, tuple[int, float]] = {}
    for _ in range(PROBES):
        if stack_margin_notes(docx, to_pdf(docx, workdir), anchors):
            break
    parts = _read_parts(docx)
    document = etree.fromstring(parts["word/document.xml"])
    for properties, shading, _ in _probed(document):
        properties.remove(shading)
    parts["word/document.xml"] = _xml(document)
    _write_parts(docx, parts)


def _probed(document: etree._Element) -> list[tuple[etree._Element, etree._Element, etree._Element]]:
    """(``w:pPr``, probe ``w:shd``, ``w:framePr``) of each margin-note paragraph still shaded."""
    found = []
    for properties in document.iter(_w("pPr")):
        shading, frame = properties.find("w:shd", NS), properties.find("w:framePr", NS)
        if shading is not None and frame is not None and shading.get(_w("fill"), "").startswith(f"{PROBE_RED:02X}"):
            found.append((properties, shading, frame))
    return found


def stack_margin_notes(docx: Path, probe: Path, anchors: dict[int, tuple[int, float]]) -> bool:
    """Stack the margin-note frames of ``docx`` as a designer stacks margin notes; ``probe`` is ``docx``
    printed by LibreOffice with their probe shading (see :func:`set_margin_notes`). Whether every frame was
    measured whole.

    The frames lie in the margin, outside the text, so moving them changes nothing else on the page. The
    first probe shows where each frame falls beside its paragraph (the rectangle of its colour): its page
    and top, kept in ``anchors``; each probe shows how tall it is. On each page, from the top, a frame that
    would overlap the previous one goes down below it; then, from the bottom, one that would run past the
    bottom margin goes up, pushing the ones above it. Each frame is then placed on its page at that height
    (``w:framePr`` relative to the page: LibreOffice did not move a frame anchored to a paragraph that
    goes on to the next page above that paragraph's top). A frame cut by the page's edge is taller than it
    shows: it is placed at the top margin and the caller prints again to measure it (carnet #9 has one: five
    notes called by one paragraph near a page's foot). Without pypdfium2 the probe cannot be read: the
    frames stay beside their paragraphs.
    """
    measured = _probe_frames(probe)
    if measured is None:
        return True
    page_height, found = measured
    if not anchors:
        anchors.update({frame: (page, top) for frame, (page, top, _) in found.items()})
    parts = _read_parts(docx)
    document = etree.fromstring(parts["word/document.xml"])
    margins = document.find(".//w:sectPr/w:pgMar", NS)
    top_limit = int(margins.get(_w("top"))) / 20 if margins is not None else 72.0
    bottom_limit = page_height - (int(margins.get(_w("bottom"))) / 20 if margins is not None else 72.0)
    whole = {frame for frame, (_, _, bottom) in found.items() if bottom < page_height - 1}
    heights = {frame: bottom - top if frame in whole else bottom_limit - top_limit
               for frame, (_, top, bottom) in found.items()}
    tops: dict[int, float] = {}
    for page in {page for page, _ in anchors.values()}:
        frames = {frame: (top, top + heights[frame]) for frame, (on, top) in anchors.items()
                  if on == page and frame in heights}
        tops.update({frame: frames[frame][0] + move for frame, move in _stack(frames, top_limit, bottom_limit).items()})
    for _, shading, frame in _probed(document):
        number = int(shading.get(_w("fill"))[2:], 16)
        if number in tops:
            frame.set(_w("vAnchor"), "page")
            frame.set(_w("y"), str(round(tops[number] * 20)))
    parts["word/document.xml"] = _xml(document)
    _write_parts(docx, parts)
    return whole == set(found)


def _probe_frames(probe: Path) -> tuple[float, dict[int, tuple[int, float, float]]] | None:
    """The page height of ``probe`` and, for each margin-note frame, its page, top and bottom (points from
    the page's top), from the paths filled in its probe colour; None without pypdfium2.

    pypdfium2 (a dependency of pdfplumber) reads the 51 pages of carnet #9 in 0.3 s where pdfplumber took
    15 s, the same rectangles to the tenth of a point.
    """
    try:
        import ctypes

        import pypdfium2
        import pypdfium2.raw as pdfium
    except ImportError:
        return None
    found: dict[int, tuple[int, float, float]] = {}
    document = pypdfium2.PdfDocument(str(probe))
    try:
        height = 0.0
        for index in range(len(document)):
            page = document[index]
            height = page.get_height()
            for shape in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_PATH]):
                red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
                fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
                pdfium.FPDFPageObj_GetFillColor(shape.raw, red, green, blue, alpha)
                pdfium.FPDFPath_GetDrawMode(shape.raw, fill_mode, stroked)
                if red.value != PROBE_RED or not fill_mode.value:
                    continue
                _, bottom, _, top = shape.get_bounds()
                frame = green.value * 256 + blue.value
                _, highest, lowest = found.get(frame, (index + 1, height - top, height - bottom))
                found[frame] = (index + 1, min(highest, height - top), max(lowest, height - bottom))
    finally:
        document.close()
    return height, found


def _stack(frames: dict[int, tuple[float, float]], top_limit: float, bottom_limit: float) -> dict[int, float]:
    """The vertical move (points, down) of each frame of one page (frame → top, bottom) so that none overlaps
    another and all stay between the margins when they fit: down from the top, then up from the bottom."""
    order = sorted(frames, key=lambda frame: frames[frame])
    tops = {frame: frames[frame][0] for frame in order}
    heights = {frame: frames[frame][1] - frames[frame][0] for frame in order}
    floor = top_limit
    for frame in order:
        tops[frame] = max(tops[frame], floor)
        floor = tops[frame] + heights[frame] + NOTE_SPACING
    ceiling = bottom_limit
    for frame in reversed(order):
        tops[frame] = max(top_limit, min(tops[frame], ceiling - heights[frame]))
        ceiling = tops[frame] - NOTE_SPACING
    return {frame: tops[frame] - frames[frame][0] for frame in order}


_RPR_BEFORE_SIZE = {f"{{{W}}}{name}" for name in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position")}


def _set_size(run: etree._Element, half_points: int) -> None:
    """Set the type size of ``run`` (``w:sz`` in its ``w:rPr``, at its place in the schema's order)."""
    properties = run.find("w:rPr", NS)
    if properties is None:
        properties = etree.Element(_w("rPr"))
        run.insert(0, properties)
    for old in properties.findall("w:sz", NS) + properties.findall("w:szCs", NS):
        properties.remove(old)
    position = sum(1 for child in properties if child.tag in _RPR_BEFORE_SIZE)
    for offset, name in enumerate(("sz", "szCs")):
        size = etree.Element(_w(name))
        size.set(_w("val"), str(half_points))
        properties.insert(position + offset, size)


PULL_QUOTE_SIZE = 32  # half-points: 16 pt, against the body's 11 pt
PULL_QUOTE_INDENT = 170  # twips: the text at the column's edges, the box just outside, as the sidebars'
PULL_QUOTE_RULE = 24  # eighths of a point: 3 pt, twice the sidebars' box, which it must not join


def set_pull_quotes(docx: Path) -> None:
    """Set the pull quotes as a designed carnet does: large type in a box across the column, inside the text.

    The "Pull Quote" style (and its attribution's, based on it) gets a 3 pt border on four sides, the same on
    every paragraph so that LibreOffice draws one box per quote, 16 pt type, and the sidebars' small
    indents instead of its 1 cm ones: at 18 pt between those, a column of three held ten letters a line and
    LibreOffice broke words inside ("proposé-s"), which no print does. The rule is thicker than the
    sidebars' box: with the same border and indents, LibreOffice drew a quote right after a sidebar inside
    the sidebar's box. The quotes that repeat the body are in the DOCX because
    :func:`with_repeating_quotes` gave them to the writer as ordinary pull quotes; the ones that exist only
    there get the same look, as in print.
    """
    parts = _read_parts(docx)
    styles = etree.fromstring(parts["word/styles.xml"])
    for style in styles.findall("w:style", NS):
        if style.get(_w("styleId")) != "PullQuote":
            continue
        borders = style.find("w:pPr/w:pBdr", NS)
        indents = style.find("w:pPr/w:ind", NS)
        run_properties = style.find("w:rPr", NS)
        if borders is None or indents is None or run_properties is None:
            raise RuntimeError("the Pull Quote style has no border, indents or type: the DOCX writer's styles changed")
        line = borders[0]
        for child in list(borders):
            borders.remove(child)
        for side in ("top", "left", "bottom", "right"):
            edge = copy.deepcopy(line)
            edge.tag = _w(side)
            edge.set(_w("sz"), str(PULL_QUOTE_RULE))
            borders.append(edge)
        indents.set(_w("left"), str(PULL_QUOTE_INDENT))
        indents.set(_w("right"), str(PULL_QUOTE_INDENT))
        for name in ("sz", "szCs"):
            size = run_properties.find(f"w:{name}", NS)
            if size is None:
                size = etree.SubElement(run_properties, _w(name))
            size.set(_w("val"), str(PULL_QUOTE_SIZE))
    parts["word/styles.xml"] = _xml(styles)
    _write_parts(docx, parts)


def with_repeating_quotes(reference: t.Document) -> t.Document:
    """A copy of ``reference`` whose pull quotes that repeat the body are ordinary pull quotes, so that the
    DOCX writer prints them (it omits a repeating one: a DOCX is read linearly). The designed layout prints
    them, as the carnets' PDFs do; the reference they are scored against keeps them marked as repeating
    (:func:`as_printed` with ``repeating_quotes=True``)."""
    printed = copy.deepcopy(reference)
    for node in iter_nodes(printed):
        if isinstance(node, t.PullQuote):
            node.repeats_body = False
    return printed


def to_pdf(docx: Path, workdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ToolMissing("LibreOffice (soffice) is not installed")
    profile = workdir / "lo-profile"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(workdir), str(docx)], check=True, capture_output=True, timeout=300)
    pdf = workdir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice did not write {pdf.name}")
    return pdf


def extract_pdftotext(pdf: Path, layout: bool = False) -> str:
    """The PDF's text by ``pdftotext``: in its default reading order, or with ``layout`` as ``-layout`` gives it
    (the page's physical layout: columns side by side, indentation, a form feed between pages)."""
    if shutil.which("pdftotext") is None:
        raise ToolMissing("pdftotext (poppler-utils) is not installed")
    options = ["-layout"] if layout else []
    result = subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"], check=True,
                            capture_output=True, timeout=120)
    return result.stdout.decode("utf-8")


def extract_pdfplumber(pdf: Path) -> tuple[str, object] | None:
    """The text our PDF reader lays out (pdfplumber: columns, spacing, font sizes, notes, link annotations)
    and its layout, which the reader's own steps use beside the text."""
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        return None
    from converter.readers.pdf import layout_of

    layout, text = layout_of(pdf.read_bytes(), str(pdf))
    return text, layout


def as_printed(reference: t.Document, repeating_quotes: bool = False) -> t.Document:
    """The reference as the DOCX writer prints it: with the series and event lines under the cover's title
    and the closing "À propos du document" part (authors, publishers, licence, source) it prints from the
    metadata, without the pull quotes that repeat the body (it omits them) unless ``repeating_quotes``: the
    pull-quote layouts print them (see :func:`with_repeating_quotes`), so there the reference keeps them,
    marked as repeating, and an importer that drops them, or takes them for quotes of their own, is wrong.

    The reference is what the PDF shows; those lines are shown (from ``converter.messages``, as the writer
    makes them), so an importer that keeps them is right, and one that drops them loses text. The title
    and subtitle stay metadata, as in the reference.
    """
    lang = reference.meta.lang or "fr"
    if not repeating_quotes:
        _drop_repeating_quotes(reference.children)
    shown = [line for line in (series_label(reference.meta), reference.meta.event) if line.strip()]
    reference.children[:0] = [t.Paragraph(children=[t.Text(text=line)]) for line in shown]
    about = about_lines(reference.meta, lang)
    if about:
        reference.children.append(t.Heading(level=2, children=[t.Text(text=message("about", lang))]))
        reference.children.extend(t.Paragraph(children=[t.Text(text=line)]) for line in about)
    return reference


def _drop_repeating_quotes(blocks: list) -> None:
    """The DOCX writer omits a pull quote that repeats the body (a DOCX is read linearly: it would be read
    twice), so the PDF does not show it: neither does the reference."""
    blocks[:] = [b for b in blocks if not (isinstance(b, t.PullQuote) and b.repeats_body)]
    for block in blocks:
        for name in ("children", "items", "turns"):
            inner = getattr(block, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], t.Node) \
                    and not isinstance(block, (t.Paragraph, t.Heading)):
                _drop_repeating_quotes(inner)


def numbered(document: object) -> object:
    """The imported tree with its note calls numbered as the writers print them.

    The reference is the transformed tree (what the PDF shows), where each call reads as its number: a
    paragraph "… en 2019³ …" has the words "… en 20193 …". The importer's calls are not numbered yet (the
    transforms do it), so a call it placed right would make its paragraph differ from the reference by
    that glued number, in the text, paragraph, turn and heading figures, and in both routes. Numbering
    them with the transforms' own step scores what the outputs show; a call missed or misplaced still
    shows as a difference.
    """
    from converter.transforms.structure import notes

    notes(document)  # type: ignore[arg-type]
    return document


@dataclass
class Result:
    source: str
    layout: str
    route: str
    scores: import_score.Scores


def run(sources: list[Path] = SOURCES, layouts: dict[str, int] = LAYOUTS, keep: Path | None = None) -> list[Result]:
    """One result per source, layout (:data:`LAYOUTS`) and route (``pdftotext``, ``pdftotext-layout``, then
    ``pdfplumber`` when installed)."""
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="carnet-synthetic-") as temporary:
        workdir = keep or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        for source in sources:
            reference = read(source)  # transformed: what the DOCX shows
            printed = as_printed(read(source))  # and what the writer prints from the metadata
            # the pull-quote layouts print the quotes that repeat the body: built when first needed
            with_quotes: tuple[t.Document, t.Document] | None = None
            for layout, columns in layouts.items():
                extra = features(layout)
                written, shown = reference, printed
                if PULLQUOTES in extra:
                    if with_quotes is None:
                        with_quotes = (with_repeating_quotes(reference), as_printed(read(source), repeating_quotes=True))
                    written, shown = with_quotes
                docx = write(written, "docx", workdir / f"{source.stem}-{layout}.docx")
                set_columns(docx, columns)
                if PULLQUOTES in extra:
                    set_pull_quotes(docx)
                if MARGIN in extra:  # last: the probe prints must show the page as it will be
                    place_margin_notes(docx, workdir)
                pdf = to_pdf(docx, workdir)
                name = f"{source.stem}-{layout}"
                # pdftotext (default and -layout): its text through the raw-text reader; pdfplumber: the PDF
                # reader as `carnet convert file.pdf` runs it (its text, plus what the layout makes certain)
                for route, laid_out in (("pdftotext", False), ("pdftotext-layout", True)):
                    text = extract_pdftotext(pdf, layout=laid_out)
                    (workdir / f"{name}-{route}.txt").write_text(text, encoding="utf-8")
                    document, state = import_text(text, f"{name}-{route}.txt")
                    results.append(Result(source.stem, layout, route,
                                          import_score.score(numbered(document), shown, state)))
                extracted = extract_pdfplumber(pdf)
                if extracted is not None:
                    text, found = extracted
                    (workdir / f"{name}-pdfplumber.txt").write_text(text, encoding="utf-8")
                    document, state = import_layout(found, text, f"{name}-pdfplumber.txt")  # type: ignore[arg-type]
                    results.append(Result(source.stem, layout, "pdfplumber",
                                          import_score.score(numbered(document), shown, state)))
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="keep the DOCX, PDF and text files in this folder")
    parser.add_argument("--source", action="append", type=Path, help="a carnet Markdown file (repeatable)")
    args = parser.parse_args(argv)
    try:
        results = run(args.source or SOURCES, keep=args.keep)
    except ToolMissing as error:
        print(f"cannot run: {error}", file=sys.stderr)
        return 1
    for result in results:
        print(f"{result.source} · {result.layout} · {result.route}")
        for line in result.scores.lines():
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
