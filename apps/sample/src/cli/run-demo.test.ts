import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requestJson, startTestServer } from '../../test/sample-server.test-helpers.js';
import type { SampleConfig } from '../config/sample-config.js';
import { runDemo } from './run-demo.js';

const CONFIG: SampleConfig = {
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

async function demo(processor: string, password = 'pass_good', institutionId = 'ins_109508') {
  let output = '';
  const code = await runDemo({
    options: { processor, institutionId, username: 'user_good', password },
    config: CONFIG,
    write: (text) => {
      output += text;
    },
    tuning: { retry: { initialDelayMs: 1 } },
  });
  return { code, output };
}

describe('runDemo (against a fresh emulator)', () => {
  it('runs the Stripe flow to a settled payment, printing steps, timings and request ids', async () => {
    const { code, output } = await demo('stripe');
    expect(code).toBe(0);
    expect(output).toContain('against a fresh offline emulator');
    for (const label of [
      'Exchange the public token',
      'Stripe bank account token',
      'ACH debit mandate',
      'Test ACH payment of $1.00',
    ]) {
      expect(output).toMatch(new RegExp(`ok {2}${label.replace(/[$.()]/g, '\\$&')}.* \\(\\d+ ms\\)`));
    }
    expect(output).toMatch(/plaid POST \/item\/public_token\/exchange -> 200 \(request \S+\)/);
    expect(output).toMatch(/stripe POST \/v1\/payment_intents -> 200 \(request req_\S+\)/);
    expect(output).toContain('••6789, verified');
    expect(output).toMatch(/Done: payment pi_\S+ is succeeded\./);
    expect(output).toMatch(/Outcome of pi_\S+: processing → succeeded\./);
    expect(output).not.toMatch(/btok_[A-Za-z0-9]{6,}|access-sandbox-|processor-sandbox-[0-9a-f]/);
  });

  it('runs the Dwolla flow to a verified funding source and a settled $1.00 transfer, printing its outcome', async () => {
    const { code, output } = await demo('dwolla');
    expect(code).toBe(0);
    expect(output).toContain('ok  Dwolla customer (unverified)');
    expect(output).toMatch(/plaid POST \/processor\/token\/create -> 200/);
    expect(output).toMatch(/Done: funding source \S+ is verified\./);
    expect(output).toMatch(/ok {2}\$1\.00 ACH debit: Dwolla transfer/);
    expect(output).toMatch(/Outcome of [0-9a-f-]{36}: pending → succeeded\./);
  });

  it('runs the Modern Treasury flow to a verified external account and a completed ACH debit', async () => {
    const { code, output } = await demo('modern-treasury');
    expect(code).toBe(0);
    expect(output).toContain('Plaid -> Modern Treasury (sandbox)');
    expect(output).toContain('ok  Modern Treasury counterparty');
    expect(output).toMatch(/plaid POST \/processor\/token\/create -> 200/);
    expect(output).toMatch(/modern_treasury POST \/api\/external_accounts -> 201/);
    expect(output).toMatch(/modern_treasury POST \/api\/payment_orders -> 201/);
    expect(output).toMatch(/Done: external account \S+ is verified; payment order \S+ is completed\./);
    expect(output).not.toMatch(/access-sandbox-|processor-sandbox-[0-9a-f]/);
  });

  it('exits 1 with the category and remediation when Link fails (error_ITEM_LOCKED)', async () => {
    const { code, output } = await demo('stripe', 'error_ITEM_LOCKED');
    expect(code).toBe(1);
    expect(output).toContain('Failed: ITEM_LOCKED (user action: the user has to act)');
    expect(output).toMatch(/What to do: The account is locked at the bank/);
    expect(output).not.toContain('Stripe bank account token');
  });
});

describe('the CLI and the page refuse an institution a processor cannot use with the same words', () => {
  it.each(['stripe', 'dwolla'] as const)(
    '%s: --institution ins_43 (Canadian) stops before Link with the verdict the page shows',
    async (processor) => {
      const server = await startTestServer();
      let pageVerdict: { compatible: boolean; reason: string };
      try {
        const answer = await requestJson(server, 'GET', '/api/institutions?query=ins_43&country=CA');
        const [institution] = answer.body['institutions'] as Array<{
          processors: Record<string, { compatible: boolean; reason: string }>;
        }>;
        pageVerdict = institution?.processors[processor] as { compatible: boolean; reason: string };
      } finally {
        await server.close();
      }
      expect(pageVerdict.compatible).toBe(false);
      // The page renders a verdict as "✕ Cannot use it — <reason>" (public/js/auth-check.js).
      const page = readFileSync(new URL('../../public/js/auth-check.js', import.meta.url), 'utf8');
      expect(page).toContain("'✕ Cannot use it'");
      expect(page).toContain("' — ',\n      result.reason");
      const { code, output } = await demo(processor, 'pass_good', 'ins_43');
      expect(code).toBe(1);
      expect(output).toContain(`✕ Cannot use it — ${pageVerdict.reason}`);
      expect(output).toContain('Failed: INSTITUTION_NOT_SUPPORTED');
      // Refused up front: no Link, no exchange, nothing written at a provider.
      expect(output).not.toMatch(/link\/token\/create|public_token\/exchange|Exchange the public token/);
    },
  );

  it('a US institution passes the same check and says why', async () => {
    const { code, output } = await demo('dwolla');
    expect(code).toBe(0);
    expect(output).toMatch(/ok {2}Institution check .*\n\s+First Platypus Bank: Dwolla ✓ Works — /);
  });
});
