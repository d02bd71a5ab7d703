import { InputValidationError, type PlaidClient, parseInput } from '@achbridge/core';
import { z } from 'zod';
import { SampleError } from '../errors/sample-error.js';
import type { ItemStore } from '../items/item-store.js';
import type { LinkAccount, LinkedItem, NewLinkedItem } from '../items/linked-item.js';
import { functionSchema } from '../validation/function-schema.js';
import type { FlowRun } from './flow-outcome.js';
import type { LinkSource } from './flow-schemas.js';
import type { StepDefinition, StepRunner } from './step-runner.js';

const isFunction = functionSchema<(...args: never[]) => unknown>();

const prepareItemArgsSchema = z.object({
  runner: z.looseObject({ run: isFunction, skip: isFunction }),
  deps: z.looseObject({ plaid: z.looseObject({}), items: z.looseObject({}) }),
  source: z.looseObject({}),
  accountId: z.string().min(1, 'must be a Plaid account_id'),
  operation: z.string().min(1),
  run: z.looseObject({}).optional(),
});

/** The two steps every processor flow starts with. */
export const PREPARE_ITEM_STEPS: readonly StepDefinition[] = [
  { id: 'duplicate', label: 'Duplicate-Item check (institution + account name + mask, before exchange)' },
  { id: 'exchange', label: 'Exchange the public token for an access token (Plaid)' },
];

/** The Item a processor flow works on, with the chosen account. */
export interface PreparedItem {
  item: LinkedItem;
  account: LinkAccount;
  accessToken: string;
}

function describeAccount(institutionName: string, account: LinkAccount): string {
  return `${institutionName} · ${account.name}${account.mask ? ` ••${account.mask}` : ''}`;
}

function chooseAccount(accounts: readonly LinkAccount[], accountId: string, operation: string): LinkAccount {
  const account = accounts.find((candidate) => candidate.id === accountId);
  if (account === undefined) {
    throw new InputValidationError(operation, [
      {
        path: 'accountId',
        message: `is not one of this Item's accounts (${accounts.map((candidate) => candidate.id).join(', ')})`,
      },
    ]);
  }
  return account;
}

/**
 * Runs the `duplicate` and `exchange` steps: for a fresh public token, refuses (409 DUPLICATE_ITEM) when an
 * earlier Item has the same institution + account name + mask unless `allowDuplicate`, then exchanges it and
 * stores the Item; for an `itemId`, skips both and uses the stored access token. `run.itemId` is set as soon
 * as the Item exists, so a flow that fails later still tells the caller which Item to retry with.
 */
export async function prepareItem(
  runner: StepRunner,
  deps: { plaid: PlaidClient; items: ItemStore },
  source: LinkSource,
  accountId: string,
  operation: string,
  run?: FlowRun,
): Promise<PreparedItem> {
  parseInput('prepareItem', prepareItemArgsSchema, { runner, deps, source, accountId, operation, run });
  if (source.itemId !== undefined) {
    const item = await deps.items.get(source.itemId);
    if (run !== undefined) run.itemId = item.itemId;
    const account = chooseAccount(item.accounts, accountId, operation);
    runner.skip('duplicate', `Item ${item.itemId} was exchanged before; nothing new is created.`);
    runner.skip(
      'exchange',
      item.exchangeRequestId === null
        ? `Already exchanged (${item.linkedAt}); the server holds the access token, encrypted at rest.`
        : `Already exchanged (request ${item.exchangeRequestId}); the server holds the access token.`,
    );
    return { item, account, accessToken: await deps.items.accessTokenOf(item.itemId) };
  }
  const institution = source.institution as { id: string; name: string };
  const accounts = source.accounts as LinkAccount[];
  const account = chooseAccount(accounts, accountId, operation);
  await runner.run('duplicate', async () => {
    const match = await deps.items.findDuplicate({
      institutionId: institution.id,
      accountName: account.name,
      accountMask: account.mask,
    });
    if (match === undefined) {
      return {
        value: undefined,
        detail: `No earlier Item has ${describeAccount(institution.name, account)}.`,
      };
    }
    if (!source.allowDuplicate) {
      throw new SampleError(
        409,
        'DUPLICATE_ITEM',
        `${describeAccount(institution.name, account)} is already linked (Item ${match.itemId}, ${match.linkedAt}). ` +
          'Exchanging this public token would create a second Item for the same bank login, billed again in Production. ' +
          'Use the existing Item, or link anyway if the user really means to.',
        { match },
      );
    }
    return {
      value: undefined,
      detail: `Linked again on purpose: Item ${match.itemId} already has ${describeAccount(institution.name, account)}.`,
    };
  });
  return runner.run('exchange', async () => {
    const exchanged = await deps.plaid.exchangePublicToken({ publicToken: source.publicToken as string });
    const added: NewLinkedItem = {
      itemId: exchanged.itemId,
      institutionId: institution.id,
      institutionName: institution.name,
      accounts: accounts.map((entry) => ({ ...entry })),
      exchangeRequestId: exchanged.requestId,
      linkedAt: new Date().toISOString(),
      stripe: null,
      dwolla: null,
    };
    await deps.items.add(added, exchanged.accessToken);
    const item: LinkedItem = await deps.items.get(added.itemId);
    item.exchangeRequestId ??= exchanged.requestId;
    if (run !== undefined) run.itemId = item.itemId;
    return {
      value: { item, account, accessToken: exchanged.accessToken },
      detail: `Item ${item.itemId} created; the access token stays on the server (never sent to the page).`,
    };
  });
}
