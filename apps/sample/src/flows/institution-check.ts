import {
  type AuthSupport,
  checkAuthSupport,
  PLAID_COUNTRY_CODES,
  type ProcessorRequirements,
} from '@achbridge/core';
import { modernTreasuryRequirements } from '@achbridge/modern-treasury';
import { SampleError } from '../errors/sample-error.js';
import type { SampleProviders } from '../providers/sample-providers.js';

/** A processor the demo can run. */
export type DemoProcessor = 'stripe' | 'dwolla' | 'modern-treasury';

interface ProcessorCheck {
  /** The processor's key in the auth-support verdicts. */
  key: string;
  /** The name the page shows. */
  label: string;
  /** Requirements to check instead of core's default Stripe and Dwolla ones (which the page uses). */
  requirements?: ProcessorRequirements<string>;
}

/** How each demo processor is checked; Stripe and Dwolla exactly as the page's `/api/institutions` does. */
export const PROCESSOR_CHECKS: Readonly<Record<DemoProcessor, ProcessorCheck>> = {
  stripe: { key: 'stripe', label: 'Stripe' },
  dwolla: { key: 'dwolla', label: 'Dwolla' },
  'modern-treasury': {
    key: 'modern_treasury',
    label: 'Modern Treasury',
    requirements: modernTreasuryRequirements,
  },
};

/**
 * The refusal the page shows for an institution a processor cannot use, in the page's own words
 * ("✕ Cannot use it — <reason>", public/js/auth-check.js), so the CLI and the page say the same thing.
 */
export function institutionRefusal(support: AuthSupport<string>, processor: DemoProcessor): SampleError {
  const check = PROCESSOR_CHECKS[processor];
  const reason = support.processors[check.key]?.reason ?? 'no verdict for this processor';
  const { institution } = support;
  return new SampleError(
    400,
    'INSTITUTION_NOT_SUPPORTED',
    `${check.label}: ✕ Cannot use it — ${reason} (${institution.name}, ${institution.institutionId})`,
    { institutionId: institution.institutionId, processor, reason },
  );
}

/**
 * The page's auth-support check for one institution (`/institutions/get_by_id` in every Plaid country), run
 * before Link; resolves to the processor's verdict, or throws `institutionRefusal` when it cannot use it.
 */
export async function requireSupportedInstitution(
  plaid: SampleProviders['plaid'],
  institutionId: string,
  processor: DemoProcessor,
): Promise<{ support: AuthSupport<string>; label: string; reason: string }> {
  const check = PROCESSOR_CHECKS[processor];
  const { requestId: _requestId, ...support } = await checkAuthSupport<string>(plaid, {
    institutionId,
    countryCodes: [...PLAID_COUNTRY_CODES],
    ...(check.requirements === undefined ? {} : { processors: [check.requirements] }),
  });
  const verdict = support.processors[check.key];
  if (verdict === undefined || !verdict.compatible) throw institutionRefusal(support, processor);
  return { support, label: check.label, reason: verdict.reason };
}
