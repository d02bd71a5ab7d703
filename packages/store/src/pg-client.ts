import { ConfigError } from '@achbridge/core';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** How to reach a Postgres server. */
export interface PostgresLocation {
  /** A `postgres://user@host:port/db` connection string. */
  url: string;
  /** Most pooled connections (default 10). */
  maxConnections?: number | undefined;
}

interface PgQueryable {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

interface PgPoolClient extends PgQueryable {
  release(destroy?: boolean | Error): void;
}

interface PgPool extends PgQueryable {
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface PgModule {
  Pool: new (options: { connectionString: string; max: number }) => PgPool;
}

async function loadPg(): Promise<PgModule> {
  try {
    const loaded = (await import('pg')) as unknown as { default?: PgModule } & Partial<PgModule>;
    return (loaded.default ?? loaded) as PgModule;
  } catch (error) {
    throw new ConfigError('A Postgres store needs the optional peer dependency pg: npm install pg', {
      cause: error,
    });
  }
}

function executorOf(target: PgQueryable): SqlExecutor {
  return {
    async query<Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      const result = await target.query(text, [...params]);
      return result.rows as Row[];
    },
  };
}

/** Opens a node-postgres pool: many processes and machines can share one database. */
export async function openPgClient(location: PostgresLocation): Promise<SqlClient> {
  const { Pool } = await loadPg();
  const pool = new Pool({ connectionString: location.url, max: location.maxConnections ?? 10 });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const executor = executorOf(pool);
  let closed: Promise<void> | undefined;
  return {
    engine: 'postgres',
    query: executor.query,
    async transaction(work) {
      const connection = await pool.connect();
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const result = await work(executorOf(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
        }
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    close: () => {
      closed ??= pool.end();
      return closed;
    },
  };
}
