import { ConfigError } from '@achbridge/core';

/** The job states pg-boss 10 keeps. */
export type PgBossJobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** A job as pg-boss 10's `fetch` and `getJobById` return it (with metadata). */
export interface PgBossJob {
  id: string;
  name: string;
  data: unknown;
  expireInSeconds: number | string;
  state?: PgBossJobState;
  retryCount?: number;
  retryLimit?: number;
  singletonKey?: string | null;
  createdOn?: Date;
  startedOn?: Date | null;
  completedOn?: Date | null;
  output?: unknown;
}

/** Per-job and per-queue retry and expiration settings, in pg-boss 10's words. */
export interface PgBossJobOptions {
  expireInSeconds?: number;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
}

/** The part of pg-boss 10's API the job engine uses (kept local so the package's types never need pg-boss). */
export interface PgBossInstance {
  on(event: 'error', listener: (error: Error) => void): unknown;
  start(): Promise<unknown>;
  stop(options?: { graceful?: boolean; close?: boolean; wait?: boolean; timeout?: number }): Promise<void>;
  createQueue(name: string, options?: PgBossJobOptions & { policy?: string }): Promise<void>;
  getQueue(name: string): Promise<{ name: string } | null>;
  send(
    name: string,
    data: object,
    options: PgBossJobOptions & { id?: string; singletonKey?: string },
  ): Promise<string | null>;
  fetch(
    name: string,
    options: { batchSize?: number; includeMetadata?: boolean },
  ): Promise<PgBossJob[] | null>;
  complete(name: string, id: string, data?: object): Promise<unknown>;
  fail(name: string, id: string, data?: object): Promise<unknown>;
  getJobById(name: string, id: string, options?: { includeArchive?: boolean }): Promise<PgBossJob | null>;
}

/** pg-boss 10's constructor options the job engine sets. */
export interface PgBossConstructorOptions {
  connectionString: string;
  schema: string;
  max: number;
  application_name: string;
  schedule: boolean;
  supervise: boolean;
  migrate: boolean;
  maintenanceIntervalSeconds: number;
}

/** The pg-boss class. */
export type PgBossConstructor = new (options: PgBossConstructorOptions) => PgBossInstance;

/** Loads pg-boss (an optional peer dependency) or throws a ConfigError naming it. */
export async function loadPgBoss(): Promise<PgBossConstructor> {
  try {
    const loaded = (await import('pg-boss')) as unknown as { default?: PgBossConstructor };
    const PgBoss = loaded.default ?? (loaded as unknown as PgBossConstructor);
    if (typeof PgBoss !== 'function') throw new TypeError('pg-boss has no default export');
    return PgBoss;
  } catch (error) {
    throw new ConfigError(
      'The job engine needs the optional peer dependency pg-boss 10: npm install pg-boss@10.4.2',
      { cause: error, code: 'MISSING_SETTING' },
    );
  }
}
