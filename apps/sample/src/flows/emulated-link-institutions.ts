import { type PlaidClient, parseInput } from '@achbridge/core';
import { z } from 'zod';
import type { EmulatorAccess } from '../providers/sample-providers.js';
import { requireEmulator } from './emulated-link.js';

/** An institution the emulated Link offers. */
export interface LinkInstitution {
  id: string;
  name: string;
  oauth: boolean;
  supportsAuth: boolean;
}

const PAGE_SIZE = 500;

const institutionsGetAnswerSchema = z.object({
  institutions: z.array(
    z.object({
      institution_id: z.string().min(1),
      name: z.string(),
      products: z.array(z.string()),
      oauth: z.boolean(),
    }),
  ),
  total: z.number().int().nonnegative(),
  request_id: z.string(),
});

const argsSchema = z.object({ plaid: z.looseObject({ request: z.unknown() }) });

/**
 * The US institutions the emulated Link offers, read from the emulator's own `/institutions/get` (every
 * page), so the panel offers exactly what the emulator knows; emulator mode only (409 otherwise).
 */
export async function listEmulatedLinkInstitutions(
  emulator: EmulatorAccess | undefined,
  plaid: PlaidClient,
): Promise<{ institutions: LinkInstitution[]; requestId: string }> {
  parseInput('listEmulatedLinkInstitutions', argsSchema, { plaid });
  requireEmulator(emulator, 'The emulated Link panel');
  const institutions: LinkInstitution[] = [];
  let requestId = '';
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await plaid.request(
      '/institutions/get',
      { country_codes: ['US'], count: PAGE_SIZE, offset },
      institutionsGetAnswerSchema,
    );
    requestId = page.request_id;
    for (const institution of page.institutions) {
      institutions.push({
        id: institution.institution_id,
        name: institution.name,
        oauth: institution.oauth,
        supportsAuth: institution.products.includes('auth'),
      });
    }
    if (page.institutions.length === 0 || offset + PAGE_SIZE >= page.total) break;
  }
  return { institutions, requestId };
}
