import type { SampleConfig } from '../src/config/sample-config.js';
import type { LinkAccount } from '../src/items/linked-item.js';
import { type RunningSampleServer, startSampleServer } from '../src/server/start-sample-server.js';

/** Emulator-mode settings on a free port, with an in-process emulator. */
export const TEST_CONFIG: SampleConfig = {
  mode: 'emulator',
  host: '127.0.0.1',
  port: 0,
  emulatorUrl: undefined,
  webhookUrl: undefined,
  databaseUrl: undefined,
  dataDir: undefined,
  plaid: undefined,
  processorKeys: {},
};

/** Starts the sample server against a fresh in-process emulator (fast retries). */
export function startTestServer(overrides: Partial<SampleConfig> = {}): Promise<RunningSampleServer> {
  return startSampleServer({
    config: { ...TEST_CONFIG, ...overrides },
    tuning: { retry: { initialDelayMs: 1 } },
  });
}

/** Sends a JSON request through `app.request` and parses the JSON answer. */
export async function requestJson(
  server: RunningSampleServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const init: RequestInit =
    body === undefined
      ? { method }
      : {
          method,
          headers: { 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        };
  const response = await server.app.request(path, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** What the emulated Link panel hands the page on success. */
export interface TestLinkSuccess {
  publicToken: string;
  institution: { id: string; name: string };
  accounts: LinkAccount[];
}

/** Runs the emulated Link through the API (link token + completion) with Sandbox credentials. */
export async function connectBank(
  server: RunningSampleServer,
  options: { institutionId?: string; password?: string } = {},
): Promise<TestLinkSuccess> {
  const token = await requestJson(server, 'POST', '/api/create_link_token');
  if (token.status !== 200) throw new Error(`create_link_token answered ${token.status}`);
  const completed = await requestJson(server, 'POST', '/api/emulator/link/complete', {
    linkToken: token.body['link_token'],
    institutionId: options.institutionId ?? 'ins_109508',
    username: 'user_good',
    password: options.password ?? 'pass_good',
  });
  if (completed.status !== 200) throw new Error(`emulated Link answered ${completed.status}`);
  return completed.body as unknown as TestLinkSuccess;
}

/** The first checking account Link returned. */
export function checkingAccount(success: TestLinkSuccess): LinkAccount {
  const account = success.accounts.find((candidate) => candidate.subtype === 'checking');
  if (account === undefined) throw new Error('no checking account');
  return account;
}

/** The flow body's `source` for what Link returned (`allowDuplicate` to link the same bank again on purpose). */
export function linkSource(
  success: TestLinkSuccess,
  options: { allowDuplicate?: boolean } = {},
): { publicToken: string; institution: TestLinkSuccess['institution']; accounts: LinkAccount[] } {
  return {
    publicToken: success.publicToken,
    institution: success.institution,
    accounts: success.accounts,
    ...(options.allowDuplicate === undefined ? {} : { allowDuplicate: options.allowDuplicate }),
  };
}

/**
 * Links a bank through the emulated Link and runs a processor's flow on its checking account
 * (`POST /api/flows/<slug>`): what Link returned, the account and the route's answer.
 */
export async function runLinkedFlow(
  server: RunningSampleServer,
  slug: string,
  options: { runId: string; institutionId?: string; allowDuplicate?: boolean },
): Promise<{
  success: TestLinkSuccess;
  account: LinkAccount;
  answer: { status: number; body: Record<string, unknown> };
}> {
  const success = await connectBank(
    server,
    options.institutionId === undefined ? {} : { institutionId: options.institutionId },
  );
  const account = checkingAccount(success);
  const answer = await requestJson(server, 'POST', `/api/flows/${slug}`, {
    runId: options.runId,
    source: linkSource(
      success,
      options.allowDuplicate === undefined ? {} : { allowDuplicate: options.allowDuplicate },
    ),
    accountId: account.id,
  });
  return { success, account, answer };
}
