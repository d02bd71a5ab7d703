import { ConfigError } from '@achbridge/core';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** Where the embedded database keeps its files: a folder, or memory only. */
export interface PgliteLocation {
  /** A folder for the database files (created when missing); omit for an in-memory database. */
  dataDir?: string | undefined;
}

interface PgliteQueryable {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

interface PgliteInstance extends PgliteQueryable {
  transaction<T>(work: (tx: PgliteQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface PgliteModule {
  PGlite: { create(options: { dataDir?: string }): Promise<PgliteInstance> };
}

function executorOf(target: PgliteQueryable): SqlExecutor {
  return {
    async query<Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(text, [...params]);
      return result.rows;
    },
  };
}

async function loadPglite(): Promise<PgliteModule> {
  try {
    return (await import('@electric-sql/pglite')) as unknown as PgliteModule;
  } catch (error) {
    throw new ConfigError(
      'The embedded store needs the optional peer dependency @electric-sql/pglite: npm install @electric-sql/pglite (or pass a Postgres url)',
      { cause: error },
    );
  }
}

/** Opens the embedded Postgres (PGlite, WASM): one process at a time, persisted to `dataDir` or in memory. */
export async function openPgliteClient(location: PgliteLocation = {}): Promise<SqlClient> {
  const { PGlite } = await loadPglite();
  const db = await PGlite.create(location.dataDir === undefined ? {} : { dataDir: location.dataDir });
  const executor = executorOf(db);
  let closed: Promise<void> | undefined;
  return {
    engine: 'pglite',
    query: executor.query,
    // PGlite runs one statement at a time and queues transactions, so they never interleave.
    transaction: (work) => db.transaction((tx) => work(executorOf(tx))),
    close: () => {
      closed ??= db.close();
      return closed;
    },
  };
}
