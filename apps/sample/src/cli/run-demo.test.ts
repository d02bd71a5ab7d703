import { describe, expect, it } from 'vitest';
import type { SampleConfig } from '../config/sample-config.js';
import { runDemo } from './run-demo.js';

const CONFIG: SampleConfig = {
  mode: 'emulator',
  host: '127.0.0.1',
  port: 0,
  emulatorUrl: undefined,
  webhookUrl: undefined,
  plaid: undefined,
  stripeSecretKey: undefined,
  dwolla: undefined,
};

async function demo(processor: 'stripe' | 'dwolla' | 'modern-treasury', password = 'pass_good') {
  let output = '';
  const code = await runDemo({
    options: { processor, institutionId: 'ins_109508', username: 'user_good', password },
    config: CONFIG,
    write: (text) => {
      output += text;
    },
    tuning: { retryInitialDelayMs: 1 },
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
