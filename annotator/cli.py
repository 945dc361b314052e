"""The ``annotator`` command line: thin verbs over the Project API.

Errors are one sentence on stderr naming the file (and line) and a non-zero exit status;
a Python traceback never reaches the user (an unexpected error is written to a log file
whose path is printed).  Long work shows a progress bar on a terminal, nothing when piped.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.core.wording import count

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """Yield a ``progress(done, total)`` callback drawing a bar on a terminal (else silent)."""
    if not _stderr_is_terminal():
        yield lambda done, total: None
        return
    from tqdm import tqdm

    bar: tqdm | None = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc=label, unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True)
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()


def _open(path: str, annotator: str | None = None) -> Any:
    from annotator.store.project import Project

    return Project.open(path, annotator=annotator)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class _Group(click.Group):
    """Lists verbs in the order they are defined (the order of DESIGN §5); ``import`` and
    ``export`` get their formats' options from the formats' registry when they are used
    (so other verbs never load the formats)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        cmd = super().get_command(ctx, cmd_name)
        kind = _FORMAT_VERBS.get(cmd_name)
        if cmd is not None and kind is not None and not getattr(cmd, "_format_options", None):
            options = _format_options(kind)
            for param in cmd.params:
                if param.name == "fmt" and isinstance(param, click.Option):
                    param.help = ", ".join(["auto"] * (kind == "read") + _format_names(kind)) + "."
            cmd.params.extend(click.Option([flag], **spec) for flag, (_, spec) in options.items())
            cmd._format_options = options  # type: ignore[attr-defined]
        return cmd


#: The verbs whose formats' options come from the registry: read options or write options.
_FORMAT_VERBS = {"import": "read", "export": "write"}


def _format_names(kind: str) -> list[str]:
    from annotator import formats

    return [n for n in formats.names() if (formats.get(n).can_read if kind == "read" else formats.get(n).can_write)]


def _format_options(kind: str) -> dict[str, tuple[list[Any], dict[str, Any]]]:
    """Return ``{flag: (the formats' Option records, click keyword arguments)}`` for every
    option the formats declare for reading (``kind`` "read") or writing ("write"): one per
    flag, with the values of every format that takes it, and help naming those formats."""
    from annotator import formats

    found: dict[str, list[tuple[str, Any]]] = {}
    for name in _format_names(kind):
        fmt = formats.get(name)
        for opt in fmt.read_options if kind == "read" else fmt.write_options:
            found.setdefault(opt.flag, []).append((name, opt))
    out: dict[str, tuple[list[Any], dict[str, Any]]] = {}
    for flag, pairs in found.items():
        opts = [o for _, o in pairs]
        first = opts[0]
        owners = ", ".join(dict.fromkeys(n for n, _ in pairs))
        if first.is_flag:  # given, it turns the option on (or, for one that is on unless told, off)
            spec: dict[str, Any] = {"is_flag": True, "help": f"{owners}: {'leave out ' if first.default else ''}{first.help}."}
        else:
            choices = list(dict.fromkeys(c for o in opts for c in o.choices))
            given = {n: o.default for n, o in pairs if o.default is not None}
            if len(set(given.values())) == 1:
                defaults = str(next(iter(given.values())))
            else:
                defaults = ", ".join(f"{n} {d}" for n, d in given.items())
            shown = f" (default: {defaults})" if defaults and "default" not in first.help else ""
            spec = {"type": click.Choice(choices), "help": f"{owners}: {first.help}{shown}."}
        out[flag] = (opts, spec)
    return out


