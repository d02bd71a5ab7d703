import { performance } from 'node:perf_hooks';
import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import type { SampleConfig } from '../config/sample-config.js';
import { SampleError } from '../errors/sample-error.js';
import { DEMO_CUSTOMER } from '../flows/demo-customer.js';
import { completeEmulatedLink } from '../flows/emulated-link.js';
import { type FlowOutcome, runFlow } from '../flows/flow-outcome.js';
import type { LinkSource } from '../flows/flow-schemas.js';
import { requireSupportedInstitution } from '../flows/institution-check.js';
import type { StepDefinition, StepRunner } from '../flows/step-runner.js';
import { createItemStore, type ItemStore } from '../items/item-store.js';
import type { LinkAccount } from '../items/linked-item.js';
import { createSampleOutcomes } from '../outcomes/sample-outcomes.js';
import { processorBySlug, SAMPLE_PROCESSORS } from '../processors/registry.js';
import {
  createSampleProviders,
  type SampleProviders,
  type SampleProviderTuning,
} from '../providers/sample-providers.js';
import { functionSchema } from '../validation/function-schema.js';
import type { DemoOptions } from './cli-arguments.js';
import { createStepPrinter, printError, type Write } from './step-printer.js';

const INSTITUTION_STEP: StepDefinition = {
  id: 'institution',
  label: 'Institution check (/institutions/get_by_id, the same check as the page)',
};

const EMULATED_LINK_STEPS: readonly StepDefinition[] = [
  INSTITUTION_STEP,
  { id: 'link_token', label: 'Link token (/link/token/create, products: auth)' },
  { id: 'login', label: 'Link: log in and list the accounts (emulated Link)' },
];

const SANDBOX_LINK_STEPS: readonly StepDefinition[] = [
  INSTITUTION_STEP,
  { id: 'public_token', label: 'Public token without Link (/sandbox/public_token/create)' },
  { id: 'exchange', label: 'Exchange the public token (Plaid)' },
  { id: 'accounts', label: 'Accounts of the new Item (/accounts/get)' },
];

function noAchAccount(): SampleError {
  return new SampleError(
    400,
    'NO_ACH_ACCOUNT',
    'The Item has no checking or savings account, which ACH needs; link another institution.',
  );
}

const CLI_ACCEPTANCE = { ipAddress: '127.0.0.1', userAgent: 'achbridge-sample-demo-cli' };

/** The account the demo links: the first checking account, else the first depository one. */
function chooseAccount(accounts: readonly LinkAccount[]): LinkAccount | undefined {
  return (
    accounts.find((account) => account.subtype === 'checking') ??
    accounts.find((account) => account.type === 'depository')
  );
}

/** Refuses, before Link and any write, an institution the processor cannot use (the page's check and words). */
async function checkInstitution(
  runner: StepRunner,
  providers: SampleProviders,
  options: DemoOptions,
): Promise<void> {
  await runner.run('institution', async () => {
    const checked = await requireSupportedInstitution(
      providers.plaid,
      options.institutionId,
      options.processor,
    );
    return {
      value: undefined,
      detail: `${checked.support.institution.name}: ${checked.label} ✓ Works — ${checked.reason}`,
    };
  });
}

async function linkWithEmulator(
  providers: SampleProviders,
  options: DemoOptions,
  printer: ReturnType<typeof createStepPrinter>,
): Promise<FlowOutcome<{ source: LinkSource; account: LinkAccount }>> {
  return runFlow(
    { runId: 'demo-link', flow: 'link', steps: EMULATED_LINK_STEPS, listener: printer },
    async (runner) => {
      await checkInstitution(runner, providers, options);
      const token = await runner.run('link_token', async () => {
        const created = await providers.plaid.createLinkToken({
          clientName: 'achbridge sample',
          clientUserId: 'sample-cli-user',
          products: ['auth'],
          countryCodes: ['US'],
        });
        return { value: created.linkToken, detail: `valid until ${created.expiration}` };
      });
      return runner.run('login', async () => {
        const success = await completeEmulatedLink(providers.emulator, {
          linkToken: token,
          institutionId: options.institutionId,
          username: options.username,
          password: options.password,
        });
        const account = chooseAccount(success.accounts);
        if (account === undefined) throw noAchAccount();
        return {
          value: {
            source: {
              publicToken: success.publicToken,
              institution: success.institution,
              accounts: success.accounts,
              allowDuplicate: false,
            },
            account,
          },
          detail: `${success.institution.name}: ${success.accounts.length} accounts; chose ${account.name} ••${account.mask ?? '----'}.`,
        };
      });
    },
  );
}

