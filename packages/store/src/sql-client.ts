/** Runs one SQL statement with positional parameters (`$1`, `$2`, ...) and returns its rows. */
export interface SqlExecutor {
  /** Runs `text` with `params`; rows come back as plain objects keyed by column name. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
}

/** The tiny query interface the store runs on: PGlite and node-postgres both implement it. */
export interface SqlClient extends SqlExecutor {
  /** Which engine serves the queries. */
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Closes the connection(s). */
  close(): Promise<void>;
}
