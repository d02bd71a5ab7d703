import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import type { KnownAchProcessor, ProcessorRequirements } from '../processor-requirements.js';
import { parseInput } from '../validate.js';
import { LEGACY_PROCESSOR_REQUIREMENTS } from './legacy-processor-requirements.js';
import type { PlaidCallOptions, PlaidClient, PlaidInstitution } from './plaid-client-types.js';
import { PLAID_COUNTRY_CODES } from './plaid-input-schemas.js';

/** Whether one processor can take accounts from an institution, and why. */
export interface ProcessorVerdict {
  /** True when the processor integration works with this institution. */
  compatible: boolean;
  /** A human explanation, fit for logs or a support answer. */
  reason: string;
  /** The account subtypes the processor can debit, when its adapter declares them (for Link's account filters). */
  accountSubtypes?: string[];
}

/** An institution checked against each processor's declared requirements. */
export interface AuthSupport<P extends string = KnownAchProcessor> {
  institution: PlaidInstitution;
  /** Whether the institution lists Plaid's `auth` product. */
  supportsAuth: boolean;
  /** One verdict per processor, keyed by processor name. */
  processors: Record<P, ProcessorVerdict>;
}

const countryCodes = lazySchema(() =>
  z
    .array(z.enum(PLAID_COUNTRY_CODES, { message: `must be one of ${PLAID_COUNTRY_CODES.join(', ')}` }), {
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be an array of country codes'),
    })
    .min(1, 'must list at least one country code'),
);
const requiredString = lazySchema(() =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'must be a non-empty string'),
);

const stringList = lazySchema(() => z.array(requiredString(), { error: 'must be an array of strings' }));
const requirementsSchema = lazySchema(() =>
  z.object({
    processor: requiredString(),
    label: requiredString(),
    products: stringList(),
    institutionCountries: stringList().min(1, 'must list at least one country code'),
    linkCountryCodes: stringList().optional(),
    accountSubtypes: stringList().optional(),
  }),
);
const processorsSchema = lazySchema(() =>
  z
    .array(requirementsSchema(), { error: 'must be an array of processor requirements' })
    .min(1, 'must list at least one processor')
    .refine((list) => new Set(list.map((entry) => entry.processor)).size === list.length, {
      message: 'must name each processor once',
    })
    .optional(),
);
const checkInputSchema = lazySchema(() =>
  z.strictObject({
    institutionId: requiredString(),
    countryCodes: countryCodes(),
    processors: processorsSchema(),
  }),
);
const findInputSchema = lazySchema(() =>
  z.strictObject({ query: requiredString(), countryCodes: countryCodes(), processors: processorsSchema() }),
);
const evaluateInputSchema = lazySchema(() =>
  z.object({
    institution: z.object({
      institutionId: z.string(),
      name: z.string(),
      products: z.array(z.string()),
      countryCodes: z.array(z.string()),
    }),
    requestedCountryCodes: z.array(z.string()),
    processors: processorsSchema(),
  }),
);
const clientSchema = lazySchema(() =>
  z.custom<Pick<PlaidClient, 'getInstitutionById' | 'searchInstitutions'>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as PlaidClient).getInstitutionById === 'function' &&
      typeof (value as PlaidClient).searchInstitutions === 'function',
    { message: 'must be a Plaid client from createPlaidClient' },
  ),
);
const clientInputSchema = lazySchema(() => z.object({ client: clientSchema() }));

const productLabel = (product: string): string => product.charAt(0).toUpperCase() + product.slice(1);

