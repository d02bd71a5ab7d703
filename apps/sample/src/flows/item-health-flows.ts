import { createUpdateModeLinkToken, getItemHealth, type ItemHealth, parseInput } from '@achbridge/core';
import { z } from 'zod';
import type { ItemStore } from '../items/item-store.js';
import type { SampleProviders } from '../providers/sample-providers.js';
import { completeEmulatedLink } from './emulated-link.js';
import { type FlowOutcome, runFlow, runIdOf } from './flow-outcome.js';
import { runIdSchema } from './flow-schemas.js';
import type { StepDefinition, StepListener, StepRunner } from './step-runner.js';

/** Steps of "simulate a credential change". */
export const RESET_LOGIN_STEPS: readonly StepDefinition[] = [
  { id: 'reset_login', label: 'Simulate a credential change (/sandbox/item/reset_login)' },
  { id: 'health', label: 'Item health (/item/get)' },
];

/** Steps of "Reconnect" (Link update mode). */
export const RECONNECT_STEPS: readonly StepDefinition[] = [
  { id: 'link_token', label: 'Update-mode link token (/link/token/create with the access token)' },
  { id: 'update_mode', label: 'User re-authenticates in Link update mode (no token exchange afterwards)' },
  { id: 'health', label: 'Item health (/item/get)' },
];

/** Input shared by the Item health actions. */
export const itemActionInputSchema = z.object({
  runId: runIdSchema,
  itemId: z.string({ error: 'is required' }).trim().min(1, 'must be a Plaid item_id'),
});

/** The update-mode credentials of the emulated Link panel (defaults: Plaid Sandbox's user_good / pass_good). */
export const reconnectInputSchema = itemActionInputSchema.extend({
  username: z.string().min(1).max(100).default('user_good'),
  password: z.string().min(1).max(100).default('pass_good'),
});

/** What "Reconnect" returns: in sandbox mode, the link token for the page to open Plaid Link with. */
export interface ReconnectResult {
  linkToken: string | null;
  health: ItemHealth | null;
}

/** Dependencies of the Item health actions. */
export interface ItemHealthDeps {
  providers: SampleProviders;
  items: ItemStore;
}

function healthDetail(health: ItemHealth): string {
  const error = health.error ? ` (${health.error.errorCode})` : '';
  return `${health.status}${error}: ${health.action.message}`;
}

async function healthStep(
  runner: StepRunner,
  deps: ItemHealthDeps,
  accessToken: string,
): Promise<ItemHealth> {
  return runner.run('health', async () => {
    const health = await getItemHealth({ plaid: deps.providers.plaid, accessToken });
    return { value: health, detail: healthDetail(health) };
  });
}

const itemIdOnlySchema = itemActionInputSchema.pick({ itemId: true });

/** Reads an Item's health (status, error with category/remediation, recommended action). */
export async function readItemHealth(deps: ItemHealthDeps, itemId: string): Promise<ItemHealth> {
  const parsed = parseInput('readItemHealth', itemIdOnlySchema, { itemId });
  return getItemHealth({
    plaid: deps.providers.plaid,
    accessToken: await deps.items.accessTokenOf(parsed.itemId),
  });
}

/**
 * Forces the Item into ITEM_LOGIN_REQUIRED with Plaid Sandbox's reset_login (as if the user changed their bank
 * password); Plaid then sends the ITEM ERROR webhook to the Item's webhook URL. Never throws.
 */
export async function runResetLoginFlow(
  deps: ItemHealthDeps,
  input: z.input<typeof itemActionInputSchema>,
  listener: StepListener,
): Promise<FlowOutcome<ItemHealth>> {
  const runId = runIdOf(input);
  return runFlow({ runId, flow: 'reset_login', steps: RESET_LOGIN_STEPS, listener }, async (runner, run) => {
    const parsed = parseInput('runResetLoginFlow', itemActionInputSchema, input);
    const accessToken = await deps.items.accessTokenOf(parsed.itemId);
    run.itemId = parsed.itemId;
    await runner.run('reset_login', async () => {
      const answer = await deps.providers.plaid.sandbox.resetLogin({ accessToken });
      return {
        value: answer,
        detail: `Plaid now reports ITEM_LOGIN_REQUIRED for Item ${parsed.itemId}; an ITEM ERROR webhook goes to its webhook URL.`,
      };
    });
    return healthStep(runner, deps, accessToken);
  });
}

/**
 * Runs Link update mode for the Item: creates an update-mode link token; in emulator mode completes it in the
 * emulated Link (the emulator repairs the Item and sends LOGIN_REPAIRED) and re-reads the health. In sandbox
 * mode it returns the link token for the page to open Plaid Link with. Never throws.
 */
export async function runReconnectFlow(
  deps: ItemHealthDeps,
  input: z.input<typeof reconnectInputSchema>,
  listener: StepListener,
): Promise<FlowOutcome<ReconnectResult>> {
  const runId = runIdOf(input);
  return runFlow({ runId, flow: 'reconnect', steps: RECONNECT_STEPS, listener }, async (runner, run) => {
    const parsed = parseInput('runReconnectFlow', reconnectInputSchema, input);
    const accessToken = await deps.items.accessTokenOf(parsed.itemId);
    run.itemId = parsed.itemId;
    const linkToken = await runner.run('link_token', async () => {
      const token = await createUpdateModeLinkToken({
        plaid: deps.providers.plaid,
        accessToken,
        clientName: 'achbridge sample',
        clientUserId: 'sample-user',
        // No `webhook`: Plaid ignores it in update mode; the Item keeps the URL it was created with.
      });
      return { value: token, detail: `Link token for update mode, valid until ${token.expiration}.` };
    });
    if (deps.providers.emulator === undefined) {
      runner.skip(
        'update_mode',
        'Open Plaid Link in the browser with this link token; onSuccess needs no exchange.',
      );
      runner.skip('health', 'Checked after Link reports success.');
      return { linkToken: linkToken.linkToken, health: null };
    }
    const emulator = deps.providers.emulator;
    await runner.run('update_mode', async () => {
      const success = await completeEmulatedLink(emulator, {
        linkToken: linkToken.linkToken,
        username: parsed.username,
        password: parsed.password,
      });
      return {
        value: success,
        detail: `The user logged in again; the emulator repaired Item ${success.itemId} (LOGIN_REPAIRED webhook). The access token did not change.`,
      };
    });
    const health = await healthStep(runner, deps, accessToken);
    return { linkToken: null, health };
  });
}