def _given_format_options(ctx: click.Context, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Return the formats' options given on the command line as ``{option name: value}``:
    a yes/no option given means the opposite of its default (``--no-docstart``: docstart
    False), a choice its value."""
    options = getattr(ctx.command, "_format_options", None) or _format_options(kind)
    out: dict[str, Any] = {}
    for flag, (opts, spec) in options.items():
        value = values.get(flag.lstrip("-").replace("-", "_"))
        if value is None or value is False:
            continue
        out[opts[0].name] = (not opts[0].default) if spec.get("is_flag") else value
    return out


@click.group(cls=_Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="annotator", message="%(prog)s %(version)s")
@click.option("--reshape/--no-reshape", default=None,
              help="Print Arabic joined and right-to-left, for terminals without bidi support "
                   "(default: the ANNOTATOR_RESHAPE environment variable); never when piped.")
@click.pass_context
def cli(ctx: click.Context, reshape: bool | None) -> None:
    """annotator: annotate Arabic text (entities, events, stance) and export training data.

    Run with no verb to open the window on the last project (or the bundled sample).
    """
    from annotator.core import display

    sys.stdout = display.for_terminal(sys.stdout, reshape)
    sys.stderr = display.for_terminal(sys.stderr, reshape)
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui, project=None)


@cli.command()
@click.argument("project", required=False, type=click.Path(dir_okay=False))
def gui(project: str | None) -> None:
    """Open the annotation window on PROJECT (default: the last one, or the sample)."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        raise AnnotatorError("there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                             "run it in a desktop session, or use the command-line verbs (annotator --help).")
    try:
        from annotator.gui.app.app import run
    except ImportError as exc:
        raise AnnotatorError(f"the window cannot start: {exc}. Install the Qt libraries listed in README.md.") from None
    sys.exit(run(project))


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--scheme", type=click.Path(dir_okay=False),
              help="Annotation scheme: TOML, or a brat annotation.conf; default: the bundled Arabic news scheme.")
@click.option("--annotator", "annotator_name", help="Your name, stored with your annotations (default: your login name).")
def init(project: str, scheme: str | None, annotator_name: str | None) -> None:
    """Create a new, empty PROJECT file."""
    from annotator.store.project import Project

    loaded: Any = scheme
    if scheme is not None and Path(scheme).suffix.lower() == ".conf":
        from annotator.formats.brat_conf import scheme_from_conf

        loaded = scheme_from_conf(scheme)
        for warning in loaded.warnings:
            click.echo(f"warning: {warning}", err=True)
    with Project.create(project, loaded, annotator=annotator_name) as p:
        for warning in p.scheme.warnings:
            click.echo(f"warning: {warning}", err=True)
        click.echo(f"Created {project} with the scheme {p.scheme.name!r} "
                   f"({len(p.scheme.entities)} entity types, {len(p.scheme.events)} event types).")


@cli.command("import")
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", default="auto", show_default=True,
              help="auto, txt, jsonl, conll, conllu, brat, doccano, labelstudio, csv, stance, tokens.")
@click.option("--annotator", "annotator_name", help="Whose annotations these are (default: your login name).")
@click.option("--map", "maps", multiple=True, metavar="OLD=NEW", help="Rename labels while importing (repeatable; NEW empty drops).")
@click.option("--columns", metavar="ROLE=COLUMN,...",
              help="tokens (implied with --format auto): the header's columns, "
                   "e.g. token=word,tag=ner,sentence=sent_id,document=doc_id.")
@click.pass_context
def import_(ctx: click.Context, project: str, paths: tuple[str, ...], fmt: str, annotator_name: str | None,
            maps: tuple[str, ...], columns: str | None, **format_options: Any) -> None:
    """Import documents (and any annotations in them) from PATHS into PROJECT.

    All or nothing: a bad file stops the import, names the file and line, and leaves the
    project unchanged.  Annotations of a text the project already holds are attached to
    it, under --annotator.  The formats' own options (--scheme-tags, --nested,
    --add-labels, ...) come from the formats' registry.
    """
    from annotator.formats.labels import parse_label_map

    options: dict[str, Any] = {**_given_format_options(ctx, "read", format_options),
                               "label_map": parse_label_map(maps) or None, "columns": columns}
    if columns and fmt == "auto":  # only the tokens format has columns to name
        fmt = "tokens"
    with _open(project, annotator_name) as p, progress_bar("importing") as progress:
        report = p.import_files(list(paths), format=fmt, annotator=annotator_name, progress=progress,
                                **{k: v for k, v in options.items() if v})
    for note in report.skipped:
        click.echo(f"notice: {note}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(report.summary())


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", required=True,
              help="jsonl, brat, conll, hf, spacy, events, stance, doccano or labelstudio.")
