import { z } from 'zod';
import { parseInput } from '../validate.js';
import type { PlaidCallOptions, PlaidClient, PlaidInstitution } from './plaid-client-types.js';
import { PLAID_COUNTRY_CODES } from './plaid-input-schemas.js';

/** The ACH processors achbridge hands accounts to. */
export type AchProcessor = 'stripe' | 'dwolla';

/** Whether one processor can take accounts from an institution, and why. */
export interface ProcessorVerdict {
  /** True when the processor integration works with this institution. */
  compatible: boolean;
  /** A human explanation, fit for logs or a support answer. */
  reason: string;
}

/** An institution checked against the Stripe and Dwolla requirements. */
export interface AuthSupport {
  institution: PlaidInstitution;
  /** Whether the institution lists Plaid's `auth` product. */
  supportsAuth: boolean;
  /** One verdict per processor. */
  processors: Record<AchProcessor, ProcessorVerdict>;
}

const countryCodes = z
  .array(z.enum(PLAID_COUNTRY_CODES, { message: `must be one of ${PLAID_COUNTRY_CODES.join(', ')}` }), {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array of country codes'),
  })
  .min(1, 'must list at least one country code');
const requiredString = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .trim()
  .min(1, 'must be a non-empty string');

const checkInputSchema = z.strictObject({ institutionId: requiredString, countryCodes });
const findInputSchema = z.strictObject({ query: requiredString, countryCodes });
const evaluateInputSchema = z.object({
  institution: z.object({
    institutionId: z.string(),
    name: z.string(),
    products: z.array(z.string()),
    countryCodes: z.array(z.string()),
  }),
  requestedCountryCodes: z.array(z.string()),
});
const clientSchema = z.custom<Pick<PlaidClient, 'getInstitutionById' | 'searchInstitutions'>>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PlaidClient).getInstitutionById === 'function' &&
    typeof (value as PlaidClient).searchInstitutions === 'function',
  { message: 'must be a Plaid client from createPlaidClient' },
);
const clientInputSchema = z.object({ client: clientSchema });

/**
 * Applies the FAQ's compatibility rule to an institution: Stripe and Dwolla ACH need a US institution
 * that supports Plaid Auth; Dwolla also needs Link to run with country code US.
 */
export function evaluateAuthSupport(
  institution: PlaidInstitution,
  requestedCountryCodes: readonly string[],
): AuthSupport {
  parseInput('evaluateAuthSupport', evaluateInputSchema, { institution, requestedCountryCodes });
  const supportsAuth = institution.products.includes('auth');
  const isUsInstitution = institution.countryCodes.includes('US');
  const name = `${institution.name} (${institution.institutionId})`;
  const baseVerdict = (processor: string): ProcessorVerdict => {
    if (!supportsAuth) {
      return {
        compatible: false,
        reason: `${name} does not support Plaid Auth (its products are ${institution.products.join(', ') || 'none'}), so ${processor} cannot receive account and routing numbers from it; ask the user to link another bank.`,
      };
    }
    if (!isUsInstitution) {
      return {
        compatible: false,
        reason: `${name} is not a US institution (countries: ${institution.countryCodes.join(', ') || 'none'}); ${processor} ACH only moves money between US bank accounts.`,
      };
    }
    return {
      compatible: true,
      reason: `${name} supports Plaid Auth and is a US institution, so ${processor} ACH works.`,
    };
  };
  const stripe = baseVerdict('Stripe');
  let dwolla = baseVerdict('Dwolla');
  if (dwolla.compatible && !requestedCountryCodes.includes('US')) {
    dwolla = {
      compatible: false,
      reason: `Dwolla requires Plaid Link to be initialised with country code US; the requested country codes are ${requestedCountryCodes.join(', ')}.`,
    };
  }
  return { institution, supportsAuth, processors: { stripe, dwolla } };
}

/** Reads one institution and tells whether it supports Auth and works with Stripe and Dwolla. */
export async function checkAuthSupport(
  client: Pick<PlaidClient, 'getInstitutionById' | 'searchInstitutions'>,
  input: { institutionId: string; countryCodes: string[] },
  options?: PlaidCallOptions,
): Promise<AuthSupport & { requestId: string }> {
  const { client: plaid } = parseInput('checkAuthSupport', clientInputSchema, { client });
  const data = parseInput('checkAuthSupport', checkInputSchema, input);
  const answer = await plaid.getInstitutionById(data, options);
  return { ...evaluateAuthSupport(answer.institution, data.countryCodes), requestId: answer.requestId };
}

/** Searches institutions by name and marks each with its Auth support and per-processor verdicts. */
export async function findAuthInstitutions(
  client: Pick<PlaidClient, 'getInstitutionById' | 'searchInstitutions'>,
  input: { query: string; countryCodes: string[] },
  options?: PlaidCallOptions,
): Promise<{ institutions: AuthSupport[]; requestId: string }> {
  const { client: plaid } = parseInput('findAuthInstitutions', clientInputSchema, { client });
  const data = parseInput('findAuthInstitutions', findInputSchema, input);
  const answer = await plaid.searchInstitutions(data, options);
  return {
    institutions: answer.institutions.map((institution) =>
      evaluateAuthSupport(institution, data.countryCodes),
    ),
    requestId: answer.requestId,
  };
}
