import {
  describePlaidError,
  PlaidApiError,
  parseInput,
  ResponseValidationError,
  toInputIssues,
} from '@achbridge/core';
import { EmulatorControlError } from '@achbridge/emulator';
import { z } from 'zod';
import { SampleError } from '../errors/sample-error.js';
import type { LinkAccount } from '../items/linked-item.js';
import type { EmulatorAccess } from '../providers/sample-providers.js';

/** The emulated Link panel's submission: the link token plus what the user picked and typed. */
export const emulatedLinkInputSchema = z.object({
  linkToken: z
    .string({ error: 'is required (create one with POST /api/create_link_token)' })
    .regex(/^link-(sandbox|production)-[A-Za-z0-9-]+$/, 'must be a Plaid link token (link-sandbox-...)'),
  institutionId: z.string().trim().min(1).max(100).optional(),
  username: z.string().min(1, 'must not be empty').max(100),
  password: z.string().min(1, 'must not be empty').max(100),
});

/** What Link's onSuccess hands the app: a public token, the institution and the accounts. */
export interface EmulatedLinkSuccess {
  publicToken: string;
  itemId: string;
  institution: { id: string; name: string };
  accounts: LinkAccount[];
}

const completeAnswerSchema = z.object({
  public_token: z.string(),
  item_id: z.string(),
  institution: z.object({ institution_id: z.string(), name: z.string() }),
  accounts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mask: z.string().nullable(),
      type: z.string(),
      subtype: z.string().nullable(),
    }),
  ),
});

/** The emulator, or a 409 explaining the feature exists only in emulator mode. */
export function requireEmulator(emulator: EmulatorAccess | undefined, feature: string): EmulatorAccess {
  parseInput('requireEmulator', z.object({ feature: z.string().min(1) }), { feature });
  if (emulator === undefined) {
    throw new SampleError(
      409,
      'EMULATOR_ONLY',
      `${feature} exists only in emulator mode; with real keys the page opens Plaid Link (cdn.plaid.com) instead.`,
    );
  }
  return emulator;
}

/**
 * Completes an emulated Link session (new Item, or update mode for an update-mode link token) with Plaid
 * Sandbox credentials: `user_good`/`pass_good` succeeds, `error_<CODE>` passwords fail with that Plaid error
 * (a PlaidApiError carrying the catalog's category and remediation).
 */
export async function completeEmulatedLink(
  emulator: EmulatorAccess | undefined,
  input: z.input<typeof emulatedLinkInputSchema>,
): Promise<EmulatedLinkSuccess> {
  const parsed = parseInput('completeEmulatedLink', emulatedLinkInputSchema, input);
  const access = requireEmulator(emulator, 'The emulated Link panel');
  let answer: unknown;
  try {
    answer = await access.control.request(
      'POST',
      `/__emulator/plaid/link_tokens/${encodeURIComponent(parsed.linkToken)}/complete`,
      {
        ...(parsed.institutionId === undefined ? {} : { institution_id: parsed.institutionId }),
        username: parsed.username,
        password: parsed.password,
      },
    );
  } catch (error) {
    if (error instanceof EmulatorControlError && /^[A-Z][A-Z_]+$/.test(error.code)) {
      const description = describePlaidError(error.code);
      throw new PlaidApiError(
        {
          error_type: description.type,
          error_code: error.code,
          error_message: error.message,
          display_message: null,
        },
        { status: error.status, endpoint: 'Link (emulated)' },
      );
    }
    throw error;
  }
  const parsedAnswer = completeAnswerSchema.safeParse(answer);
  if (!parsedAnswer.success) {
    throw new ResponseValidationError({
      provider: 'plaid',
      endpoint: 'Link (emulated)',
      issues: toInputIssues(parsedAnswer.error.issues),
    });
  }
  const body = parsedAnswer.data;
  return {
    publicToken: body.public_token,
    itemId: body.item_id,
    institution: { id: body.institution.institution_id, name: body.institution.name },
    accounts: body.accounts.map((account) => ({ ...account })),
  };
}