@click.option("--out", required=True, type=click.Path(), help="A folder (or, for one-file formats without a split, a file).")
@click.option("--annotator", "annotator_name", help="Whose layer to export (default: yours; jsonl: everyone's).")
@click.option("--gold", is_flag=True, help="Export the adjudicated gold layer.")
@click.option("--status", type=click.Choice(["new", "in_progress", "done"]), help="Only documents with this status.")
@click.option("--all-documents", is_flag=True, help="Also documents the layer has not touched (exported with no annotations).")
@click.option("--split", help="Shares of train,dev,test by document, e.g. 0.8,0.1,0.1.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the split: the same seed, the same split.")
@click.option("--map", "maps", multiple=True, metavar="OLD=NEW", help="Rename labels (repeatable; NEW empty drops the label).")
@click.option("--labels", "label_lists", multiple=True, metavar="A,B", help="Keep only spans with these labels.")
@click.option("--force", is_flag=True, help="Replace --out even if no earlier export wrote it.")
@click.option("--docs-per-file", type=click.IntRange(min=1), help="spacy: DocBins of at most N documents, a folder per split.")
@click.pass_context
def export(ctx: click.Context, project: str, fmt: str, out: str, annotator_name: str | None, gold: bool, status: str | None,
           all_documents: bool, split: str | None, seed: int, maps: tuple[str, ...], label_lists: tuple[str, ...],
           force: bool, docs_per_file: int | None, **format_options: Any) -> None:
    """Export PROJECT as training data in --format to --out, with a manifest.json beside it.

    Every span is checked against the text first; a wrong one stops the export and nothing
    is written.  The formats' own options (--scheme-tags, --nested, --no-docstart, ...)
    come from the formats' registry.
    """
    from annotator.formats.labels import parse_label_list, parse_label_map
    from annotator.transfer.export import export_project

    options = {**_given_format_options(ctx, "write", format_options), "docs_per_file": docs_per_file}
    with _open(project) as p, progress_bar("exporting") as progress:
        manifest = export_project(p, fmt, out, annotator=annotator_name, gold=gold, status=status, split=split, seed=seed,
                                  all_documents=all_documents,
                                  label_map=parse_label_map(maps) or None, labels=parse_label_list(label_lists) or None,
                                  progress=progress, options={k: v for k, v in options.items() if v is not None},
                                  force=force)
    for kind, n in manifest.data["warnings"].items():
        click.echo(f"warning: {n} × {kind}", err=True)
    docs = manifest.data["counts"]["documents"]
    parts = ", ".join(f"{k} {v}" for k, v in docs.items()) if manifest.data["split"] else ""
    n = sum(docs.values())
    click.echo(f"Exported {count(n, 'document')}{f' ({parts})' if parts else ''} to {out}; manifest: {manifest.path}.")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def stats(project: str, as_json: bool) -> None:
    """Print counts: documents, spans per label, events, relations, stances, per annotator."""
    with _open(project) as p:
        data = p.stats()
    if as_json:
        _echo_json(data)
        return
    click.echo(f"{data['project']}: scheme {data['scheme']['name']} v{data['scheme']['version']}")
    click.echo(f"documents  {data['documents']:>8}   characters {data['characters']:>10}")
    click.echo(f"spans      {data['spans']:>8}")
    for title, key in (("entities", "entities"), ("triggers", "triggers"), ("events", "events"),
                       ("relations", "relations"), ("stances", "stances")):
        if data[key]:
            click.echo(f"{title}:")
            for label, n in data[key].items():
                click.echo(f"  {label:<20}{n:>8}")
    if data.get("evidence"):
        click.echo(f"evidence   {data['evidence']:>8}")
    for kind, names in data.get("attributes", {}).items():
        click.echo(f"{kind} attributes:")
        for name, values in names.items():
            click.echo(f"  {name:<20}" + ", ".join(f"{value} {n}" for value, n in values.items()))
    for lset, labels in data.get("doc_labels", {}).items():
        click.echo(f"document labels, {lset}:")
        for label, n in labels.items():
            click.echo(f"  {label:<20}{n:>8}")
    if data["annotators"]:
        click.echo("annotators:          spans  events  stances  in progress  done")
        for name, a in data["annotators"].items():
            click.echo(f"  {name:<16}{a['spans']:>9}{a['events']:>8}{a['stances']:>9}{a['in_progress']:>13}{a['done']:>6}")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def validate(project: str, as_json: bool) -> None:
    """List every annotation problem; exit 1 if there is one."""
    with _open(project) as p:
        problems = p.validate()
    if as_json:
        _echo_json({"problems": [pr.as_dict() for pr in problems], "count": len(problems)})
    else:
        for pr in problems:
            click.echo(str(pr))
        click.echo(f"{count(len(problems), 'problem')} found." if problems else "No problems found.",
                   err=bool(problems))
    if problems:
        sys.exit(EXIT_ERROR)


