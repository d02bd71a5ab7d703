import { describePlaidError, parseInput } from '@achbridge/core';
import type { Hono } from 'hono';
import { z } from 'zod';
import { completeEmulatedLink, emulatedLinkInputSchema } from '../../flows/emulated-link.js';
import { listEmulatedLinkInstitutions } from '../../flows/emulated-link-institutions.js';
import { runFlow } from '../../flows/flow-outcome.js';
import { linkAccountSchema, runIdSchema } from '../../flows/flow-schemas.js';
import { PREPARE_ITEM_STEPS, prepareItem } from '../../flows/prepare-item.js';
import type { SampleAppDeps } from '../app-deps.js';
import { readValidBody } from '../read-json-body.js';
import { parseRouteArgs } from '../route-args.js';

const duplicateCheckSchema = z.object({
  institutionId: z.string({ error: 'is required' }).trim().min(1, 'must be a Plaid institution_id'),
  account: z.object(
    { name: z.string({ error: 'is required' }), mask: z.string().nullable() },
    { error: 'is required: { name, mask } of the account chosen in Link' },
  ),
});

const setAccessTokenSchema = z.object({
  run_id: runIdSchema.default('set-access-token'),
  public_token: z.string({ error: 'is required' }).min(1),
  institution: z.object(
    { id: z.string().min(1), name: z.string().min(1) },
    { error: 'is required (Link metadata)' },
  ),
  accounts: z.array(linkAccountSchema, { error: 'is required (Link metadata)' }).min(1),
  account_id: z.string({ error: 'is required' }).min(1),
  allow_duplicate: z.boolean().default(false),
});

const plaidErrorCodeSchema = z.object({
  code: z.string().regex(/^[A-Za-z_]{1,80}$/, 'must be a Plaid error_code'),
});

/** Link routes named like Plaid's quickstart (`/api/create_link_token`, `/api/set_access_token`) plus the emulated Link. */
export function registerLinkRoutes(app: Hono, deps: SampleAppDeps): void {
  parseRouteArgs('registerLinkRoutes', app, deps);
  app.post('/api/create_link_token', async (c) => {
    const webhook = deps.webhookUrl();
    const token = await deps.providers.plaid.createLinkToken({
      clientName: 'achbridge sample',
      clientUserId: 'sample-user',
      products: ['auth'],
      countryCodes: ['US'],
      language: 'en',
      ...(webhook === undefined ? {} : { webhook }),
    });
    return c.json({ link_token: token.linkToken, expiration: token.expiration, request_id: token.requestId });
  });

  app.get('/api/emulator/link/institutions', async (c) => {
    return c.json(await listEmulatedLinkInstitutions(deps.providers.emulator, deps.providers.plaid));
  });

  app.post('/api/emulator/link/complete', async (c) => {
    const input = await readValidBody(c, 'POST /api/emulator/link/complete', emulatedLinkInputSchema);
    const success = await completeEmulatedLink(deps.providers.emulator, input);
    return c.json({
      publicToken: success.publicToken,
      institution: success.institution,
      accounts: success.accounts,
    });
  });

  app.post('/api/link/check_duplicate', async (c) => {
    const input = await readValidBody(c, 'POST /api/link/check_duplicate', duplicateCheckSchema);
    const match = await deps.items.findDuplicate({
      institutionId: input.institutionId,
      accountName: input.account.name,
      accountMask: input.account.mask,
    });
    return c.json({ duplicate: match !== undefined, match: match ?? null });
  });

  app.post('/api/set_access_token', async (c) => {
    const input = await readValidBody(c, 'POST /api/set_access_token', setAccessTokenSchema);
    const outcome = await runFlow(
      {
        runId: input.run_id,
        flow: 'exchange',
        steps: PREPARE_ITEM_STEPS,
        listener: (event) => deps.events.publish(event),
      },
      async (runner, run) => {
        const prepared = await prepareItem(
          runner,
          { plaid: deps.providers.plaid, items: deps.items },
          {
            publicToken: input.public_token,
            institution: input.institution,
            accounts: input.accounts,
            allowDuplicate: input.allow_duplicate,
          },
          input.account_id,
          'POST /api/set_access_token',
          run,
        );
        return { item_id: prepared.item.itemId };
      },
    );
    return c.json(outcome, outcome.status);
  });

  app.get('/api/plaid_errors/:code', (c) => {
    const { code } = parseInput('GET /api/plaid_errors/:code', plaidErrorCodeSchema, {
      code: c.req.param('code'),
    });
    return c.json(describePlaidError(code));
  });
}
