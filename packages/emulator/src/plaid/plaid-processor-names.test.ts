import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkSandboxItem, plaidPost } from '../../test/emulator.test-helpers.js';
import { type RunningEmulator, startEmulator } from '../start-emulator.js';

/** Plaid's processor names from the plaid 47 SDK and the spec (source and licence inside the file). */
const names = JSON.parse(
  readFileSync(new URL('./test-data/plaid-processor-names.json', import.meta.url), 'utf8'),
) as { sdk: string[]; spec: string[] };

describe('/processor/token/create processor names', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  // Source: plaid 47.0.0's ProcessorTokenCreateRequestProcessorEnum lists `seamlessach` (and 10 more names the
  // spec 1.697.4 lacks) where the spec still lists `paynote`; a client on either may send its name.
  it("accepts every name of plaid 47's enum and of the spec, and refuses others naming the field", async () => {
    expect(names.sdk).toContain('seamlessach');
    expect(names.sdk).toContain('modern_treasury');
    expect(names.spec).toContain('paynote');
    const { accessToken } = await linkSandboxItem(emulator, {});
    const accounts = await plaidPost(emulator, '/accounts/get', { access_token: accessToken });
    const accountId = String(
      (accounts.body['accounts'] as Array<Record<string, unknown>>)[0]?.['account_id'],
    );
    for (const processor of new Set([...names.sdk, ...names.spec])) {
      const answer = await plaidPost(emulator, '/processor/token/create', {
        access_token: accessToken,
        account_id: accountId,
        processor,
      });
      expect(answer.status, processor).toBe(200);
      expect(answer.body['processor_token'], processor).toMatch(/^processor-sandbox-/);
    }
    const unknown = await plaidPost(emulator, '/processor/token/create', {
      access_token: accessToken,
      account_id: accountId,
      processor: 'not_a_processor',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error_code: 'INVALID_FIELD' });
    expect(String(unknown.body['error_message'])).toContain('processor');
  });
});
