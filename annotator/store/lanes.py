"""Each annotator in their own lane, enforced by PostgreSQL's row-level security.

Every annotator of a team database is a PostgreSQL role of the same name (``annotator team
add-annotator``), a member of the database's group ``<db>_annotators``; a lead is also in
``<db>_leads``.  The policies below let an annotator's role

- read every document, the scheme, the settings, the assignments and the edit log;
- read the other annotators' layers only while the lead allows it (``annotator team blind
  URL on`` hides the other people's layers and gold: blind double annotation);
- insert, change and delete only rows of their own layer (spans and their fragments,
  events, relations, stances, notes, document labels, attributes, their own status, their
  own suggestions), never move a row into another layer, never touch gold;
- write nothing else: documents, assignments, the scheme and the settings are the lead's.

A lead (or the database's owner, who created it) assigns, adjudicates, writes gold and
reads every layer.

Because an annotator writes only their own lane, annotators need not wait for each other:
``annotator_write_lock()``, which every write transaction calls first, gives an annotator
the write lock of their own lane (their window, their command line and their suggestions
take turns, as on a file) and a share of the database's, and gives a lead or the owner
the database's whole, so what a lead writes (across every lane) still waits for the
annotators' transactions under way and they for it.

Nothing here is a check in annotator's code: a connection with an annotator's password
and raw SQL meets the same refusals.
"""

from __future__ import annotations

from typing import Any

from annotator.core.errors import ProjectError

#: Layer tables: each row names the annotator whose layer it is.
LAYER_TABLES = ("spans", "events", "relations", "stances", "notes", "document_labels", "document_status",
                "suggestion_rejections")
#: Rows that belong to a layer through their parent row: (table, [(column, parent table)]).
CHILD_TABLES = (
    ("fragments", [("span_id", "spans")]),
    ("event_arguments", [("event_id", "events")]),
    ("stance_evidence", [("stance_id", "stances")]),
    ("attributes", [("span_id", "spans"), ("event_id", "events"), ("relation_id", "relations"), ("stance_id", "stances")]),
    ("suggestion_provenance", [("span_id", "spans"), ("document_label_id", "document_labels"), ("stance_id", "stances")]),
)
#: Tables only a lead writes (everyone reads them).
LEAD_TABLES = ("documents", "schemes", "settings", "assignments", "layer_origins")


def groups(database: str) -> tuple[str, str]:
    """The group roles of a database: (annotators, leads)."""
    return f"{database}_annotators", f"{database}_leads"


def _functions(leads: str) -> str:
    from annotator.store.postgres import WRITE_LOCK

    return f"""
CREATE OR REPLACE FUNCTION annotator_me() RETURNS bigint LANGUAGE sql STABLE AS
  $$ SELECT id FROM annotators WHERE name = session_user $$;
CREATE OR REPLACE FUNCTION annotator_is_lead() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT pg_has_role(session_user, '{leads}', 'MEMBER')
            OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) $$;
CREATE OR REPLACE FUNCTION annotator_blind() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce((SELECT value = 1 FROM annotator_meta WHERE key = 'blind'), false) $$;
CREATE OR REPLACE FUNCTION annotator_may_write(aid bigint) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT aid = annotator_me() OR annotator_is_lead() $$;
CREATE OR REPLACE FUNCTION annotator_write_lock() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF annotator_is_lead() OR pg_has_role(session_user, (SELECT relowner FROM pg_class
                                                      WHERE oid = 'annotator_meta'::regclass), 'MEMBER') THEN
    PERFORM pg_advisory_xact_lock({WRITE_LOCK});
  ELSE
    PERFORM pg_advisory_xact_lock_shared({WRITE_LOCK});
    PERFORM pg_advisory_xact_lock({WRITE_LOCK}, hashtext(session_user));
  END IF;
END $$;
CREATE OR REPLACE FUNCTION annotator_may_read(aid bigint) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT aid = annotator_me() OR annotator_is_lead() OR NOT annotator_blind()
            OR (SELECT kind NOT IN ('human', 'gold') FROM annotators WHERE id = aid) $$
"""


