import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInput, registerSecret } from '@achbridge/core';
import {
  createStore,
  ENCRYPTION_KEYS_ENV,
  type EncryptionKey,
  parseEncryptionKeys,
  type Store,
} from '@achbridge/store';
import { z } from 'zod';

/** Where the sample keeps its durable state. */
export interface SampleStoreSettings {
  /** The data folder (git-ignored): the embedded database, the emulator's state file and a generated key. */
  dataDir: string;
  /** Postgres instead of the embedded database (`DATABASE_URL`). */
  databaseUrl?: string | undefined;
  /** The environment (for ACHBRIDGE_STORE_KEYS). */
  env: Record<string, string | undefined>;
}

/** An opened sample store and where it lives, for the startup line. */
export interface OpenedSampleStore {
  store: Store;
  /** `embedded (<folder>)` or `Postgres`. */
  where: string;
  /** Where the encryption key came from. */
  keySource: string;
}

/** The file a generated key is kept in when ACHBRIDGE_STORE_KEYS is not set. */
export const GENERATED_KEY_FILE = 'store-encryption-key';

const settingsSchema = z.object({
  dataDir: z.string().trim().min(1, 'must be a folder path'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  env: z.record(z.string(), z.string().optional()),
});

/**
 * The access-token keys: ACHBRIDGE_STORE_KEYS when set (what production does, from a secret manager);
 * otherwise a key generated once into the data folder (mode 0600) so `npm start` needs no setup. The key never
 * goes into the database.
 */
function resolveKeys(
  dataDir: string,
  env: Record<string, string | undefined>,
): { keys: EncryptionKey[]; source: string } {
  const configured = env[ENCRYPTION_KEYS_ENV]?.trim();
  if (configured) return { keys: parseEncryptionKeys(configured), source: ENCRYPTION_KEYS_ENV };
  const file = join(dataDir, GENERATED_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const key = `sample-${new Date().toISOString().slice(0, 10)}:${randomBytes(32).toString('base64')}`;
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  }
  const text = readFileSync(file, 'utf8').trim();
  const keys = parseEncryptionKeys(text);
  for (const key of keys) if (typeof key.key === 'string') registerSecret(key.key);
  return {
    keys,
    source: `${GENERATED_KEY_FILE} in the data folder (set ${ENCRYPTION_KEYS_ENV} in production)`,
  };
}

/**
 * Opens the sample's store: embedded PGlite in `<dataDir>/store` by default, Postgres when `databaseUrl` is set.
 * Runs the migrations before resolving, so a bad URL or key stops the start with a clear error.
 */
export async function openSampleStore(settings: SampleStoreSettings): Promise<OpenedSampleStore> {
  const parsed = parseInput('openSampleStore', settingsSchema, settings);
  const { keys, source } = resolveKeys(parsed.dataDir, settings.env);
  const store = createStore({
    database:
      parsed.databaseUrl === undefined
        ? { dataDir: join(parsed.dataDir, 'store') }
        : { url: parsed.databaseUrl },
    encryptionKeys: keys,
  });
  try {
    await store.ready();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return {
    store,
    where:
      parsed.databaseUrl === undefined
        ? `embedded (${join(parsed.dataDir, 'store')})`
        : 'Postgres (DATABASE_URL)',
    keySource: source,
  };
}
