import { createPlaidClient } from '@achbridge/core';
import { startEmulator } from '@achbridge/emulator';
import { describe, expect, it } from 'vitest';
import { quickstart } from './quickstart.js';

describe('README quickstart', () => {
  it('runs against the emulator: a verified external account and an ACH debit', async () => {
    const emulator = await startEmulator();
    try {
      const plaidSettings = {
        baseUrl: emulator.plaid.baseUrl,
        clientId: emulator.plaid.clientId,
        secret: emulator.plaid.secret,
      };
      // What Plaid Link hands the browser: a public token and the selected account id.
      const plaid = createPlaidClient({ environment: 'sandbox', ...plaidSettings });
      const { publicToken: first } = await plaid.sandbox.createPublicToken({
        institutionId: 'ins_109508',
        initialProducts: ['auth'],
      });
      const { accessToken, itemId } = await plaid.exchangePublicToken({ publicToken: first });
      const { accounts } = await plaid.getAccounts({ accessToken });
      const accountId = accounts.find((account) => account.subtype === 'checking')?.accountId ?? '';
      const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);
      const modernTreasury = {
        baseUrl: emulator.modernTreasury.baseUrl,
        organizationId: emulator.modernTreasury.organizationId,
        apiKey: emulator.modernTreasury.apiKey,
      };

      const { linked, order } = await quickstart({
        publicToken,
        accountId,
        plaid: plaidSettings,
        modernTreasury,
      });
      expect(linked).toMatchObject({ processor: 'modern_treasury', itemId, accountId, created: true });
      expect(linked.externalAccount).toMatchObject({
        verificationStatus: 'verified',
        verificationSource: 'plaid',
      });
      expect(order).toMatchObject({ direction: 'debit', amount: 1099, status: 'approved' });
    } finally {
      await emulator.close();
    }
  });
});
