import { KNOWN_PROCESSOR_NAMES as KNOWN_PROCESSOR_NAME_LIST } from './plaid-processor-names.generated.js';

/**
 * Plaid's `/processor/token/create` processor names known today (Plaid spec 1.697.4's enum plus the names the
 * plaid 47 SDK added, e.g. `seamlessach`, the new name of `paynote`). Generated from the specs workspace.
 */
export const KNOWN_PROCESSOR_NAMES: readonly KnownProcessorName[] = KNOWN_PROCESSOR_NAME_LIST;

/** One of the processor names in `KNOWN_PROCESSOR_NAMES`: the typed hint editors suggest. */
export type KnownProcessorName = (typeof KNOWN_PROCESSOR_NAME_LIST)[number];

/**
 * A Plaid processor name as `/processor/token/create` takes it: any string is accepted (Plaid adds partners
 * faster than its SDKs list them), and editors suggest today's `KnownProcessorName`s.
 */
export type ProcessorName = KnownProcessorName | (string & {});

/** Whether `name` is one of today's known Plaid processor names (an unknown name may still be valid at Plaid). */
export function isKnownProcessorName(name: string): name is KnownProcessorName {
  return (KNOWN_PROCESSOR_NAMES as readonly string[]).includes(name);
}