async function linkWithSandbox(
  providers: SampleProviders,
  items: ItemStore,
  options: DemoOptions,
  printer: ReturnType<typeof createStepPrinter>,
): Promise<FlowOutcome<{ source: LinkSource; account: LinkAccount }>> {
  return runFlow(
    { runId: 'demo-link', flow: 'link', steps: SANDBOX_LINK_STEPS, listener: printer },
    async (runner) => {
      await checkInstitution(runner, providers, options);
      const publicToken = await runner.run('public_token', async () => {
        const created = await providers.plaid.sandbox.createPublicToken({
          institutionId: options.institutionId,
          initialProducts: ['auth'],
          overrideUsername: options.username,
          overridePassword: options.password,
        });
        return { value: created.publicToken, detail: `for ${options.institutionId}` };
      });
      const exchanged = await runner.run('exchange', async () => {
        const result = await providers.plaid.exchangePublicToken({ publicToken });
        return { value: result, detail: `Item ${result.itemId}` };
      });
      return runner.run('accounts', async () => {
        const { accounts, item } = await providers.plaid.getAccounts({ accessToken: exchanged.accessToken });
        const linkAccounts: LinkAccount[] = accounts.map((account) => ({
          id: account.accountId,
          name: account.name,
          mask: account.mask,
          type: account.type,
          subtype: account.subtype,
        }));
        const account = chooseAccount(linkAccounts);
        if (account === undefined) throw noAchAccount();
        await items.add(
          {
            itemId: exchanged.itemId,
            institutionId: item.institutionId ?? options.institutionId,
            institutionName: item.institutionId ?? options.institutionId,
            accounts: linkAccounts,
            exchangeRequestId: exchanged.requestId,
            linkedAt: new Date().toISOString(),
            stripe: null,
            dwolla: null,
          },
          exchanged.accessToken,
        );
        return {
          value: { source: { itemId: exchanged.itemId, allowDuplicate: false }, account },
          detail: `${linkAccounts.length} accounts; chose ${account.name} ••${account.mask ?? '----'}.`,
        };
      });
    },
  );
}

const runDemoSchema = z.object({
  options: z.object({
    processor: z.enum(SAMPLE_PROCESSORS.map((processor) => processor.slug) as [string, ...string[]]),
    institutionId: z.string().min(1),
    username: z.string().min(1),
    password: z.string().min(1),
  }),
  config: z.looseObject({ mode: z.enum(['emulator', 'sandbox']) }),
  write: functionSchema<Write>(),
});

/**
 * Runs the demo headless: Link (emulated against a fresh in-process emulator, or the real Sandbox), then the
 * chosen processor's demo (its flow and, on the emulator, settlement), printing every step. Resolves to the
 * process exit code: 0 on success, 1 on failure (after printing the remediation).
 */
export async function runDemo(input: {
  options: DemoOptions;
  config: SampleConfig;
  write: Write;
  tuning?: SampleProviderTuning;
}): Promise<number> {
  const { options, config, write } = parseInput('runDemo', runDemoSchema, input);
  const started = performance.now();
  const printer = createStepPrinter(write);
  const providers = await createSampleProviders(
    { ...input.config, mode: config.mode, emulatorUrl: undefined },
    input.tuning ?? {},
  );
  const items = createItemStore();
  const fail = (outcome: FlowOutcome<unknown>): number => {
    printError(write, outcome.error ?? { code: 'ERROR', message: 'The step failed.', type: 'Error' });
    return 1;
  };
  try {
    write(
      `achbridge demo: Plaid -> ${processorBySlug(options.processor)?.label} (${processorBySlug(options.processor)?.environment}) ` +
        `${providers.mode === 'emulator' ? `against a fresh offline emulator (${providers.emulator?.url})` : 'against the real sandboxes'}\n\n`,
    );
    write('Link\n');
    const linked =
      providers.mode === 'emulator'
        ? await linkWithEmulator(providers, options, printer)
        : await linkWithSandbox(providers, items, options, printer);
    if (!linked.ok || linked.result === null) return fail(linked);
    const { source, account } = linked.result;
    const processor = processorBySlug(options.processor);
    if (processor === undefined) throw new Error(`No processor "${options.processor}" is registered.`);
    write(`\n${processor.label}\n`);
    const code = await processor.demo({
      providers,
      items,
      source,
      account,
      listener: printer,
      write,
      input: {
        runId: `demo-${processor.slug}`,
        source,
        accountId: account.id,
        customer: DEMO_CUSTOMER,
        acceptance: CLI_ACCEPTANCE,
      },
      outcomes: createSampleOutcomes(providers),
      fail,
    });
    if (code !== 0) return code;
    write(`Total ${Math.round(performance.now() - started)} ms.\n`);
    return 0;
  } finally {
    await providers.close();
  }
}