#: Refuses the deletion of a row the session may see but not write (a policy's USING
#: would only skip the row, and the delete would seem to succeed).  Its arguments say
#: whose row it is: ('layer', column), ('child', column, parent table, ...), or ('lead').
_GUARD = """
CREATE OR REPLACE FUNCTION annotator_lane_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_ jsonb := to_jsonb(OLD);
  owner bigint;
  i int := 1;
BEGIN
  IF annotator_is_lead() OR current_user = (SELECT tableowner FROM pg_tables
                                            WHERE schemaname = TG_TABLE_SCHEMA AND tablename = TG_TABLE_NAME) THEN
    RETURN OLD;
  END IF;
  IF TG_ARGV[0] = 'layer' THEN
    IF annotator_may_write((row_ ->> TG_ARGV[1])::bigint) THEN RETURN OLD; END IF;
  ELSIF TG_ARGV[0] = 'child' THEN
    WHILE i < TG_NARGS LOOP
      IF row_ ->> TG_ARGV[i] IS NOT NULL THEN
        EXECUTE format('SELECT annotator_id FROM %I WHERE id = $1', TG_ARGV[i + 1]) INTO owner
          USING (row_ ->> TG_ARGV[i])::bigint;
        -- the parent already gone: a cascade of a deletion that was itself checked
        IF owner IS NULL OR annotator_may_write(owner) THEN RETURN OLD; END IF;
      END IF;
      i := i + 2;
    END LOOP;
  END IF;
  RAISE EXCEPTION 'new row violates row-level security policy for table "%" (only its owner or a lead may delete it)',
    TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$
"""


def _policies(raw: Any, table: str, read: str, write: str, guard: tuple[str, ...] = ("lead",)) -> None:
    """An annotator reads what ``read`` allows; inserts, changes into and deletes only
    what ``write`` allows (a deletion of a visible row of another is an error, by the
    trigger ``annotator_lane_delete``)."""
    raw.execute(f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY')
    for name in ("lane_read", "lane_insert", "lane_update", "lane_delete"):
        raw.execute(f'DROP POLICY IF EXISTS {name} ON "{table}"')
    raw.execute(f'CREATE POLICY lane_read ON "{table}" FOR SELECT USING ({read})')
    raw.execute(f'CREATE POLICY lane_insert ON "{table}" FOR INSERT WITH CHECK ({write})')
    raw.execute(f'CREATE POLICY lane_update ON "{table}" FOR UPDATE USING ({read}) WITH CHECK ({write})')
    raw.execute(f'CREATE POLICY lane_delete ON "{table}" FOR DELETE USING ({read})')
    args = ", ".join(f"'{a}'" for a in guard)
    raw.execute(f'DROP TRIGGER IF EXISTS "Annotator_lane" ON "{table}"')
    raw.execute(f'CREATE TRIGGER "Annotator_lane" BEFORE DELETE ON "{table}" '
                f"FOR EACH ROW EXECUTE FUNCTION annotator_lane_delete({args})")


def _exists(raw: Any, table: str) -> bool:
    return bool(raw.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0])


