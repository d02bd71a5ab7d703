import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import type { SqlClient } from './sql-client.js';
import { StoreSchemaError } from './store-errors.js';

// Every process migrating the same database takes this transaction-scoped advisory lock first, so two
// instances starting together never run a step twice.
const MIGRATION_LOCK = 7_301_482;

/** Quotes a validated Postgres schema name. */
export function quoteSchema(schema: string): string {
  return `"${schema}"`;
}

/** Brings the schema up to `target` (default: the newest), in one transaction; refuses a newer schema. */
export async function migrate(client: SqlClient, schema: string, target = SCHEMA_VERSION): Promise<number> {
  const quoted = quoteSchema(schema);
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
        version integer PRIMARY KEY,
        description text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
    );
    const [row] = await tx.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${quoted}.schema_migrations`,
    );
    const current = Number(row?.version ?? 0);
    if (current > SCHEMA_VERSION) {
      throw new StoreSchemaError(
        current,
        SCHEMA_VERSION,
        `The database schema "${schema}" is at version ${current}, newer than this @achbridge/store knows (${SCHEMA_VERSION}); upgrade @achbridge/store`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > target) continue;
      for (const statement of migration.sql.replaceAll('{schema}', quoted).split(/;\s*\n/)) {
        if (statement.trim() !== '') await tx.query(statement);
      }
      await tx.query(`INSERT INTO ${quoted}.schema_migrations (version, description) VALUES ($1, $2)`, [
        migration.version,
        migration.description,
      ]);
    }
    return Math.max(current, Math.min(target, SCHEMA_VERSION));
  });
}
