"""Reading CoNLL files: two streaming passes over the lines, whatever the file's size.

The first pass looks at every tag (after ``--map``, with types matched without regard to
case) and learns what the file is: its tagging scheme (IO, IOB1, IOB2 or BIOES), how often
each type occurs, where each is first used, and every bad line.  The second pass decodes
one sentence at a time into documents.  Only one sentence's tags are ever held in memory,
and a file is read a piece at a time (``iter_text_file``), never whole; each piece's lines
are split by ``str.split`` all at once when they hold no white space but spaces and tabs.

Tagging schemes, told apart by the tags the file uses (``--scheme-tags`` forces one):

- ``bioes``: some ``E-`` or ``S-`` (or BILOU's ``L-``, ``U-``) tags;
- ``io``: types with no prefix (``PER``, ``Pers``), or ``I-`` tags and never ``B-``; a run
  of tokens with the same type is one entity;
- ``iob1``: most entities start with ``I-``; ``B-`` only separates two adjacent entities of
  one type;
- ``iob2``: every entity starts with ``B-``; an ``I-`` that starts one is repaired (counted).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.decoding import iter_text_file
from annotator.core.errors import InputError
from annotator.core.model import Annotations, Document, Span
from annotator.core.scheme import Scheme
from annotator.formats.tagging import PRETOKENIZED, columns

_TAG_RE = re.compile(r"^([BIESLUbieslu])([-_])(\S+)$")
_BARE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*$")  # a type with no prefix: PER, Pers, LOC.NAM
_SPLIT_RE = re.compile(r"[ \t]+")
_CONLLU_ID = re.compile(r"^\d+([-.]\d+)?$")
DOCSTART = "-DOCSTART-"
READ_SCHEMES = ("io", "iob1", "iob2", "bioes")
MAX_BAD_LINES = 20
PIECE = 1 << 20  # characters read at a time
#: White space that ``str.split()`` splits at but a CoNLL line does not (only spaces and tabs do)
_OTHER_SPACES = "".join(c for c in map(chr, range(0x110000)) if c.isspace() and c not in " \t\n")


def split_tag(tag: str) -> tuple[str, str, bool]:
    """Return ``(prefix, type, malformed)``: prefix O, B, I, E, S, or "" for a bare type,
    or "?" for a tag that cannot be read."""
    if tag == "O":
        return "O", "", False
    m = _TAG_RE.match(tag)
    if m:
        prefix = {"L": "E", "U": "S"}.get(m.group(1).upper(), m.group(1).upper())
        return prefix, m.group(3), m.group(1).islower() or m.group(2) == "_"
    if tag == "o":
        return "O", "", True
    if _BARE_RE.match(tag) and tag.upper() not in ("IO", "BIO"):
        return "", tag, False
    return "?", "", False


def _near(u: str, k: str) -> bool:
    """True if ``u`` is ``k`` with one letter more, one fewer, or two letters swapped."""
    if abs(len(u) - len(k)) == 1:
        short, long_ = sorted((u, k), key=len)
        return any(long_[:i] + long_[i + 1 :] == short and long_[i].isalpha() for i in range(len(long_)))
    if len(u) == len(k):
        diff = [i for i in range(len(u)) if u[i] != k[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and u[diff[0]] == k[diff[1]] and u[diff[1]] == k[diff[0]]
    return False


@dataclass
class Survey:
    """What the first pass learnt about a file."""

    prefixes: Counter[str] = field(default_factory=Counter)   # tags per prefix (after the map)
    starts: Counter[str] = field(default_factory=Counter)     # chunk-opening tags per prefix (B, or I after O/other)
    types: Counter[str] = field(default_factory=Counter)      # prefixed tags per type as spelt (after the map)
    bare: Counter[str] = field(default_factory=Counter)       # tags with no prefix per type
    firsts: dict[str, int] = field(default_factory=dict)      # the first line of each type
    bad: list[str] = field(default_factory=list)              # bad lines, described
    bad_count: int = 0
    tokens: int = 0
    documents: int = 0
    raw: dict[str, int] = field(default_factory=dict)         # every tag as written, counted
    conllu: int = 0                                           # the first line that looks like CoNLL-U, or 0


class Reader:
    """Reads one CoNLL file: ``survey`` then ``documents``; ``text`` is the file's text, or
    None to read it from ``path`` a piece at a time in each pass."""

    def __init__(self, path: Path, text: str | None, label_map: Mapping[str, str] | None, scheme: Scheme | None) -> None:
        self.path = path
        self.text = text
        self.map = dict(label_map or {})
        self.scheme = scheme
        self.noise: dict[str, list[str]] = {}
        self.survey = Survey()
        self.canon: dict[str, str] = {}   # a type as spelt -> the type it is (case, typos)
        self.typos: dict[str, str] = {}
        self.noise_counts: Counter[str] = Counter()
        self.tagging = "iob2"
        self.tag_columns: slice = slice(1, None)  # CoNLL-2003: only the last of four columns
        self._mapped: dict[str, tuple[str, str, bool]] = {}
        self._decoded: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        self._layout()

    def _layout(self) -> None:
        """Tell CoNLL-2003's ``TOKEN POS CHUNK NER`` from nested tag columns: every row
        has four fields and the second is a part of speech, not a tag."""
        rows = 0
        tags_second = 0
        for line in (line for _, lines in self._line_pieces() for line in lines):
            fields = _SPLIT_RE.split(line.strip(" \t\r\ufeff"))
            if not fields[0] or fields[0] == DOCSTART:
                continue
            if len(fields) != 4:
                return
            rows += 1
            tags_second += split_tag(fields[1])[0] in ("O", "B", "I", "E", "S")
            if rows >= 500:
                break
        if rows and tags_second < 0.5 * rows:
            self.tag_columns = slice(3, 4)

    # -- the first pass ----------------------------------------------------------------

    def _line_pieces(self) -> Iterator[tuple[str, list[str]]]:
        """Yield a piece of the text (whole lines) and its lines, without their line ends."""
        pieces: Iterator[str] = (iter_text_file(self.path, PIECE) if self.text is None else
                                 (self.text[i : i + PIECE] for i in range(0, len(self.text), PIECE)))
        rest = ""
        for piece in pieces:
            piece = rest + piece
            cut = piece.rfind("\n") + 1
            rest = piece[cut:]
            if cut:
                head = piece[:cut]
                lines = head.split("\n")
                lines.pop()  # after the last line end
                yield head, lines
        if rest:
            yield rest, [rest]

    def rows(self) -> Iterator[tuple[int, list[str] | None, bool]]:
        """Yield ``(line, fields or None for a break, a -DOCSTART-)``; bad lines are recorded."""
        s = self.survey
        plain = self.tag_columns == slice(1, None)
        n = 0
        for piece, lines in self._line_pieces():
            # a piece whose only white space is spaces and tabs (and where no CoNLL-U comment
            # can come before the first token): every line split at once, as the loop below
            if plain and (s.tokens or "#" not in piece) and not any(c in piece for c in _OTHER_SPACES):
                first = n + 1
                for fields in map(str.split, lines):
                    n += 1
                    if len(fields) == 2 and fields[0] != DOCSTART:  # the common case: TOKEN TAG
                        yield n, fields, False
                    else:
                        yield from self._other_row(n, lines[n - first], fields)
            else:
                for line in lines:
                    n += 1
                    if s.tokens == 0 and line[:1] == "#" and not s.conllu:
                        s.conllu = n if "text =" in line or "sent_id" in line or "newdoc" in line else 0
                    fields = line.replace("\t", " ").split(" ")
                    if "" in fields:
                        fields = [f for f in fields if f]
                    if len(fields) == 2 and fields[0] != DOCSTART:
                        yield n, fields, False
                    else:
                        yield from self._other_row(n, line, fields)

    def _other_row(self, n: int, line: str, fields: list[str]) -> Iterator[tuple[int, list[str] | None, bool]]:
        """Yield the row of a line that is not TOKEN TAG: a break, a -DOCSTART-, or odd."""
        if not fields:
            yield n, None, False
        elif fields[0] == DOCSTART:
            yield n, None, True
        else:
            yield from self._odd_row(n, line, fields)

    def _odd_row(self, n: int, line: str, fields: list[str]) -> Iterator[tuple[int, list[str] | None, bool]]:
        """Yield the row of a line of one field or more than two (recording a bad one)."""
        s = self.survey
        if len(fields) >= 10 and "\t" in line and _CONLLU_ID.match(fields[0]) and not s.conllu:
            s.conllu = n
        if len(fields) < 2:
            starts_blank = line[:1] in (" ", "\t")
            what = (f"line {n} (a tag {fields[0]!r} with no token)" if starts_blank
                    else f"line {n} (the token {fields[0]!r} has no tag)")
            s.bad_count += 1
            if len(s.bad) < MAX_BAD_LINES:
                s.bad.append(what)
            yield n, None, False
        else:
            yield n, [fields[0], *fields[self.tag_columns]], False

    def mapped(self, tag: str) -> tuple[str, str, bool]:
        """Return ``split_tag(tag)`` after the import's ``--map`` (an empty NEW makes it O)."""
        got = self._mapped.get(tag)
        if got is None:
            prefix, label, bad = split_tag(tag)
            if label and self.map:
                new = self.map.get(label, self.map.get(label.upper(), label))
                if new != label:
                    prefix, label = ("O", "") if not new else (prefix, new)
            got = self._mapped[tag] = (prefix, label, bad)
        return got

    def first_pass(self) -> None:
        """Count every tag as written (with its first line), and the ``I-`` tags that open
        an entity; the counts per prefix and type follow from them."""
        s = self.survey
        counts: dict[str, int] = {}
        firsts: dict[str, int] = {}
        uppers: dict[str, str] = {}  # a tag -> its type after the map, in upper case
        i_starts = 0
        prev: list[str] = []  # the previous row's fields (token first), or none after a break
        in_doc = False
        tokens = 0
        get = counts.get

        def upper(tag: str) -> str:
            got = uppers.get(tag)
            if got is None:
                got = uppers[tag] = self.mapped(tag)[1].upper()
            return got

        for n, fields, docstart in self.rows():
            if fields is None:
                prev = []
                in_doc = in_doc and not docstart
                continue
            if not in_doc:
                s.documents += 1
                in_doc = True
                s.tokens = tokens + 1  # rows() looks for CoNLL-U comments only before the first token
            tokens += 1
            for c in range(1, len(fields)):
                tag = fields[c]
                k = get(tag)
                if k is None:
                    counts[tag] = 1
                    firsts[tag] = n
                else:
                    counts[tag] = k + 1
                if tag[:1] in "Ii" and tag[1:2] in "-_":
                    before = upper(prev[c]) if c < len(prev) else ""
                    if before != upper(tag):
                        i_starts += 1
            prev = fields
        s.tokens = tokens
        for tag, k in counts.items():
            prefix, label, _ = self.mapped(tag)
            s.prefixes[prefix] += k
            if label:
                (s.bare if prefix == "" else s.types)[label] += k
                s.firsts[label] = min(s.firsts.get(label, firsts[tag]), firsts[tag])
        s.starts["B"] = s.prefixes["B"]
        s.starts["I"] = i_starts
        s.raw = counts

    def check(self, forced: str | None) -> None:
        """Refuse what cannot be read; settle the tagging scheme, case and typos."""
        s = self.survey
        if s.conllu and forced != "conllu":
            raise InputError(f"{self.path}, line {s.conllu}: this looks like a CoNLL-U treebank (ten tab-separated "
                             "columns or # text comments), not CoNLL NER tags; import it with --format conllu.")
        if s.bad_count:
            more = f" and {s.bad_count - len(s.bad)} more" if s.bad_count > len(s.bad) else ""
            raise InputError(f"{self.path}: {s.bad_count} bad line{'s' if s.bad_count > 1 else ''}, {', '.join(s.bad)}{more}; "
                             "write TOKEN TAG on each line (O for no entity) and a blank line between sentences.")
        if s.tokens == 0:
            raise InputError(f"{self.path} has no tokens: it is not a CoNLL file.")
        self.tagging = forced if forced in READ_SCHEMES else self._detect()
        self._settle_types()

    def _detect(self) -> str:
        p, st = self.survey.prefixes, self.survey.starts
        if p["E"] or p["S"]:
            return "bioes"
        prefixed = p["B"] + p["I"]
        if p[""] and p[""] >= prefixed:
            return "io"
        if p["I"] and not p["B"]:
            return "io"
        if st["I"] > st["B"]:
            return "iob1"
        return "iob2"

    def _settle_types(self) -> None:
        """Map each spelling to its type: the scheme's type of that name in any case, else the
        file's most used spelling; then a rare type one letter from a type the file uses
        at least five times as often becomes that type."""
        types = self.survey.types + self.survey.bare if self.tagging == "io" else self.survey.types  # else bare ones are noise
        in_scheme = {lab.upper(): lab for lab in (self.scheme.span_labels if self.scheme else [])}
        by_upper: dict[str, Counter[str]] = {}
        for t, c in types.items():
            by_upper.setdefault(t.upper(), Counter())[t] += c
        folded: Counter[str] = Counter()
        for up, spellings in by_upper.items():
            best = in_scheme.get(up) or max(spellings, key=lambda t: (spellings[t], t.isupper(), t))
            for t in spellings:
                self.canon[t] = best
            folded[best] += sum(spellings.values())
        for u, c in folded.items():
            if u in in_scheme.values():
                continue
            cands = [k for k, kc in folded.items() if k != u and kc >= 5 * c and _near(u, k)]
            if len(cands) == 1:
                for t, v in list(self.canon.items()):
                    if v == u:
                        self.canon[t] = cands[0]
                self.typos[u] = cands[0]

    def keeps_entities(self) -> bool:
        """True if some tag of the file will be read as (part of) an entity."""
        return any(self._tag(raw)[1] for raw in self.survey.raw)

    def labels(self) -> list[tuple[str, int]]:
        """Return each type the documents will carry, with its first line, in file order."""
        firsts: dict[str, int] = {}
        for t, line in self.survey.firsts.items():
            k = self.canon.get(t)
            if k and (k not in firsts or line < firsts[k]):
                firsts[k] = line
        return sorted(firsts.items(), key=lambda kv: kv[1])

    # -- the second pass ---------------------------------------------------------------

    def document_name(self, k: int) -> str:
        """Return the name of the file's ``k``-th document (from 1)."""
        return self.path.stem if self.survey.documents == 1 else f"{self.path.stem}:{k}"

    def add(self, kind: str, where: str) -> None:
        places = self.noise.setdefault(kind, [])
        if len(places) < 6:
            places.append(where)
        self.noise_counts[kind] += 1

    def warnings(self) -> list[str]:
        out = []
        for kind, places in self.noise.items():
            n = self.noise_counts[kind]
            shown = ", ".join(places[:5]) + (", ..." if n > 5 else "")
            out.append(f"{self.path}: {n} {kind} ({shown}).")
        return out

    def documents(self, nested: str, warnings: list[str] | None = None) -> Iterator[Document]:
        """Yield the file's documents, one sentence decoded at a time; when done, add the
        repairs made, counted by kind, to ``warnings``."""
        yield from self._documents(nested)
        if warnings is not None:
            warnings += self.warnings()

    def _documents(self, nested: str) -> Iterator[Document]:
        lines: list[str] = []
        spans: list[list[Span]] = []
        pos = 0
        first_line = 0
        tokens: list[str] = []
        tags: list[list[str]] = []
        where: list[int] = []
        k = 0

        def end_sentence() -> None:
            nonlocal pos
            if not tokens:
                return
            starts = []
            for tok in tokens:
                starts.append(pos)
                pos += len(tok) + 1
            lines.append(" ".join(tokens))
            found = self._decode(tags, where)
            if nested != "columns":
                kept = set(columns([f[:3] for f in found], nested)[0])
                found = [f for f in found if f[:3] in kept]
            for i, j, label, c in found:
                while len(spans) <= c:
                    spans.append([])
                spans[c].append(Span(label=label, fragments=[(starts[i], starts[j - 1] + len(tokens[j - 1]))]))
            tokens.clear()
            tags.clear()
            where.clear()

        def end_document() -> Document | None:
            nonlocal pos, k
            end_sentence()
            if not lines:
                return None
            k += 1
            flat = [s for col in spans for s in col]
            for n, s in enumerate(flat, 1):
                s.id = f"T{n}"
            name = self.document_name(k)
            doc = Document(text="\n".join(lines), name=name, meta={"tokenization": PRETOKENIZED},
                           source=f"{self.path}:{first_line}")
            if flat:
                doc.annotations[""] = Annotations(spans=flat)
            lines.clear()
            spans.clear()
            pos = 0
            return doc

        for n, fields, docstart in self.rows():
            if fields is None:
                if docstart:
                    doc = end_document()
                    if doc is not None:
                        yield doc
                else:
                    end_sentence()
                continue
            if not lines and not tokens:
                first_line = n
            tokens.append(fields[0])
            tags.append(fields)  # the token first, then its tags
            where.append(n)
        doc = end_document()
        if doc is not None:
            yield doc

    def _tag(self, raw: str) -> tuple[str, str, tuple[str, ...]]:
        """Return what a raw tag becomes: ``(prefix, type, repair kinds)``, the same for
        every occurrence (worked out once per distinct tag)."""
        got = self._decoded.get(raw)
        if got is not None:
            return got
        prefix, label, bad = self.mapped(raw)
        kinds: list[str] = []
        if bad:
            kinds.append("malformed tags repaired")
        if prefix == "?" or (prefix == "" and self.tagging != "io"):
            kinds.append("unreadable tags read as O")
            prefix, label = "O", ""
        if label:
            new = self.canon.get(label, label)
            if new.upper() != label.upper():
                kinds.append("tags with a misspelt type repaired")
            elif new != label and not bad:
                kinds.append("malformed tags repaired")
            label = new
        got = self._decoded[raw] = (prefix or "I", label, tuple(kinds))
        return got

    def _decode(self, rows: list[list[str]], where: list[int]) -> list[tuple[int, int, str, int]]:
        """Return the entities ``(first token, end token, type, column)`` of one sentence's
        rows (each its token, then its tags)."""
        width = max(map(len, rows))
        found = []
        decoded = self._decoded
        tag = self._tag
        for c in range(1, width):
            col = []
            append = col.append
            for k, row in enumerate(rows):
                raw = row[c] if c < len(row) else "O"
                got = decoded.get(raw) or tag(raw)
                if got[2]:  # a repair: counted with its line
                    prefix, label, kinds = got
                    for kind in kinds:
                        if kind == "tags with a misspelt type repaired":
                            was = self.mapped(raw)
                            self.add(kind, f"{was[0] + '-' if was[0] else ''}{was[1]} to {prefix + '-' if was[0] else ''}"
                                           f"{label} on line {where[k]}")
                        else:
                            self.add(kind, f"{raw} on line {where[k]}")
                append(got)
            found.extend((i, j, label, c - 1) for i, j, label in self._chunks(col, where))
        return found

    def _chunks(self, tags: list[tuple[str, str, tuple[str, ...]]], lines: list[int]) -> list[tuple[int, int, str]]:
        """Return the entities ``(first token, end token, type)`` of one column of decoded tags."""
        out: list[tuple[int, int, str]] = []
        append = out.append
        start = -1  # the open entity's first token, or -1
        open_label = ""
        loose = self.tagging in ("io", "iob1")
        for k, (prefix, label, _) in enumerate(tags):
            if prefix == "O":
                if start >= 0:
                    append((start, k, open_label))
                    start = -1
            elif prefix == "I":
                if start < 0 or open_label != label:
                    if not loose:
                        self.add("orphan I- tags repaired to B-", f"I-{label} on line {lines[k]}")
                    if start >= 0:
                        append((start, k, open_label))
                    start, open_label = k, label
            elif prefix == "B":
                if start >= 0:
                    append((start, k, open_label))
                start, open_label = k, label
            elif prefix == "E":
                if start < 0 or open_label != label:
                    self.add("orphan E- tags repaired to S-", f"E-{label} on line {lines[k]}")
                    if start >= 0:
                        append((start, k, open_label))
                    start = k
                append((start, k + 1, label))
                start = -1
            else:  # S
                if start >= 0:
                    append((start, k, open_label))
                append((k, k + 1, label))
                start = -1
        if start >= 0:
            append((start, len(tags), open_label))
        return out
