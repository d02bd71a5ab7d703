import type { EmulatorInfo } from '../lib/emulator-info.js';
import { rawRequestHonouringRetryAfter } from '../lib/raw-http.js';

/** A Plaid POST through raw node:http: JSON in, JSON out, 429s waited out, nothing validated. */
export type RawPlaidCall = (path: string, body: Record<string, unknown>) => Promise<Record<string, string>>;

/** The floor clients' Plaid caller (shared by the Stripe and Dwolla node:http floors). */
export function createRawPlaidCall(info: EmulatorInfo, maxRetries: number): RawPlaidCall {
  const credentials = { client_id: info.plaid.clientId, secret: info.plaid.secret };
  const headers = { 'content-type': 'application/json' };
  return async (path, body) => {
    const answer = await rawRequestHonouringRetryAfter(
      `${info.plaid.baseUrl}${path}`,
      'POST',
      headers,
      JSON.stringify({ ...credentials, ...body }),
      maxRetries,
    );
    if (answer.status !== 200) throw new Error(`plaid ${path}: ${answer.status}`);
    return JSON.parse(answer.text) as Record<string, string>;
  };
}

/** The access token of a job: exchanged from its public token, or the re-run's access token as is. */
export async function accessTokenOf(
  plaid: RawPlaidCall,
  job: { publicToken?: string | undefined; accessToken?: string | undefined },
): Promise<string> {
  if (job.publicToken === undefined) return job.accessToken as string;
  return (await plaid('/item/public_token/exchange', { public_token: job.publicToken }))[
    'access_token'
  ] as string;
}

/**
 * Mints a token with `mint`; with `readAccounts` (the 4-call floor) reads the account through
 * `/accounts/get` at the same time and waits for both, as achbridge's link does (the read's answer is not
 * checked: a floor validates nothing).
 */
export async function mintBesideRead<T>(
  plaid: RawPlaidCall,
  readAccounts: boolean,
  accessToken: string,
  accountId: string,
  mint: () => Promise<T>,
): Promise<T> {
  if (!readAccounts) return mint();
  const [, minted] = await Promise.all([
    plaid('/accounts/get', { access_token: accessToken, options: { account_ids: [accountId] } }),
    mint(),
  ]);
  return minted;
}
