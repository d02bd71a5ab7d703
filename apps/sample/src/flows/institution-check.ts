import { type AuthSupport, checkAuthSupport, PLAID_COUNTRY_CODES } from '@achbridge/core';
import { SampleError } from '../errors/sample-error.js';
import { processorBySlug } from '../processors/registry.js';
import type { SampleProcessor } from '../processors/sample-processor.js';
import type { SampleProviders } from '../providers/sample-providers.js';

/** A processor the demo can run: a registered processor's slug (`--processor` value). */
export type DemoProcessor = string;

function processorOf(slug: DemoProcessor): SampleProcessor {
  const processor = processorBySlug(slug);
  if (processor === undefined) {
    throw new SampleError(400, 'UNKNOWN_PROCESSOR', `No processor "${slug}" is registered in the sample.`);
  }
  return processor;
}

/**
 * The refusal the page shows for an institution a processor cannot use, in the page's own words
 * ("✕ Cannot use it — <reason>", public/js/auth-check.js), so the CLI and the page say the same thing.
 */
export function institutionRefusal(support: AuthSupport<string>, processor: DemoProcessor): SampleError {
  const check = processorOf(processor);
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
  const check = processorOf(processor);
  const { requestId: _requestId, ...support } = await checkAuthSupport<string>(plaid, {
    institutionId,
    countryCodes: [...PLAID_COUNTRY_CODES],
    processors: [check.requirements],
  });
  const verdict = support.processors[check.key];
  if (verdict === undefined || !verdict.compatible) throw institutionRefusal(support, processor);
  return { support, label: check.label, reason: verdict.reason };
}