def _names(value: str | None) -> list[str] | None:
    """Split a comma-separated list of annotator names."""
    if value is None:
        return None
    return [n.strip() for n in value.split(",") if n.strip()]


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option("--rename", nargs=2, metavar="OLD NEW", help="Rename annotator OLD to NEW (their annotations follow).")
def annotators(project: str, as_json: bool, rename: tuple[str, str] | None) -> None:
    """List the annotators of PROJECT with what they did, or rename one."""
    with _open(project) as p:
        if rename:
            p.rename_annotator(*rename)
            click.echo(f"Renamed {rename[0]} to {rename[1]}.")
            return
        people = p.annotator_details()
    if as_json:
        _echo_json({"annotators": [a.as_dict() for a in people]})
        return
    click.echo(f"{'annotator':<20}{'kind':<8}{'assigned':>9}{'started':>9}{'done':>6}{'spans':>8}{'events':>8}{'stances':>9}")
    for a in people:
        click.echo(f"{a.name:<20}{a.kind:<8}{a.assigned:>9}{a.annotated:>9}{a.done:>6}{a.spans:>8}{a.events:>8}{a.stances:>9}")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--annotators", "names", required=True, help="Comma-separated names: lina,omar,sara.")
@click.option("--overlap", type=click.FloatRange(0, 1), default=0.2, show_default=True,
              help="Share of the documents given to two annotators (for agreement).")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same assignment.")
@click.option("--reassign", is_flag=True, help="Assign every document anew (default: only documents nobody has).")
def assign(project: str, names: str, overlap: float, seed: int, reassign: bool) -> None:
    """Assign the documents of PROJECT to annotators, a share of them to two."""
    with _open(project) as p:
        report = p.assign(_names(names) or [], overlap=overlap, seed=seed, reassign=reassign)
    click.echo(report.summary())


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--annotator", "name", required=True, help="Whose package to write.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="The package file to write.")
def pack(project: str, name: str, out: str) -> None:
    """Write a project file for one annotator holding their assigned documents."""
    with _open(project) as p:
        report = p.pack(out, name)
    click.echo(report.summary())


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--on-conflict", type=click.Choice(["keep", "replace", "fail"]), default="keep", show_default=True,
              help="When an annotator's layer was changed both here and in the package: keep the project's, "
                   "replace it with the package's, or fail and change nothing.")
@click.option("--add-missing", is_flag=True, help="Add documents the project lacks (default: skip them).")
def merge(project: str, files: tuple[str, ...], on_conflict: str, add_missing: bool) -> None:
    """Bring annotators' packages back into PROJECT (matching documents by their text).

    Idempotent; all files in one transaction (Ctrl-C changes nothing); the package files
    are only read; conflicts and skipped documents are listed on stderr, one line each.
    """
    with _open(project) as p, progress_bar("merging") as progress:
        report = p.merge(list(files), on_conflict=on_conflict, add_missing=add_missing, progress=progress)
    for kind, items in (("conflict", report.conflicts), ("notice", report.older), ("notice", report.missing),
                        ("warning", report.warnings)):
        for line in items:
            click.echo(f"{kind}: {line}", err=True)
    click.echo(report.summary())


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option("--annotators", "names", help="Comma-separated names (default: every human annotator).")
@click.option("--done", "done_only", is_flag=True, help="Count only documents the annotators marked done.")
@click.option("--per-document", is_flag=True, help="Also list the scores of each document.")
def agreement(project: str, as_json: bool, names: str | None, done_only: bool, per_document: bool) -> None:
    """Measure inter-annotator agreement (spans, tokens, events, stance, document labels)."""
    from annotator.report.text import agreement_lines

    with _open(project) as p, progress_bar("comparing") as progress:
        result = p.agreement(_names(names), done_only=done_only, progress=progress)
        scheme = p.scheme
    if as_json:
        _echo_json(result)
        return
    for line in agreement_lines(result, scheme, per_document=per_document):
        click.echo(line)


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--accept", "accept", metavar="NAME", help="Make the gold layer a copy of NAME's version.")
@click.option("--agreed", is_flag=True, help="Add to the gold layer what the annotators agree on.")
@click.option("--annotators", "names", help="With --agreed: whose agreement counts (default: all who annotated).")
@click.option("--documents", "doc_ids", help="Comma-separated document ids (default: every document annotated by two "
                                              "or more; with --accept, every document NAME annotated).")
