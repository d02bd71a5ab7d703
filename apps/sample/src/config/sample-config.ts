/** Where the sample sends provider calls: the offline emulator or the real sandboxes. */
export type SampleMode = 'emulator' | 'sandbox';

/** Keys for the real Plaid Sandbox (never logged or sent to the browser). */
export interface PlaidKeys {
  clientId: string;
  secret: string;
}

/** The sample's validated settings. */
export interface SampleConfig {
  /** `emulator` when no Plaid keys are set, else `sandbox` (the real sandboxes). */
  mode: SampleMode;
  /** Interface the server binds (default 127.0.0.1). */
  host: string;
  /** Port the server listens on (default 3000; 0 picks a free one). */
  port: number;
  /** URL of an already running emulator (set by `npm start`); undefined starts one in process. */
  emulatorUrl: string | undefined;
  /** Webhook URL given to Plaid Items; defaults to this server's /api/webhooks/plaid. */
  webhookUrl: string | undefined;
  /** Postgres for the durable store (`DATABASE_URL`); undefined keeps the embedded database in the data folder. */
  databaseUrl: string | undefined;
  /** The data folder (`SAMPLE_DATA_DIR`, default `apps/sample/.data`): embedded database, emulator state, key. */
  dataDir: string | undefined;
  /** Real Plaid Sandbox keys (sandbox mode only). */
  plaid: PlaidKeys | undefined;
  /**
   * Each registered processor's keys for its real sandbox, by processor key (sandbox mode only; a processor
   * without keys is unavailable and says how to enable it).
   */
  processorKeys: Readonly<Record<string, unknown>>;
}
