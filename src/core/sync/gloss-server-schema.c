/* gloss-server-schema.c: the team server's tables, rules and migrations
 *
 * A published project lives in the schema "gloss" of a PostgreSQL
 * database. The role that publishes it owns every table and is the lead:
 * as owner it is not bound by the row-level policies, which are there for
 * the coders. Each coder has a role of its own (gloss.member maps it to
 * the coder's GUID) that may read the project and write only its own
 * codings and memos; while the phase is "blind" it cannot read other
 * coders' codings at all, nor learn of them through the change log.
 *
 * Every change to a table a client keeps is appended to gloss.change_log
 * by a trigger, with a sequence number that clients pull from. Writers take
 * one transaction-wide lock before they append, so numbers are handed out
 * in commit order and a client that has seen number N has seen every
 * change below it. A transaction announces its changes with NOTIFY
 * gloss_changes, the table's name as payload (PostgreSQL folds the same
 * payloads of one transaction into one notification).
 *
 * Like the file's, the migrations run in order inside one transaction and
 * gloss.schema_version records the result. Never edit a released one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-sync-private.h"

static const char server_migration_1[] =
  "CREATE SCHEMA gloss;"
  "CREATE TABLE gloss.schema_version (version integer NOT NULL);"
  "INSERT INTO gloss.schema_version VALUES (0);"

  "CREATE TABLE gloss.project ("
  "  id integer PRIMARY KEY CHECK (id = 1),"
  "  guid text NOT NULL UNIQUE,"
  "  title text NOT NULL,"
  "  phase text NOT NULL DEFAULT 'blind' CHECK (phase IN ('blind', 'review')),"
  "  created bigint NOT NULL);"

  "CREATE TABLE gloss.coder ("
  "  guid text PRIMARY KEY,"
  "  name text NOT NULL UNIQUE CHECK (length (btrim (name)) > 0),"
  "  color text NOT NULL,"
  "  created bigint NOT NULL);"

  /* Roles of this project: the lead's (coder_guid NULL) and the coders'. */
  "CREATE TABLE gloss.member ("
  "  role name PRIMARY KEY,"
  "  coder_guid text UNIQUE REFERENCES gloss.coder (guid) ON DELETE CASCADE,"
  "  is_lead boolean NOT NULL DEFAULT false);"

  /* The bytes of a document once, however many documents hold them. */
  "CREATE TABLE gloss.blob ("
  "  sha256 text PRIMARY KEY,"
  "  bytes bytea NOT NULL);"

  "CREATE TABLE gloss.document ("
  "  guid text PRIMARY KEY,"
  "  title text NOT NULL,"
  "  filename text NOT NULL,"
  "  kind text NOT NULL CHECK (kind IN ('pdf', 'text')),"
  "  sha256 text NOT NULL REFERENCES gloss.blob (sha256),"
  "  size bigint NOT NULL,"
  "  password text,"
  "  n_pages integer NOT NULL,"
  "  n_chars bigint NOT NULL,"
  "  text text NOT NULL,"
  "  removed integer NOT NULL DEFAULT 0,"
  "  created bigint NOT NULL,"
  /* which text extraction the text came from (the file's document.text_extraction) */
  "  text_extraction integer NOT NULL DEFAULT 0);"

  "CREATE TABLE gloss.page ("
  "  document_guid text NOT NULL REFERENCES gloss.document (guid) ON DELETE CASCADE,"
  "  idx integer NOT NULL,"
  "  start bigint NOT NULL,"
  "  length bigint NOT NULL,"
  "  width double precision NOT NULL,"
  "  height double precision NOT NULL,"
  "  PRIMARY KEY (document_guid, idx));"

  "CREATE TABLE gloss.code ("
  "  guid text PRIMARY KEY,"
  "  parent_guid text REFERENCES gloss.code (guid) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"
  "  name text NOT NULL,"
  "  color text NOT NULL,"
  "  description text NOT NULL DEFAULT '',"
  "  position integer NOT NULL DEFAULT 0,"
  "  codable integer NOT NULL DEFAULT 1,"
  "  created bigint NOT NULL,"
  "  modified bigint NOT NULL);"

  "CREATE TABLE gloss.coding ("
  "  guid text PRIMARY KEY,"
  "  document_guid text NOT NULL REFERENCES gloss.document (guid) ON DELETE CASCADE,"
  "  coder_guid text NOT NULL REFERENCES gloss.coder (guid) ON DELETE CASCADE,"
  "  code_guid text NOT NULL REFERENCES gloss.code (guid) ON DELETE CASCADE,"
  "  start bigint NOT NULL CHECK (start >= 0),"
  "  \"end\" bigint NOT NULL CHECK (\"end\" > start),"
  "  quote text NOT NULL,"
  "  prefix text NOT NULL DEFAULT '',"
  "  suffix text NOT NULL DEFAULT '',"
  "  memo text,"
  "  created bigint NOT NULL,"
  "  modified bigint NOT NULL,"
  "  UNIQUE (document_guid, coder_guid, code_guid, start, \"end\"));"
  "CREATE INDEX coding_coder ON gloss.coding (coder_guid);"

  /* Memos on the project, a document, a code or a coder, each written by
   * one role. */
  "CREATE TABLE gloss.memo ("
  "  guid text PRIMARY KEY,"
  "  target_kind text NOT NULL CHECK (target_kind IN ('project', 'document', 'code', 'coder')),"
  "  target_guid text NOT NULL,"
  "  text text NOT NULL,"
  "  owner name NOT NULL DEFAULT current_user,"
  "  created bigint NOT NULL,"
  "  modified bigint NOT NULL);"

  /* Append-only: no role but the owner's triggers may write it. */
  "CREATE TABLE gloss.change_log ("
  "  seq bigserial PRIMARY KEY,"
  "  tbl text NOT NULL,"
  "  guid text NOT NULL,"
  "  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),"
  "  coder_guid text,"
  "  by_role name NOT NULL DEFAULT session_user,"
  "  at timestamptz NOT NULL DEFAULT now());"
  "CREATE INDEX change_log_row ON gloss.change_log (tbl, guid);"

  /* The caller's coder, and the phase; not SECURITY DEFINER, so that they
   * see the caller as current_user; with their own search_path, so that
   * no name or operator of the caller's can stand in for ours. */
  "CREATE FUNCTION gloss.my_coder () RETURNS text LANGUAGE sql STABLE"
  "  SET search_path = pg_catalog, pg_temp"
  "  AS $$ SELECT coder_guid FROM gloss.member WHERE role = current_user $$;"
  "CREATE FUNCTION gloss.phase () RETURNS text LANGUAGE sql STABLE"
  "  SET search_path = pg_catalog, pg_temp"
  "  AS $$ SELECT phase FROM gloss.project WHERE id = 1 $$;"

  /* Every logged table has a guid; a coding's row also names its coder,
   * whom the log's policy needs. */
  "CREATE FUNCTION gloss.log_change () RETURNS trigger LANGUAGE plpgsql"
  "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
  "BEGIN"
  "  PERFORM pg_advisory_xact_lock (74707);"
  "  IF TG_OP = 'DELETE' THEN"
  "    INSERT INTO gloss.change_log (tbl, guid, op) VALUES (TG_TABLE_NAME, OLD.guid, 'delete');"
  "  ELSE"
  "    INSERT INTO gloss.change_log (tbl, guid, op) VALUES (TG_TABLE_NAME, NEW.guid, lower (TG_OP));"
  "  END IF;"
  "  PERFORM pg_notify ('gloss_changes', TG_TABLE_NAME);"
  "  RETURN NULL;"
  "END $$;"
  "CREATE FUNCTION gloss.log_coding_change () RETURNS trigger LANGUAGE plpgsql"
  "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$"
  "BEGIN"
  "  PERFORM pg_advisory_xact_lock (74707);"
  "  IF TG_OP = 'DELETE' THEN"
  "    INSERT INTO gloss.change_log (tbl, guid, op, coder_guid) VALUES ('coding', OLD.guid, 'delete', OLD.coder_guid);"
  "  ELSE"
  "    INSERT INTO gloss.change_log (tbl, guid, op, coder_guid) VALUES ('coding', NEW.guid, lower (TG_OP), NEW.coder_guid);"
  "  END IF;"
  "  PERFORM pg_notify ('gloss_changes', 'coding');"
  "  RETURN NULL;"
  "END $$;"

  "CREATE TRIGGER project_log AFTER INSERT OR UPDATE OR DELETE ON gloss.project"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER coder_log AFTER INSERT OR UPDATE OR DELETE ON gloss.coder"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER document_log AFTER INSERT OR UPDATE OR DELETE ON gloss.document"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER code_log AFTER INSERT OR UPDATE OR DELETE ON gloss.code"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER coding_log AFTER INSERT OR UPDATE OR DELETE ON gloss.coding"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_coding_change ();"
  "CREATE TRIGGER memo_log AFTER INSERT OR UPDATE OR DELETE ON gloss.memo"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"

  /* What a coder may see and do. The owner (the lead) is not bound. */
  "ALTER TABLE gloss.coding ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY coding_read ON gloss.coding FOR SELECT"
  "  USING (coder_guid = gloss.my_coder () OR gloss.phase () = 'review');"
  "CREATE POLICY coding_insert ON gloss.coding FOR INSERT"
  "  WITH CHECK (coder_guid = gloss.my_coder ());"
  "CREATE POLICY coding_update ON gloss.coding FOR UPDATE"
  "  USING (coder_guid = gloss.my_coder ()) WITH CHECK (coder_guid = gloss.my_coder ());"
  "CREATE POLICY coding_delete ON gloss.coding FOR DELETE"
  "  USING (coder_guid = gloss.my_coder ());"

  "ALTER TABLE gloss.memo ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY memo_read ON gloss.memo FOR SELECT USING (true);"
  "CREATE POLICY memo_insert ON gloss.memo FOR INSERT WITH CHECK (owner = current_user);"
  "CREATE POLICY memo_update ON gloss.memo FOR UPDATE"
  "  USING (owner = current_user) WITH CHECK (owner = current_user);"
  "CREATE POLICY memo_delete ON gloss.memo FOR DELETE USING (owner = current_user);"

  "ALTER TABLE gloss.change_log ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY change_log_read ON gloss.change_log FOR SELECT"
  "  USING (tbl <> 'coding' OR coder_guid = gloss.my_coder () OR gloss.phase () = 'review');"

  /* Nothing for anyone else until the lead adds them. */
  "REVOKE ALL ON ALL TABLES IN SCHEMA gloss FROM PUBLIC;"
  "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA gloss FROM PUBLIC;"
  "REVOKE ALL ON SCHEMA gloss FROM PUBLIC;";