def adjudicate(project: str, accept: str | None, agreed: bool, names: str | None, doc_ids: str | None) -> None:
    """Build the gold layer from the annotators' versions (then edit it in the window)."""
    if bool(accept) == agreed:
        raise click.UsageError("give either --accept NAME or --agreed.")
    with _open(project) as p:
        if doc_ids:
            try:
                ids = [int(x) for x in doc_ids.split(",") if x.strip()]
            except ValueError:
                raise click.UsageError(f"--documents takes ids such as 3,5,8, not {doc_ids!r}.") from None
        else:  # every document two or more annotated (with --accept: that NAME annotated)
            who = {d: p.adjudicators_for(d) for d in p.document_ids()}
            ids = [d for d, names_ in who.items() if (accept in names_ if accept else len(names_) >= 2)]
        total = 0
        with p.macro("Adjudicate"):
            for d in ids:
                copied = p.accept_version(d, accept) if accept else p.accept_agreed(d, _names(names))
                total += copied.total()
    click.echo(f"Gold layer: {count(total, 'item')} added on {count(len(ids), 'document')}.")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False), help="Folder for index.html and the charts.")
@click.option("--annotators", "names", help="Comma-separated names for the agreement part (default: every human annotator).")
def report(project: str, out: str, names: str | None) -> None:
    """Write an HTML report with charts: progress, labels, agreement per label."""
    from annotator.report import write_report

    with _open(project) as p:
        index = write_report(p, out, annotators=_names(names))
    click.echo(f"Wrote {index}.")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--recommender", "recommenders", multiple=True, metavar="NAME",
              help="matcher, crf, classifier, spacy:MODEL or hf:FOLDER (repeatable or comma-separated; default: the first three).")
