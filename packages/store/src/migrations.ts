/** One step of the store's schema; `sql` uses `{schema}` for the Postgres schema the store lives in. */
export interface Migration {
  /** The schema version after this step (1, 2, ...). */
  version: number;
  /** What the step adds. */
  description: string;
  /** The statements, run in one transaction. */
  sql: string;
}

// Every claimable row carries the same columns: `state` ('pending' while one process works on it,
// 'done' with its result), `owner` (the working process's claim id) and `lease_until` (after which a
// dead owner's claim may be taken over).
const MIGRATION_1 = `
CREATE TABLE {schema}.items (
  item_id text PRIMARY KEY,
  institution_id text,
  institution_name text,
  token_key_id text NOT NULL,
  token_ciphertext text NOT NULL,
  status text NOT NULL DEFAULT 'healthy',
  status_reason text,
  status_expires_at timestamptz,
  status_changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE {schema}.accounts (
  item_id text NOT NULL REFERENCES {schema}.items (item_id) ON DELETE CASCADE,
  account_id text NOT NULL,
  name text,
  mask text,
  type text,
  subtype text,
  persistent_account_id text,
  PRIMARY KEY (item_id, account_id)
);
CREATE TABLE {schema}.processor_links (
  item_id text NOT NULL,
  account_id text NOT NULL,
  processor text NOT NULL,
  customer_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  owner text,
  lease_until timestamptz,
  object_id text,
  details jsonb,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  completed_at timestamptz,
  PRIMARY KEY (item_id, account_id, processor, customer_id)
);
CREATE TABLE {schema}.payments (
  processor text NOT NULL,
  idempotency_key text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  owner text,
  lease_until timestamptz,
  payment_id text,
  payment jsonb,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  completed_at timestamptz,
  PRIMARY KEY (processor, idempotency_key)
);
CREATE TABLE {schema}.public_token_claims (
  token_hash text PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  owner text,
  lease_until timestamptz,
  item_id text,
  token_key_id text,
  token_ciphertext text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  completed_at timestamptz
);
`;

const MIGRATION_2 = `
CREATE TABLE {schema}.item_health (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id text NOT NULL REFERENCES {schema}.items (item_id) ON DELETE CASCADE,
  status text NOT NULL,
  reason text,
  expires_at timestamptz,
  source text,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX item_health_item ON {schema}.item_health (item_id, id);
INSERT INTO {schema}.item_health (item_id, status, reason, expires_at, source, recorded_at)
  SELECT item_id, status, status_reason, status_expires_at, 'migration', status_changed_at FROM {schema}.items;
CREATE TABLE {schema}.webhook_inbox (
  dedupe_key text PRIMARY KEY,
  provider text NOT NULL,
  event_type text,
  event_code text,
  item_id text,
  envelope jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  state text NOT NULL CHECK (state IN ('received', 'processing', 'done', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  owner text,
  lease_until timestamptz,
  available_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  processed_at timestamptz
);
CREATE INDEX webhook_inbox_ready ON {schema}.webhook_inbox (state, available_at);
`;

// The outcome of each payment, keyed by (processor, processor payment id), written only by compare-and-set:
// an update lands when the row still holds the version the writer read (status, return code, time, event).
// `occurred_at` is kept as the processor's ISO text so the comparison is exact.
const MIGRATION_3 = `
CREATE TABLE {schema}.payment_outcomes (
  processor text NOT NULL,
  payment_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'processing', 'succeeded', 'failed', 'cancelled')),
  provider_status text NOT NULL,
  occurred_at text NOT NULL,
  return_code text,
  event_id text,
  outcome jsonb NOT NULL,
  changes integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (processor, payment_id)
);
CREATE INDEX payments_payment_id ON {schema}.payments (processor, payment_id);
`;

/** Every schema version, oldest first; version N is `MIGRATIONS[N - 1]`. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'items, accounts, processor links, payments ledger, public-token claims',
    sql: MIGRATION_1,
  },
  { version: 2, description: 'item health history and the webhook inbox', sql: MIGRATION_2 },
  { version: 3, description: 'payment outcomes (compare-and-set per processor payment)', sql: MIGRATION_3 },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;
