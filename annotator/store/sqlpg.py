"""Translate the store's SQLite-dialect SQL into PostgreSQL's, once per statement.

The parts of the store write SQLite SQL with ``?`` placeholders.  A team database runs the
same statements: sqlglot (a SQL parser and transpiler) parses each one as SQLite and writes
it as PostgreSQL, with the few rewrites below on its syntax tree; the result is cached, so
a statement the window runs on every edit is parsed once per process (the cost is measured
by ``benchmarks/team_db_bench.py``).

What changes on the way:

- ``?`` becomes ``%s`` (psycopg's placeholder) and a literal ``%`` is doubled;
- ``x IS ?`` becomes ``x IS NOT DISTINCT FROM %s``; scalar ``max(a, b)`` ``GREATEST``;
- ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO NOTHING``, ``INSERT OR REPLACE`` an upsert on
  the table's unique key; an ``INSERT`` into a table with an ``id`` gets ``RETURNING id``
  (the cursor's ``lastrowid``);
- ``json_object`` becomes ``json_build_object``; ``sum(a = b)`` sums ``(a = b)::int``;
- a parameter used as a truth value (``... OR ?``) is compared with 0;
- ``LIKE`` becomes ``ILIKE`` (SQLite's LIKE ignores case); ``temp.t`` is ``pg_temp.t`` and
  ``main.t`` is ``t``; every identifier is quoted (``end`` is reserved in PostgreSQL);
- ``ORDER BY`` keeps SQLite's order of NULLs (first) only on columns that can hold NULL,
  so an ordered page of ids still walks an index.

DDL (the migrations) is translated by ``ddl`` with a few plain rewrites instead: SQLite's
column types, ``AUTOINCREMENT`` ids and sums of booleans in CHECK constraints.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

#: Tables without an ``id`` column (an INSERT into them has no lastrowid).
NO_ID = frozenset({"settings", "annotator_meta"})

#: What ``INSERT OR REPLACE`` conflicts on, per table (its unique key).
REPLACE_KEYS = {
    "attributes": "(coalesce(span_id, 0), coalesce(event_id, 0), coalesce(relation_id, 0), coalesce(stance_id, 0), name)",
    "settings": "(key)",
}

#: Columns that can hold NULL in some table (``ORDER BY`` on them keeps SQLite's NULLs-first).
NULLABLE: set[str] = set()


@dataclass(frozen=True)
class Statement:
    """One translated statement."""

    sql: str  # with %s placeholders and doubled literal %
    plain: str  # for running without parameters (no placeholders, % as written)
    write: bool  # changes the shared database (not only this session's temporary tables)
    table: str | None  # the table an INSERT writes
    explicit_id: bool  # an INSERT that gives the id itself (the id sequence must follow)
    returning: bool  # RETURNING id was added


_JSON_OBJECT = re.compile(r"\bjson_object\(", re.I)
_FIRST = re.compile(r"^\s*(\w+)", re.S)
_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"}


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> Statement:
    """Return ``sql`` (SQLite) as PostgreSQL (cached per statement text)."""
    import sqlglot
    from sqlglot import exp

    # json_object(...) as a plain function: sqlglot reads SQL/JSON's KEY ... VALUE syntax
    # into it, and a column called "value" then breaks the parse
    tree = sqlglot.parse_one(_JSON_OBJECT.sub("json_build_object(", sql), read="sqlite")
    temp_only = False
    table: str | None = None
    explicit_id = False
    returning = False
    replace_key: str | None = None
    replace_cols: list[str] = []

    def rewrite(node: exp.Expression) -> exp.Expression:
        nonlocal temp_only
        if isinstance(node, exp.Table):
            db = node.args.get("db")
            if db is not None and db.name == "temp":
                node.set("db", exp.to_identifier("pg_temp"))
                temp_only = True
            elif db is not None and db.name == "main":
                node.set("db", None)
        elif (isinstance(node, exp.Subquery) and not node.alias
              and isinstance(node.parent, exp.From | exp.Join)):
            node.set("alias", exp.TableAlias(this=exp.to_identifier(f"_q{id(node) % 10**6}")))
        elif isinstance(node, (exp.Sum, exp.Avg)) and isinstance(node.this, exp.Predicate):
            node.set("this", exp.Cast(this=exp.Paren(this=node.this.copy()), to=exp.DataType.build("int")))
        elif isinstance(node, exp.And | exp.Or | exp.Not):
            # SQLite takes a number as a truth value: "... OR ?" with 0 or 1
            for key in ("this", "expression"):
                arg = node.args.get(key)
                if isinstance(arg, exp.Placeholder):
                    node.set(key, exp.Paren(this=exp.NEQ(this=exp.Cast(this=arg.copy(), to=exp.DataType.build("int")),
                                                         expression=exp.Literal.number(0))))
        elif isinstance(node, exp.Like):
            return exp.ILike(this=node.this, expression=node.expression)
        elif isinstance(node, exp.Escape) and isinstance(node.this, exp.Like):
            node.set("this", exp.ILike(this=node.this.this, expression=node.this.expression))
        elif isinstance(node, exp.Ordered):
            col = node.this
            if isinstance(col, exp.Column) and col.name not in NULLABLE:
                node.set("nulls_first", False)
        elif isinstance(node, exp.OnConflict):
            for key in node.args.get("conflict_keys") or []:
                if isinstance(key, exp.Ordered):
                    key.set("nulls_first", False)
        return node

    tree = tree.transform(rewrite)
    kind = _FIRST.match(sql)
    first = kind.group(1).upper() if kind else ""
    if isinstance(tree, exp.Insert):
        target = tree.this
        tbl = target.this if isinstance(target, exp.Schema) else target
        if isinstance(tbl, exp.Table):
            table = tbl.name
            if tbl.args.get("db") is not None and tbl.args["db"].name == "pg_temp":
                temp_only = True
        cols = [c.name for c in target.expressions] if isinstance(target, exp.Schema) else []
        explicit_id = "id" in cols
        alternative = (tree.args.get("alternative") or "").upper()
        if alternative == "IGNORE":
            tree.set("alternative", None)
            tree.set("conflict", exp.OnConflict(action=exp.var("DO NOTHING")))
        elif alternative == "REPLACE":
            tree.set("alternative", None)
            replace_key = REPLACE_KEYS.get(table or "")
            if replace_key is None:
                raise ValueError(f"INSERT OR REPLACE into {table} has no known unique key")
            replace_cols = cols
    out = tree.sql("postgres", identify=True)
    if replace_key is not None:
        keys = set(re.findall(r"\w+", replace_key))
        sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in replace_cols if c not in keys) or '"id" = EXCLUDED."id"'
        out += f" ON CONFLICT {replace_key} DO UPDATE SET {sets}"
    if (table is not None and table not in NO_ID and not temp_only and "RETURNING" not in out.upper()):
        out += ' RETURNING "id"'
        returning = True
    write = first in _WRITES and not temp_only
    return Statement(sql=_percent(out), plain=out, write=write, table=table, explicit_id=explicit_id,
                     returning=returning)


_LITERAL = re.compile(r"('(?:[^']|'')*')")


def _percent(sql: str) -> str:
    """Double every ``%`` that is not a ``%s`` placeholder (psycopg formats the query)."""
    parts = _LITERAL.split(sql)
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = part.replace("%", "%%")
        else:
            parts[i] = re.sub(r"%(?!s)", "%%", part)
    return "".join(parts)


# -- DDL --------------------------------------------------------------------------------

_DDL_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bid INTEGER PRIMARY KEY( AUTOINCREMENT)?\b", re.I), "id BIGSERIAL PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"(?<![\w\"])end\b(?!\")"), '"end"'),
]
_BOOL_SUM_LEFT = re.compile(r"\((\w+ IS NOT NULL)\)(\s*\+)")
_BOOL_SUM_RIGHT = re.compile(r"(\+\s*)\((\w+ IS NOT NULL)\)")


def ddl(statement: str) -> str:
    """Translate one of the migrations' SQLite DDL statements into PostgreSQL's."""
    out = statement
    for pattern, repl in _DDL_RULES:
        out = pattern.sub(repl, out)
    out = _BOOL_SUM_LEFT.sub(r"(\1)::int\2", out)
    out = _BOOL_SUM_RIGHT.sub(r"\1(\2)::int", out)
    return out


def learn_nullable(columns: Any) -> None:
    """Record which column names can hold NULL (rows of ``(name, notnull, pk)``)."""
    for name, notnull, pk in columns:
        if not notnull and not pk:
            NULLABLE.add(name)
    translate.cache_clear()
