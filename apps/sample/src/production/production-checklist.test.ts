import { InputValidationError } from '@achbridge/core';
import { describe, expect, it } from 'vitest';
import { productionChecklist } from './production-checklist.js';

describe('productionChecklist', () => {
  it("covers the FAQ's three migration steps (environment, host, secret) and the processor pairings", () => {
    const items = productionChecklist({ mode: 'sandbox', plaidBaseUrl: 'https://sandbox.plaid.com' });
    expect(items.map((item) => item.id)).toEqual([
      'environment',
      'host',
      'secret',
      'items',
      'stripe',
      'dwolla',
    ]);
    expect(items.find((item) => item.id === 'host')).toMatchObject({
      now: 'https://sandbox.plaid.com',
      production: expect.stringContaining('https://production.plaid.com'),
    });
    expect(items.find((item) => item.id === 'secret')?.production).toContain('Production secret');
    expect(items.find((item) => item.id === 'environment')?.production).toContain('production');
  });

  it('says the emulator is in use in emulator mode and never shows a secret', () => {
    const items = productionChecklist({ mode: 'emulator', plaidBaseUrl: 'http://127.0.0.1:4010/plaid' });
    expect(items.find((item) => item.id === 'secret')?.now).toContain('emulator');
    expect(items.find((item) => item.id === 'environment')?.now).toContain('emulated');
  });

  it('validates its input', () => {
    expect(() => productionChecklist({ mode: 'live' as never, plaidBaseUrl: 'x' })).toThrow(
      InputValidationError,
    );
  });
});
