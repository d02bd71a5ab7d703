import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator?.close());

async function post(path: string, body: string) {
  const answer = await rawRequest(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return {
    status: answer.status,
    body: JSON.parse(answer.text) as { error?: { code: string; field?: string } },
  };
}

describe('return control routes', () => {
  it.each([
    ['/__emulator/stripe/payment_intents/pi_missing/return', 'payment_intent_not_found'],
    ['/__emulator/dwolla/transfers/00000000-0000-4000-8000-000000000000/return', 'transfer_not_found'],
  ])('%s answers 404 %s for an unknown payment', async (path, code) => {
    expect(await post(path, '{"code":"R01"}')).toMatchObject({ status: 404, body: { error: { code } } });
  });

  it.each([
    ['{"code":"R1"}', 'code'],
    ['{"code":1}', 'code'],
    ['{"code":"R01","extra":true}', 'body.extra'],
    ['[1]', 'body'],
    ['{', 'body'],
  ])('refuses %s with 400 naming %s, for both providers', async (body, field) => {
    for (const path of [
      '/__emulator/stripe/payment_intents/pi_x/return',
      '/__emulator/dwolla/transfers/00000000-0000-4000-8000-000000000000/return',
    ]) {
      const answer = await post(path, body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe('invalid_input');
      expect(answer.body.error?.field).toBe(field);
    }
  });

  it('answers 404 for other provider control paths', async () => {
    expect((await post('/__emulator/stripe/payment_intents/pi_x/refund', '{}')).status).toBe(404);
    expect((await post('/__emulator/dwolla/transfers', '{}')).status).toBe(404);
  });
});