/* Version 2: memos and notes, attributes, cases and sets.
 *
 * A memo is one per target, as in the file; a coder writes and deletes
 * only the memos and notes their role wrote, the lead every one (as
 * owner). Attributes, their values, cases with their members and sets
 * with theirs are the lead's: coders may only read them. Rows that have no
 * GUID of their own in the file (a value, a set's member) are named by the
 * GUIDs they join, "attribute/target" and "set/member". A document's text
 * may change (extracted again by a newer Gloss): its pages change with it,
 * each change logged as the document's. gloss.refuse () turns a write the
 * rules silently skip (a DELETE of a row the policy hides from it) into an
 * error the client reports. */
static const char server_migration_2[] =
  "ALTER TABLE gloss.memo ADD CONSTRAINT memo_target UNIQUE (target_kind, target_guid);"

  "CREATE TABLE gloss.note ("
  "  guid text PRIMARY KEY,"
  "  name text NOT NULL DEFAULT '',"
  "  text text NOT NULL,"
  "  author_guid text,"
  "  author_name text,"
  "  owner name NOT NULL DEFAULT current_user,"
  "  created bigint,"
  "  modified bigint);"

  "CREATE TABLE gloss.attribute ("
  "  guid text PRIMARY KEY,"
  "  target text NOT NULL CHECK (target IN ('document', 'coder', 'case')),"
  "  name text NOT NULL CHECK (length (btrim (name)) > 0),"
  "  type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean', 'category')),"
  "  choices text,"
  "  description text NOT NULL DEFAULT '',"
  "  position integer NOT NULL DEFAULT 0,"
  "  created bigint NOT NULL);"

  "CREATE TABLE gloss.attribute_value ("
  "  guid text PRIMARY KEY,"
  "  attribute_guid text NOT NULL REFERENCES gloss.attribute (guid) ON DELETE CASCADE,"
  "  target_guid text NOT NULL,"
  "  value text NOT NULL,"
  "  UNIQUE (attribute_guid, target_guid));"

  "CREATE TABLE gloss.case_item ("
  "  guid text PRIMARY KEY,"
  "  name text NOT NULL CHECK (length (btrim (name)) > 0),"
  "  description text NOT NULL DEFAULT '',"
  "  created bigint NOT NULL);"

  "CREATE TABLE gloss.case_member ("
  "  guid text PRIMARY KEY,"
  "  case_guid text NOT NULL REFERENCES gloss.case_item (guid) ON DELETE CASCADE,"
  "  document_guid text NOT NULL REFERENCES gloss.document (guid) ON DELETE CASCADE,"
  "  start bigint CHECK (start IS NULL OR start >= 0),"
  "  \"end\" bigint CHECK (\"end\" IS NULL OR \"end\" > start));"

  "CREATE TABLE gloss.set_item ("
  "  guid text PRIMARY KEY,"
  "  kind text NOT NULL CHECK (kind IN ('document', 'code')),"
  "  name text NOT NULL CHECK (length (btrim (name)) > 0),"
  "  rule text,"
  "  description text NOT NULL DEFAULT '',"
  "  created bigint NOT NULL);"

  "CREATE TABLE gloss.set_member ("
  "  guid text PRIMARY KEY,"
  "  set_guid text NOT NULL REFERENCES gloss.set_item (guid) ON DELETE CASCADE,"
  "  member_guid text NOT NULL,"
  "  UNIQUE (set_guid, member_guid));"

  "CREATE TRIGGER note_log AFTER INSERT OR UPDATE OR DELETE ON gloss.note"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER attribute_log AFTER INSERT OR UPDATE OR DELETE ON gloss.attribute"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER attribute_value_log AFTER INSERT OR UPDATE OR DELETE ON gloss.attribute_value"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER case_item_log AFTER INSERT OR UPDATE OR DELETE ON gloss.case_item"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER case_member_log AFTER INSERT OR UPDATE OR DELETE ON gloss.case_member"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER set_item_log AFTER INSERT OR UPDATE OR DELETE ON gloss.set_item"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"
  "CREATE TRIGGER set_member_log AFTER INSERT OR UPDATE OR DELETE ON gloss.set_member"
  "  FOR EACH ROW EXECUTE FUNCTION gloss.log_change ();"

  "ALTER TABLE gloss.note ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY note_read ON gloss.note FOR SELECT USING (true);"
  "CREATE POLICY note_insert ON gloss.note FOR INSERT WITH CHECK (owner = current_user);"
  "CREATE POLICY note_update ON gloss.note FOR UPDATE"
  "  USING (owner = current_user) WITH CHECK (owner = current_user);"
  "CREATE POLICY note_delete ON gloss.note FOR DELETE USING (owner = current_user);"

  "CREATE FUNCTION gloss.refuse (what text) RETURNS boolean LANGUAGE plpgsql"
  "  SET search_path = pg_catalog, pg_temp AS $$"
  "BEGIN"
  "  RAISE EXCEPTION 'permission denied to change %', what USING ERRCODE = 'insufficient_privilege';"
  "END $$;"

  "REVOKE ALL ON ALL TABLES IN SCHEMA gloss FROM PUBLIC;"
  "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA gloss FROM PUBLIC;"

  /* The coders there already get what version 2 gives a coder. */
  "DO $$ DECLARE r name; BEGIN"
  "  FOR r IN SELECT role FROM gloss.member WHERE NOT is_lead LOOP"
  "    EXECUTE format ('GRANT SELECT ON gloss.attribute, gloss.attribute_value, gloss.case_item, "
  "gloss.case_member, gloss.set_item, gloss.set_member TO %I', r);"
  "    EXECUTE format ('GRANT SELECT, INSERT, UPDATE, DELETE ON gloss.note TO %I', r);"
  "    EXECUTE format ('GRANT EXECUTE ON FUNCTION gloss.refuse (text) TO %I', r);"
  "  END LOOP;"
  "END $$;";