/** One processor's verdict on one institution, from the processor's declared requirements. */
function verdictFor(
  requirements: ProcessorRequirements<string>,
  institution: PlaidInstitution,
  requestedCountryCodes: readonly string[],
): ProcessorVerdict {
  const { label } = requirements;
  const name = `${institution.name} (${institution.institutionId})`;
  const subtypes = requirements.accountSubtypes ? { accountSubtypes: [...requirements.accountSubtypes] } : {};
  const missing = requirements.products.filter((product) => !institution.products.includes(product));
  if (missing.length > 0) {
    const consequence = missing.includes('auth')
      ? `${label} cannot receive account and routing numbers from it`
      : `${label} cannot work with it`;
    return {
      compatible: false,
      reason: `${name} does not support Plaid ${missing.map(productLabel).join(', ')} (its products are ${institution.products.join(', ') || 'none'}), so ${consequence}; ask the user to link another bank.`,
      ...subtypes,
    };
  }
  const countries = requirements.institutionCountries.join(' or ');
  if (!requirements.institutionCountries.some((country) => institution.countryCodes.includes(country))) {
    return {
      compatible: false,
      reason: `${name} is not a ${countries} institution (countries: ${institution.countryCodes.join(', ') || 'none'}); ${label} ACH only moves money between ${countries} bank accounts.`,
      ...subtypes,
    };
  }
  const unrequested = (requirements.linkCountryCodes ?? []).filter(
    (code) => !requestedCountryCodes.includes(code),
  );
  if (unrequested.length > 0) {
    return {
      compatible: false,
      reason: `${label} requires Plaid Link to be initialised with country code ${unrequested.join(', ')}; the requested country codes are ${requestedCountryCodes.join(', ')}.`,
      ...subtypes,
    };
  }
  const supports =
    requirements.products.length > 0
      ? `supports Plaid ${requirements.products.map(productLabel).join(' and ')} and `
      : '';
  return {
    compatible: true,
    reason: `${name} ${supports}is a ${countries} institution, so ${label} ACH works.`,
    ...subtypes,
  };
}

function combine<P extends string>(
  institution: PlaidInstitution,
  requestedCountryCodes: readonly string[],
  processors: readonly ProcessorRequirements<P>[] | undefined,
): AuthSupport<P> {
  const list = (processors ?? LEGACY_PROCESSOR_REQUIREMENTS) as readonly ProcessorRequirements<P>[];
  const verdicts = {} as Record<P, ProcessorVerdict>;
  for (const requirements of list) {
    verdicts[requirements.processor] = verdictFor(requirements, institution, requestedCountryCodes);
  }
  return { institution, supportsAuth: institution.products.includes('auth'), processors: verdicts };
}

/**
 * Checks an institution against each processor's declared requirements (products, institution countries,
 * Link country codes). Without `processors` it applies the deprecated built-in Stripe and Dwolla rules.
 */
export function evaluateAuthSupport<P extends string = KnownAchProcessor>(
  institution: PlaidInstitution,
  requestedCountryCodes: readonly string[],
  processors?: readonly ProcessorRequirements<P>[],
): AuthSupport<P> {
  parseInput('evaluateAuthSupport', evaluateInputSchema(), {
    institution,
    requestedCountryCodes,
    processors,
  });
  return combine(institution, requestedCountryCodes, processors);
}

/**
 * Reads one institution and tells whether it supports Auth and what each processor makes of it; pass each
 * adapter's requirements as `processors` (without them the deprecated built-in Stripe and Dwolla rules apply).
 */
export async function checkAuthSupport<P extends string = KnownAchProcessor>(
  client: Pick<PlaidClient, 'getInstitutionById' | 'searchInstitutions'>,
  input: { institutionId: string; countryCodes: string[]; processors?: readonly ProcessorRequirements<P>[] },
  options?: PlaidCallOptions,
): Promise<AuthSupport<P> & { requestId: string }> {
  const { client: plaid } = parseInput('checkAuthSupport', clientInputSchema(), { client });
  const { processors, ...query } = parseInput('checkAuthSupport', checkInputSchema(), input);
  const answer = await plaid.getInstitutionById(query, options);
  return {
    ...combine(answer.institution, query.countryCodes, processors as ProcessorRequirements<P>[] | undefined),
    requestId: answer.requestId,
  };
}

/** Searches institutions by name and marks each with its Auth support and per-processor verdicts. */
export async function findAuthInstitutions<P extends string = KnownAchProcessor>(
  client: Pick<PlaidClient, 'getInstitutionById' | 'searchInstitutions'>,
  input: { query: string; countryCodes: string[]; processors?: readonly ProcessorRequirements<P>[] },
  options?: PlaidCallOptions,
): Promise<{ institutions: AuthSupport<P>[]; requestId: string }> {
  const { client: plaid } = parseInput('findAuthInstitutions', clientInputSchema(), { client });
  const { processors, ...query } = parseInput('findAuthInstitutions', findInputSchema(), input);
  const answer = await plaid.searchInstitutions(query, options);
  const list = processors as ProcessorRequirements<P>[] | undefined;
  return {
    institutions: answer.institutions.map((institution) => combine(institution, query.countryCodes, list)),
    requestId: answer.requestId,
  };
}