@click.option("--documents", help="Comma-separated document names or ids (default: every document you have not marked done).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Store only suggestions at least this confident.")
@click.option("--min-quality", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out recommenders whose last cross-validated F1 (--evaluate) is lower.")
@click.option("--annotator", "annotator_name", help="Whose layer to learn from and suggest to (default: your login name).")
@click.option("--gazetteer", type=click.Path(dir_okay=False), help="A TSV file of 'surface<TAB>label' lines for the matcher.")
@click.option("--evaluate", is_flag=True, help="Print each recommender's cross-validated precision, recall and F1 instead.")
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True, help="--evaluate: folds of the cross-validation.")
@click.option("--next", "next_n", type=click.IntRange(1), metavar="N", help="List the N sentences the model is least sure of (active learning).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def suggest(project: str, recommenders: tuple[str, ...], documents: str | None, min_confidence: float,
            min_quality: float, annotator_name: str | None, gazetteer: str | None, evaluate: bool, folds: int, next_n: int | None,
            as_json: bool) -> None:
    """Pre-annotate PROJECT with suggestions learnt from its own annotations (no status changes)."""
    from annotator.suggest import Suggester, SuggestReport

    names = [n.strip() for r in recommenders for n in r.split(",") if n.strip()] or None
    with _open(project, annotator_name) as p:
        suggester = Suggester(p, names, gazetteer=gazetteer)
        docs = _document_ids(p, documents)
        report = SuggestReport()
        if evaluate:
            scores = suggester.evaluate(folds, report)
            _warn(report)
            if scores and not any(s.documents for s in scores.values()):
                raise AnnotatorError(f"nothing to evaluate yet: {p.annotator} has annotated no document of {p.path.name}.")
            if as_json:
                _echo_json({name: s.as_dict() for name, s in scores.items()})
            else:
                click.echo(f"{'recommender':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'documents':>11}{'folds':>7}")
                for name, s in scores.items():
                    click.echo(f"{name:<16}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}{s.documents:>11}{s.folds:>7}")
            sys.exit(EXIT_ERROR if report.failures and not scores else 0)
        if next_n:
            found = suggester.next_most_useful(next_n, docs)
            if not found and not as_json:
                click.echo(f"No sentence to rank: the CRF needs some annotations by {p.annotator} to learn from, "
                           "and documents not yet done.", err=True)
            if as_json:
                _echo_json([{"document": u.document_id, "start": u.start, "end": u.end, "margin": u.margin} for u in found])
            for u in [] if as_json else found:
                text = p.text(u.document_id)[u.start:u.end]
                click.echo(f"{u.margin:.3f}  document {u.document_id} [{u.start}:{u.end}]  {text[:70]}")
            return
        with progress_bar("Suggesting") as progress:
            report = suggester.run(docs, min_confidence=min_confidence, progress=progress, min_quality=min_quality)
    _warn(report)
    if as_json:
        _echo_json({"documents": report.documents, "suggestions": report.suggestions, "failures": report.failures,
                    "train_seconds": report.train_seconds})
    elif report.suggestions or not report.failures:
        click.echo(f"{report.summary()} No status changed.")
    if report.failures and not report.suggestions:
        sys.exit(EXIT_ERROR)


def _warn(report: Any) -> None:
    for line in (*report.warnings, *report.failures):
        click.echo(f"annotator: warning: {line}", err=True)


def _document_ids(p: Any, value: str | None) -> list[int] | None:
    """Resolve comma-separated document names or ids."""
    if value is None:
        return None
    ids, known = [], None
    for item in (v.strip() for v in value.split(",")):
        if not item:
            continue
        info = p.find_document(name=item)
        if info is not None:
            ids.append(info.id)
            continue
        known = set(p.document_ids()) if known is None else known
        if not (item.isdigit() and int(item) in known):
            raise AnnotatorError(f"{p.path.name} has no document called {item!r}.")
        ids.append(int(item))
    return ids


@cli.command()
@click.option("--verbose", "-v", is_flag=True, help="Say each step as it passes.")
def selftest(verbose: bool) -> None:
    """Check this installation end to end, headless: import the sample, annotate through the
    API and the window, export jsonl and conll, verify. One line; exit 0 on success."""
    from annotator.selftest import SelftestError, run_selftest

    try:
        line = run_selftest(log=(lambda msg: click.echo(f"  ok: {msg}", err=True)) if verbose else None)
    except SelftestError as exc:
        click.echo(f"selftest failed: {exc}")
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # noqa: BLE001 - any failure is a failed self-test, said in one line
        log = _log_internal_error(exc)
        click.echo(f"selftest failed: {type(exc).__name__}: {exc}" + (f" (details in {log})" if log else ""))
        sys.exit(EXIT_ERROR)
    click.echo(line)


def _add_team_verbs() -> None:
    from annotator.team_cli import team

    cli.add_command(team)


_add_team_verbs()


def _log_internal_error(exc: BaseException) -> Path | None:
    from annotator.errorlog import log_internal_error

    return log_internal_error(exc)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    streams = sys.stdout, sys.stderr
    try:
        return _run(argv)
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdout, sys.stderr = streams


def _run(argv: list[str] | None) -> int:
    try:
        cli.main(args=argv, prog_name="annotator", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("annotator: interrupted.", err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE if isinstance(exc, click.UsageError) else EXIT_ERROR
    except AnnotatorError as exc:
        click.echo(f"annotator: error: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("annotator: interrupted.", err=True)
        return EXIT_ERROR
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        log = _log_internal_error(exc)
        where = f"; details are in {log}" if log else ""
        click.echo(f"annotator: internal error: {type(exc).__name__}: {exc}{where}. Please report it.", err=True)
        return EXIT_INTERNAL
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