static const char * const server_migrations[] = {
  server_migration_1,
  server_migration_2,
};

/* What a coder's role is given (see _gloss_server_grant_coder). */
static const char * const coder_read_tables[] = {
  "schema_version", "project", "coder", "member", "blob", "document", "page", "code",
  "change_log", "attribute", "attribute_value", "case_item", "case_member", "set_item", "set_member",
};
static const char * const coder_write_tables[] = { "coding", "memo", "note" };

int
_gloss_server_schema_version_known (void)
{
  return G_N_ELEMENTS (server_migrations);
}

gboolean
_gloss_server_migrate (PGconn  *conn,
                       int      from_version,
                       GError **error)
{
  g_autofree char *set_version = NULL;

  for (int v = from_version; v < (int) G_N_ELEMENTS (server_migrations); v++)
    if (!_gloss_pg_exec (conn, server_migrations[v], error))
      return FALSE;

  set_version = g_strdup_printf ("UPDATE gloss.schema_version SET version = %d",
                                 (int) G_N_ELEMENTS (server_migrations));
  return _gloss_pg_exec (conn, set_version, error);
}

static gboolean
grant_each (PGconn             *conn,
            const char         *privileges,
            const char * const *tables,
            guint               n_tables,
            const char         *role,
            gboolean            grant,
            GError            **error)
{
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf (grant ? "GRANT %s ON gloss.%s TO %s" : "REVOKE %s ON gloss.%s FROM %s",
                                              privileges, tables[i], role);
      if (!_gloss_pg_exec (conn, sql, error))
        return FALSE;
    }

  return TRUE;
}

/* @role is an identifier already quoted (PQescapeIdentifier). */
gboolean
_gloss_server_grant_coder (PGconn      *conn,
                           const char  *role,
                           gboolean     grant,
                           GError     **error)
{
  g_autofree char *schema = g_strdup_printf (grant ? "GRANT USAGE ON SCHEMA gloss TO %s" : "REVOKE USAGE ON SCHEMA gloss FROM %s", role);
  g_autofree char *functions = g_strdup_printf (grant ? "GRANT EXECUTE ON FUNCTION gloss.my_coder (), gloss.phase (), gloss.refuse (text) TO %s"
                                                      : "REVOKE EXECUTE ON FUNCTION gloss.my_coder (), gloss.phase (), gloss.refuse (text) FROM %s",
                                                role);

  return _gloss_pg_exec (conn, schema, error) &&
         _gloss_pg_exec (conn, functions, error) &&
         grant_each (conn, "SELECT", coder_read_tables, G_N_ELEMENTS (coder_read_tables), role, grant, error) &&
         grant_each (conn, grant ? "SELECT, INSERT, UPDATE, DELETE" : "ALL", coder_write_tables,
                     G_N_ELEMENTS (coder_write_tables), role, grant, error);
}
