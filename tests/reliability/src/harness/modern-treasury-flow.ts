import { createPlaidClient, type Logger, type PlaidClient } from '@achbridge/core';
import { emulatorSettings, MODERN_TREASURY_CREDENTIALS, type RunningEmulator } from '@achbridge/emulator';
import { createModernTreasuryAdapter, type ModernTreasuryAdapter } from '@achbridge/modern-treasury';
import { FAULT_DELAY_MS, FAULT_MAX_RETRIES, FAULT_RETRY_DELAY_MS } from './client-settings.js';
import type { SecretVault } from './secret-vault.js';

/** Per-attempt timeout of the Modern Treasury kit: below the delay faults, so a delayed answer is still a timeout. */
export const MT_FAULT_TIMEOUT_MS = Math.min(1_000, FAULT_DELAY_MS - 500);

/** The Plaid client and Modern Treasury adapter one flow run uses. */
export interface ModernTreasuryKit {
  plaid: PlaidClient;
  adapter: ModernTreasuryAdapter;
}

/** What a Modern Treasury flow starts from: a Link public token for a Sandbox checking account and a counterparty key. */
export interface ModernTreasuryFixture {
  publicToken: string;
  accessToken: string;
  accountId: string;
  itemId: string;
  /** The counterparty's external id (one counterparty per fixture, found again on a re-run). */
  counterpartyKey: string;
}

/** What a whole Modern Treasury flow produced. */
export interface ModernTreasuryFlowResult {
  counterpartyId: string;
  externalAccountId: string;
  paymentOrderId: string;
  created: boolean;
}

/** A Plaid client and a Modern Treasury adapter pointed at the emulator with the fault suites' short timeout and small retry delays. */
export function createModernTreasuryKit(
  emulator: RunningEmulator,
  options: { vault: SecretVault; logger: Logger; timeoutMs?: number; maxRetries?: number },
): ModernTreasuryKit {
  // Above the suite's 300 ms, still below the 1.5 s delay faults: a loaded machine otherwise times out an
  // exchange that the emulator completes, and the retry finds the single-use public token spent.
  const timeoutMs = options.timeoutMs ?? MT_FAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? FAULT_MAX_RETRIES;
  options.vault.add('Modern Treasury API key', MODERN_TREASURY_CREDENTIALS.apiKey);
  options.vault.add('Modern Treasury live API key', MODERN_TREASURY_CREDENTIALS.liveApiKey);
  options.vault.add(
    'Modern Treasury Basic credentials',
    Buffer.from(
      `${MODERN_TREASURY_CREDENTIALS.organizationId}:${MODERN_TREASURY_CREDENTIALS.apiKey}`,
    ).toString('base64'),
  );
  const plaid = createPlaidClient({
    ...emulatorSettings(emulator).plaid,
    timeoutMs,
    retry: { maxRetries, initialDelayMs: FAULT_RETRY_DELAY_MS.initial, maxDelayMs: FAULT_RETRY_DELAY_MS.max },
    fetch: options.vault.observe(),
    logger: options.logger,
  });
  const adapter = createModernTreasuryAdapter({
    plaid,
    modernTreasury: {
      environment: 'sandbox',
      baseUrl: emulator.modernTreasury.baseUrl,
      organizationId: emulator.modernTreasury.organizationId,
      apiKey: emulator.modernTreasury.apiKey,
      timeoutMs,
      fetch: options.vault.observe(),
    },
    retry: { maxRetries, initialDelayMs: FAULT_RETRY_DELAY_MS.initial, maxDelayMs: FAULT_RETRY_DELAY_MS.max },
    logger: options.logger,
  });
  return { plaid, adapter };
}

/** A fresh Sandbox Item (First Platypus Bank), its checking account and an unused public token for it. */
export async function prepareModernTreasuryFixture(
  emulator: RunningEmulator,
  setup: PlaidClient,
  counterpartyKey: string,
): Promise<ModernTreasuryFixture> {
  const { publicToken: first } = await setup.sandbox.createPublicToken({
    institutionId: 'ins_109508',
    initialProducts: ['auth'],
  });
  const { accessToken, itemId } = await setup.exchangePublicToken({ publicToken: first });
  const { accounts } = await setup.getAccounts({ accessToken });
  const checking = accounts.find((account) => account.subtype === 'checking');
  if (!checking) throw new Error('the Sandbox Item has no checking account');
  const { public_token: publicToken } = await emulator.control.plaid.createPublicToken(itemId);
  return { publicToken, accessToken, accountId: checking.accountId, itemId, counterpartyKey };
}

/** The whole flow: counterparty (found again by external id), link (public token exchange included), a $1.00 ACH debit. */
export async function runModernTreasuryFlow(
  kit: ModernTreasuryKit,
  fixture: ModernTreasuryFixture,
  options: { signal?: AbortSignal; useAccessToken?: boolean } = {},
): Promise<ModernTreasuryFlowResult> {
  const callOptions = options.signal ? { signal: options.signal } : {};
  const counterparty = await kit.adapter.createCounterparty(
    { name: 'Rel Iability', externalId: fixture.counterpartyKey },
    callOptions,
  );
  const linked = await kit.adapter.link(
    {
      ...(options.useAccessToken
        ? { accessToken: fixture.accessToken }
        : { publicToken: fixture.publicToken }),
      accountId: fixture.accountId,
      counterparty: counterparty.id,
    },
    callOptions,
  );
  const [internal] = (await kit.adapter.listInternalAccounts(callOptions)).filter(
    (account) => account.achDebit,
  );
  if (internal === undefined) throw new Error('no internal account can originate ACH debits');
  const order = await kit.adapter.createAchDebit(
    {
      externalAccountId: linked.externalAccount.id,
      originatingAccountId: internal.id,
      amount: 100,
      idempotencyKey: `reliability-${fixture.counterpartyKey}`,
    },
    callOptions,
  );
  return {
    counterpartyId: counterparty.id,
    externalAccountId: linked.externalAccount.id,
    paymentOrderId: order.id,
    created: linked.created,
  };
}
