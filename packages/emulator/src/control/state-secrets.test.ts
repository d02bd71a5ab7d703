import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test/emulator.test-helpers.js';
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

describe('GET /__emulator/state', () => {
  it('shows every provider’s records but never an access token, bearer token, credential or account number', async () => {
    const { token, accessToken } = await mtProcessorToken(emulator);
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
    expect(state['plaid']?.['counts']).toMatchObject({ items: 1, processorTokens: 1 });
    expect(state['plaid']?.['processorTokens']).toEqual([
      expect.objectContaining({ token: `…${token.slice(-4)}` }),
    ]);
    expect(state['modern-treasury']).toMatchObject({ counterparties: 1, externalAccounts: 2 });
    expect(state['dwolla']?.['tokens']).toEqual({ issued: 1, active: 1 });
    for (const secret of [
      accessToken,
      token,
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
  });
});
