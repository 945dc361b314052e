"""``annotator team``: set up and look after a lab's team database (PostgreSQL).

The verbs are thin: the work is in ``annotator.store.teamdb`` and ``annotator.store.lanes``.
"""

from __future__ import annotations

import click


@click.group()
def team() -> None:
    """Set up a team database on PostgreSQL: copy a project into it, add annotators, export it."""


@team.command("create")
@click.argument("url")
@click.option("--from", "source", required=True, type=click.Path(dir_okay=False),
              help="The project file to copy into the new database (every table, scheme history included).")
def create(url: str, source: str) -> None:
    """Create the team database URL (postgresql://admin@host/lab) as a copy of a project file."""
    from annotator.store import teamdb

    click.echo(teamdb.create_from_file(url, source).summary())


@team.command("export")
@click.argument("url")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The project file to write.")
def export(url: str, out: str) -> None:
    """Write the whole team project URL into one project file."""
    from annotator.store import teamdb

    click.echo(teamdb.export_to_file(url, out).summary())


@team.command("add-annotator")
@click.argument("url")
@click.argument("name")
@click.option("--password", help="The role's password (default: asked for; ANNOTATOR_PASSWORD if set).",
              envvar="ANNOTATOR_PASSWORD")
@click.option("--lead", is_flag=True, help="A lead: assigns, adjudicates, writes gold, reads every layer.")
def add_annotator(url: str, name: str, password: str | None, lead: bool) -> None:
    """Create the PostgreSQL role NAME, which logs in with its password and writes only its own layer."""
    from annotator.store import lanes

    if password is None:
        password = click.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
    click.echo(lanes.add_annotator(url, name, password, lead=lead))


@team.command("blind")
@click.argument("url")
@click.argument("mode", type=click.Choice(["on", "off"]))
def blind(url: str, mode: str) -> None:
    """Hide (on) or show (off) the other annotators' layers to each annotator."""
    from annotator.store import lanes

    click.echo(lanes.set_blind(url, mode == "on"))
