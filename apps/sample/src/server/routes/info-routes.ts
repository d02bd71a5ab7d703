import {
  type AuthSupport,
  checkAuthSupport,
  findAuthInstitutions,
  PlaidApiError,
  parseInput,
} from '@achbridge/core';
import type { Hono } from 'hono';
import { z } from 'zod';
import { RECONNECT_STEPS, RESET_LOGIN_STEPS } from '../../flows/item-health-flows.js';
import { SAMPLE_PROCESSORS } from '../../processors/registry.js';
import type { SampleAppDeps } from '../app-deps.js';
import { parseRouteArgs } from '../route-args.js';

const institutionQuerySchema = z.object({
  query: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters (an institution name or id, e.g. ins_109508)'),
  country: z.enum(['US', 'CA', 'US,CA'], { error: 'must be US, CA or US,CA' }).default('US'),
});

const INSTITUTION_ID = /^ins_[0-9]+$/;

/** The processors the page offers, each declaring what it needs from an institution. */
const PROCESSORS = SAMPLE_PROCESSORS.map((processor) => processor.requirements);

/**
 * The auth-support check for a search box that takes names and ids: an institution id (`ins_...`) is read
 * with /institutions/get_by_id (an unknown id finds nothing), anything else is searched by name.
 */
async function searchInstitutions(
  plaid: SampleAppDeps['providers']['plaid'],
  query: string,
  countryCodes: string[],
): Promise<{ institutions: AuthSupport<string>[]; requestId: string }> {
  if (!INSTITUTION_ID.test(query))
    return findAuthInstitutions(plaid, { query, countryCodes, processors: PROCESSORS });
  try {
    const { requestId, ...support } = await checkAuthSupport(plaid, {
      institutionId: query,
      countryCodes,
      processors: PROCESSORS,
    });
    return { institutions: [support], requestId };
  } catch (error) {
    if (PlaidApiError.isInstance(error) && error.errorCode === 'INVALID_INSTITUTION') {
      return { institutions: [], requestId: error.requestId ?? '' };
    }
    throw error;
  }
}

/** `/api/info` (mode, processors, step lists) and `/api/institutions` (the auth-support check). */
export function registerInfoRoutes(app: Hono, deps: SampleAppDeps): void {
  parseRouteArgs('registerInfoRoutes', app, deps);
  const info = () => ({
    mode: deps.mode,
    plaidEnvironment: deps.providers.plaid.environment,
    plaidHost: deps.providers.plaid.baseUrl,
    linkScript: deps.mode === 'sandbox',
    webhookUrl: deps.webhookUrl() ?? null,
    processors: Object.fromEntries(
      SAMPLE_PROCESSORS.map((processor) => {
        const slot = deps.providers.processors[processor.key];
        return [
          processor.key,
          {
            slug: processor.slug,
            label: processor.label,
            environment: processor.environment,
            hint: processor.hint,
            available: slot?.client !== undefined,
            reason: slot?.unavailable ?? null,
            /** Whether the card shows the payment's outcome, and which controls it offers. */
            outcomes:
              processor.outcomes === undefined
                ? null
                : {
                    settleControl: processor.outcomes.settleControl,
                    returnableStatuses: processor.outcomes.returnableStatuses,
                  },
            /** Names of extra step lists the card uses (e.g. Stripe's `settle`). */
            extraSteps: Object.keys(processor.extraSteps ?? {}),
          },
        ];
      }),
    ),
    sandboxCredentials: { username: 'user_good', password: 'pass_good' },
    steps: {
      ...Object.fromEntries(SAMPLE_PROCESSORS.map((processor) => [processor.key, processor.flow.steps])),
      ...Object.assign({}, ...SAMPLE_PROCESSORS.map((processor) => processor.extraSteps ?? {})),
      reset_login: RESET_LOGIN_STEPS,
      reconnect: RECONNECT_STEPS,
    },
  });
  app.get('/api/info', (c) => c.json(info()));
  app.post('/api/info', (c) => c.json(info()));

  app.get('/api/institutions', async (c) => {
    const { query, country } = parseInput('GET /api/institutions', institutionQuerySchema, {
      query: c.req.query('query'),
      country: c.req.query('country'),
    });
    const found = await searchInstitutions(deps.providers.plaid, query, country.split(','));
    return c.json({
      requestId: found.requestId,
      institutions: found.institutions.map((entry) => ({
        id: entry.institution.institutionId,
        name: entry.institution.name,
        countryCodes: entry.institution.countryCodes,
        products: entry.institution.products,
        supportsAuth: entry.supportsAuth,
        processors: Object.fromEntries(
          SAMPLE_PROCESSORS.map((processor) => [processor.key, entry.processors[processor.key]]),
        ),
      })),
    });
  });
}
