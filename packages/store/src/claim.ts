import { randomUUID } from 'node:crypto';
import { sleep } from '@achbridge/core';
import type { SqlClient, SqlExecutor } from './sql-client.js';
import { ClaimTimeoutError, StoreError } from './store-errors.js';

/** A table whose rows are claimed: its qualified name, its key columns and a name for errors. */
export interface ClaimTable {
  /** Schema-qualified table name (an internal constant, never user input). */
  table: string;
  /** The primary key's columns. */
  keyColumns: readonly string[];
  /** What is claimed, for error messages (`payment`, `processor_link`, `public_token`). */
  scope: string;
}

/** How long a claim lives and how long others wait for it. */
export interface ClaimTiming {
  /** A claim's lease; a dead owner's claim is taken over after it (renewed while the owner works). */
  leaseMs: number;
  /** How long a caller waits for another process's claim to finish before a ClaimTimeoutError. */
  waitMs: number;
  /** The first pause between polls of another process's claim (doubles up to 250 ms). */
  pollMs: number;
}

/** What a claim does: `work` runs once across processes, `complete` stores its outcome in the same row. */
export interface ClaimWork<Row, Outcome, Result> {
  /** Creates the object (the provider call). Runs only in the process that holds the claim. */
  work(): Promise<Outcome>;
  /** Writes the outcome into the claimed row (`state = 'done'`) and returns the updated row, or none if another finished first. */
  complete(tx: SqlExecutor, outcome: Outcome): Promise<Row | undefined>;
  /** Turns a finished row into the caller's result. */
  read(row: Row): Promise<Result> | Result;
  /** Stops waiting for another process's claim. */
  signal?: AbortSignal | undefined;
}

/** A claimed operation's result and whether this call ran it. */
export interface ClaimOutcome<Result> {
  value: Result;
  /** True when this call ran `work`; false when it read a finished row. */
  created: boolean;
}

function abortError(signal: AbortSignal): StoreError {
  return new StoreError('STORE_ABORTED', 'Stopped waiting for another process: the caller aborted', {
    cause: signal.reason,
  });
}

/**
 * Runs `work` at most once across every process sharing the database: the first caller inserts a pending
 * row and works (renewing its lease), the others poll until the row is done and read it. A pending row
 * whose lease ran out (its owner died) is taken over; a failed `work` deletes the row so a later call retries.
 */
export async function runClaimed<Row extends Record<string, unknown>, Outcome, Result>(
  client: SqlClient,
  target: ClaimTable,
  keyValues: readonly unknown[],
  timing: ClaimTiming,
  claim: ClaimWork<Row, Outcome, Result>,
): Promise<ClaimOutcome<Result>> {
  const keyList = target.keyColumns.join(', ');
  const keyMatch = target.keyColumns.map((column, index) => `${column} = $${index + 1}`).join(' AND ');
  const next = target.keyColumns.length + 1;
  const lease = `clock_timestamp() + $${next + 1} * interval '1 millisecond'`;
  const owner = randomUUID();
  const deadline = Date.now() + timing.waitMs;
  let pollMs = timing.pollMs;

  for (;;) {
    if (claim.signal?.aborted) throw abortError(claim.signal);
    const inserted = await client.query(
      `INSERT INTO ${target.table} (${keyList}, state, owner, lease_until)
       VALUES (${target.keyColumns.map((_, index) => `$${index + 1}`).join(', ')}, 'pending', $${next}, ${lease})
       ON CONFLICT DO NOTHING RETURNING state`,
      [...keyValues, owner, timing.leaseMs],
    );
    if (inserted.length > 0) break;
    const [row] = await client.query<Row & { state: string; owner: string | null; expired: boolean }>(
      `SELECT *, (lease_until < clock_timestamp()) AS expired FROM ${target.table} WHERE ${keyMatch}`,
      keyValues,
    );
    if (row?.state === 'done') return { value: await claim.read(row), created: false };
    if (row?.expired === true) {
      const taken = await client.query(
        `UPDATE ${target.table} SET owner = $${next}, lease_until = ${lease}
         WHERE ${keyMatch} AND state = 'pending' AND lease_until < clock_timestamp() RETURNING state`,
        [...keyValues, owner, timing.leaseMs],
      );
      if (taken.length > 0) break;
    }
    if (row !== undefined) {
      if (Date.now() >= deadline) {
        throw new ClaimTimeoutError(
          target.scope,
          `Another process is still working on this ${target.scope}; retry later (it finishes or its lease expires)`,
        );
      }
      await sleep(pollMs, claim.signal, () => abortError(claim.signal as AbortSignal));
      pollMs = Math.min(pollMs * 2, 250);
    }
  }

  // This call holds the claim: keep the lease alive while working, so a slow provider call is not taken over.
  const renew = setInterval(
    () => {
      client
        .query(
          `UPDATE ${target.table} SET lease_until = ${lease}
           WHERE ${keyMatch} AND state = 'pending' AND owner = $${next}`,
          [...keyValues, owner, timing.leaseMs],
        )
        .catch(() => {});
    },
    Math.max(10, Math.floor(timing.leaseMs / 3)),
  );
  renew.unref?.();
  let outcome: Outcome;
  try {
    outcome = await claim.work();
  } catch (error) {
    clearInterval(renew);
    // Release the claim so the next call retries at once; if the database is gone the lease expires instead.
    await client
      .query(`DELETE FROM ${target.table} WHERE ${keyMatch} AND state = 'pending' AND owner = $${next}`, [
        ...keyValues,
        owner,
      ])
      .catch(() => {});
    throw error;
  }
  clearInterval(renew);
  const finished = await client.transaction((tx) => claim.complete(tx, outcome));
  if (finished !== undefined) return { value: await claim.read(finished), created: true };
  // A process that took over a lapsed claim finished first: everyone returns its object.
  const [row] = await client.query<Row>(`SELECT * FROM ${target.table} WHERE ${keyMatch}`, keyValues);
  if (row === undefined) {
    throw new ClaimTimeoutError(target.scope, `The ${target.scope} claim vanished while finishing; retry`);
  }
  return { value: await claim.read(row), created: false };
}
