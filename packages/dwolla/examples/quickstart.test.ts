import { createPlaidClient } from '@achbridge/core';
import { startEmulator } from '@achbridge/emulator';
import { describe, expect, it } from 'vitest';
import { quickstart } from './quickstart.js';

describe('README quickstart', () => {
  it('runs against the emulator and makes a verified funding source', async () => {
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

      const result = await quickstart({
        publicToken,
        accountId,
        plaid: plaidSettings,
        dwolla: {
          baseUrl: emulator.dwolla.baseUrl,
          key: emulator.dwolla.key,
          secret: emulator.dwolla.secret,
        },
      });
      expect(result).toMatchObject({ processor: 'dwolla', itemId, accountId, created: true });
      expect(result.fundingSource).toMatchObject({
        status: 'verified',
        name: 'Jane Doe Checking',
        created: true,
      });
    } finally {
      await emulator.close();
    }
  });
});
