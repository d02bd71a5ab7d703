import type { RunningEmulator } from '../src/start-emulator.js';

/** An answer of the emulated Modern Treasury. */
export interface MtAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Calls the emulated Modern Treasury with HTTP Basic credentials (the sandbox key unless `apiKey` is given). */
export async function mtCall(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: { body?: unknown; idempotencyKey?: string; apiKey?: string; authorization?: string } = {},
): Promise<MtAnswer> {
  const { organizationId, apiKey } = emulator.modernTreasury;
  const headers: Record<string, string> = {
    authorization:
      options.authorization ??
      `Basic ${Buffer.from(`${organizationId}:${options.apiKey ?? apiKey}`).toString('base64')}`,
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${emulator.modernTreasury.baseUrl}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (an injected HTML fault page)
  }
  return { status: response.status, headers: response.headers, body };
}

/** Links a Plaid Sandbox checking account and asks the emulated Plaid for a `modern_treasury` processor token. */
export async function mtProcessorToken(
  emulator: RunningEmulator,
  institutionId = 'ins_109508',
): Promise<{ token: string; accessToken: string; accountId: string }> {
  const plaid = async (path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const response = await fetch(`${emulator.plaid.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: emulator.plaid.clientId, secret: emulator.plaid.secret, ...body }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`Plaid ${path}: ${JSON.stringify(json)}`);
    return json;
  };
  const { public_token } = await plaid('/sandbox/public_token/create', {
    institution_id: institutionId,
    initial_products: ['auth'],
  });
  const { access_token } = await plaid('/item/public_token/exchange', { public_token });
  const { accounts } = (await plaid('/accounts/get', { access_token })) as {
    accounts: { account_id: string; subtype: string }[];
  };
  const checking = accounts.find((account) => account.subtype === 'checking');
  if (!checking) throw new Error('no checking account');
  const { processor_token } = await plaid('/processor/token/create', {
    access_token,
    account_id: checking.account_id,
    processor: 'modern_treasury',
  });
  return {
    token: processor_token as string,
    accessToken: access_token as string,
    accountId: checking.account_id,
  };
}
