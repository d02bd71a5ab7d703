import { request as httpRequest } from 'node:http';
import type { RunningEmulator } from '../src/start-emulator.js';

/** An HTTP answer as tests look at it. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends one request with node:http (no retries, no keep-alive) and resolves with the raw answer. */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: init.method ?? 'GET', headers: init.headers, agent: false },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

/** A JSON answer from the emulated Plaid. */
export interface PlaidAnswer {
  status: number;
  body: Record<string, unknown>;
  requestIdHeader: string | undefined;
}

/** POSTs JSON to the emulated Plaid with the emulator's credentials in headers (override with `headers`). */
export async function plaidPost(
  emulator: RunningEmulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<PlaidAnswer> {
  const answer = await rawRequest(`${emulator.plaid.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'plaid-client-id': emulator.plaid.clientId,
      'plaid-secret': emulator.plaid.secret,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const header = answer.headers['x-request-id'];
  return {
    status: answer.status,
    body: JSON.parse(answer.text) as Record<string, unknown>,
    requestIdHeader: Array.isArray(header) ? header[0] : header,
  };
}

/** Creates a `user_good` Item at `institutionId` and exchanges it; returns the tokens. */
export async function linkSandboxItem(
  emulator: RunningEmulator,
  options: { institutionId?: string; products?: string[]; password?: string; webhook?: string } = {},
): Promise<{ accessToken: string; itemId: string }> {
  const created = await plaidPost(emulator, '/sandbox/public_token/create', {
    institution_id: options.institutionId ?? 'ins_109508',
    initial_products: options.products ?? ['auth'],
    options: {
      ...(options.password === undefined ? {} : { override_password: options.password }),
      ...(options.webhook === undefined ? {} : { webhook: options.webhook }),
    },
  });
  if (created.status !== 200) throw new Error(`sandbox public token failed: ${JSON.stringify(created.body)}`);
  const exchanged = await plaidPost(emulator, '/item/public_token/exchange', {
    public_token: created.body['public_token'],
  });
  if (exchanged.status !== 200) throw new Error(`exchange failed: ${JSON.stringify(exchanged.body)}`);
  return { accessToken: String(exchanged.body['access_token']), itemId: String(exchanged.body['item_id']) };
}
