import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plaidPost, rawRequest } from '../../test/emulator.test-helpers.js';
import { mtCall, mtProcessorToken } from '../../test/mt.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

// Every provider's part of `GET /__emulator/state` is derived from its declared state: pieces holding secrets
// are hidden or projected without them. This drives all providers at once and reads the whole answer.
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

async function dwollaBearer(): Promise<string> {
  const basic = Buffer.from(`${emulator.dwolla.key}:${emulator.dwolla.secret}`).toString('base64');
  const answer = await rawRequest(`${emulator.dwolla.baseUrl}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return String((JSON.parse(answer.text) as Record<string, unknown>)['access_token']);
}

/** Mints a Stripe `btok_…` with the emulated Plaid and attaches it to a new Stripe customer; answers the btok. */
async function stripeBankFromPlaid(accessToken: string, accountId: string): Promise<string> {
  const minted = await plaidPost(emulator, '/processor/stripe/bank_account_token/create', {
    access_token: accessToken,
    account_id: accountId,
  });
  const btok = String(minted.body['stripe_bank_account_token']);
  const stripe = (path: string, form: string) =>
    rawRequest(`${emulator.url}/v1${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${emulator.stripe.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form,
    });
  const customer = JSON.parse((await stripe('/customers', 'email=jane%40example.com')).text) as {
    id: string;
  };
  const source = await stripe(`/customers/${customer.id}/sources`, `source=${encodeURIComponent(btok)}`);
  expect(source.status).toBe(200);
  return btok;
}

describe('GET /__emulator/state', () => {
  it('shows every provider’s records but never an access token, bearer token, credential or account number', async () => {
    const { token, accessToken, accountId } = await mtProcessorToken(emulator);
    const btok = await stripeBankFromPlaid(accessToken, accountId);
    const counterparty = await mtCall(emulator, 'POST', '/api/counterparties', {
      body: { name: 'Jane Doe' },
    });
    const counterpartyId = (counterparty.body as Record<string, unknown>)['id'];
    const fromPlaid = await mtCall(emulator, 'POST', '/api/external_accounts', {
      body: { counterparty_id: counterpartyId, plaid_processor_token: token },
    });
    const fromNumbers = await mtCall(emulator, 'POST', '/api/external_accounts', {
      body: {
        counterparty_id: counterpartyId,
        account_type: 'checking',
        account_details: [{ account_number: '987654321012' }],
        routing_details: [{ routing_number: '121141822', routing_number_type: 'aba' }],
      },
    });
    expect([fromPlaid.status, fromNumbers.status]).toEqual([201, 201]);
    const bearer = await dwollaBearer();

    const text = (await rawRequest(`${emulator.url}/__emulator/state`)).text;
    const state = JSON.parse(text) as Record<string, Record<string, unknown>>;
    expect(state['plaid']?.['counts']).toMatchObject({ items: 1, processorTokens: 2 });
    expect(state['plaid']?.['processorTokens']).toEqual([
      expect.objectContaining({ token: `…${token.slice(-4)}` }),
      expect.objectContaining({ token: `…${btok.slice(-4)}` }),
    ]);
    expect(state['stripe']?.['bankAccounts']).toEqual([
      expect.objectContaining({ token: `…${btok.slice(-4)}` }),
    ]);
    expect(state['modern-treasury']).toMatchObject({ counterparties: 1, externalAccounts: 2 });
    expect(state['dwolla']?.['tokens']).toEqual({ issued: 1, active: 1 });
    for (const secret of [
      accessToken,
      token,
      btok,
      bearer,
      '987654321012',
      '1111222233330000',
      '000123456789',
      '000987654321',
      emulator.plaid.secret,
      emulator.stripe.secretKey,
      emulator.dwolla.secret,
      emulator.modernTreasury.apiKey,
    ]) {
      expect(text).not.toContain(secret);
    }
    // No Plaid-minted Stripe token appears whole anywhere in the answer.
    expect(text).not.toMatch(/btok_[A-Za-z0-9]/);
  });
});