def install(raw: Any) -> None:
    """Create the group roles, grants, functions and policies of the current database
    (again after every migration: a new table gets its lane too)."""
    database = raw.execute("SELECT current_database()").fetchone()[0]
    annotators, leads = groups(database)
    for role in (annotators, leads):
        if raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone() is None:
            raw.execute(f'CREATE ROLE "{role}" NOLOGIN')
    raw.execute(f'GRANT "{annotators}" TO "{leads}"')
    raw.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO "{annotators}"')
    raw.execute(f'GRANT USAGE ON SCHEMA public TO "{annotators}"')
    raw.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{annotators}"')
    raw.execute(f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{annotators}"')
    raw.execute(_functions(leads))
    raw.execute(_GUARD)
    lead = "annotator_is_lead()"
    for table in LAYER_TABLES:
        if _exists(raw, table):
            _policies(raw, table, "annotator_may_read(annotator_id)", "annotator_may_write(annotator_id)",
                      ("layer", "annotator_id"))
    for table, parents in CHILD_TABLES:
        if not _exists(raw, table):
            continue

        def through(check: str, parents: list[tuple[str, str]] = parents) -> str:
            return " OR ".join(f'EXISTS (SELECT 1 FROM "{p}" p WHERE p.id = {c} AND {check}(p.annotator_id))'
                               for c, p in parents)

        _policies(raw, table, through("annotator_may_read"), through("annotator_may_write"),
                  ("child", *(x for pair in parents for x in pair)))
    for table in LEAD_TABLES:
        if _exists(raw, table):
            _policies(raw, table, "true", lead)
    if _exists(raw, "suggestions"):
        _policies(raw, "suggestions", "annotator_may_read(for_annotator_id)", "annotator_may_write(for_annotator_id)",
                  ("layer", "for_annotator_id"))
    # an annotator adds only themselves (or the layers their recommenders write)
    _policies(raw, "annotators", "true", f"{lead} OR name = session_user OR kind IN ('suggestion', 'model')")
    raw.execute("DROP POLICY IF EXISTS lane_update ON annotators")
    raw.execute(f"CREATE POLICY lane_update ON annotators FOR UPDATE USING (true) WITH CHECK ({lead})")
    _policies(raw, "edit_log", "true", f"{lead} OR annotator_id = annotator_me()")
    raw.execute("DROP POLICY IF EXISTS lane_update ON edit_log")
    raw.execute(f"CREATE POLICY lane_update ON edit_log FOR UPDATE USING (true) WITH CHECK ({lead})")
    # every writer counts its commit (annotator.store.postgres: data_version)
    _policies(raw, "annotator_meta", "true", lead)
    raw.execute("DROP POLICY IF EXISTS lane_update ON annotator_meta")
    raw.execute(f"CREATE POLICY lane_update ON annotator_meta FOR UPDATE USING (true) "
                f"WITH CHECK ({lead} OR key = 'commits')")


def add_annotator(url: str, name: str, password: str, *, lead: bool = False) -> str:
    """Create (or update) the role ``name`` with ``password`` in the database ``url`` names
    (connected as its owner or a superuser) and add ``name`` to the project's annotators."""
    from psycopg import sql

    from annotator.store import postgres
    from annotator.store.settings import now

    name = (name or "").strip()
    if not name:
        raise ProjectError("an annotator needs a name.")
    if not password:
        raise ProjectError(f"{name} needs a password to log in with.")
    backend = postgres.open_database(url)
    raw = backend.raw
    try:
        database = raw.execute("SELECT current_database()").fetchone()[0]
        annotators, leads = groups(database)
        exists = raw.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is not None
        verb = "ALTER ROLE {} WITH LOGIN PASSWORD {}" if exists else "CREATE ROLE {} LOGIN PASSWORD {}"
        raw.execute(sql.SQL(verb).format(sql.Identifier(name), sql.Literal(password)))
        raw.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(annotators), sql.Identifier(name)))
        if lead:
            raw.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(leads), sql.Identifier(name)))
        with backend.transaction():
            backend.conn.execute("INSERT INTO annotators(name, kind, created_at) VALUES (?, 'human', ?) "
                                 "ON CONFLICT (name) DO NOTHING", (name, now()))
    except Exception as exc:
        psycopg = postgres._psycopg()
        if isinstance(exc, psycopg.Error):
            raise ProjectError(f"cannot add {name} to {backend.location}: {str(exc).strip().splitlines()[0]}.") from None
        raise
    finally:
        backend.close()
    role = "lead" if lead else "annotator"
    return (f"{name} is {'now' if exists else 'added as'} an {role} of {backend.location}; "
            f"they open it as postgresql://{name}@HOST/{database}.")


def set_blind(url: str, on: bool) -> str:
    """Hide (``on``) or show the other annotators' layers to each annotator."""
    from annotator.store import postgres

    backend = postgres.open_database(url)
    try:
        with backend.transaction():
            backend.raw.execute("INSERT INTO annotator_meta(key, value) VALUES ('blind', %s) "
                                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (1 if on else 0,))
            backend.conn.wrote = True
    finally:
        backend.close()
    return (f"Annotators of {backend.location} now see only their own layers." if on
            else f"Annotators of {backend.location} now see every layer.")
