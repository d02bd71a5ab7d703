import { z } from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { parseInput } from '../validate.js';
import { ACH_RETURN_CATALOG, type AchReturnCategory } from './ach-return-catalog.js';

/** What achbridge knows about one ACH return code. */
export interface AchReturnDescription {
  /** The normalized return code, e.g. `R01`. */
  code: string;
  /** Whether the code is in achbridge's catalog. */
  known: boolean;
  /** The Nacha return reason (`Unknown return code` when not catalogued). */
  meaning: string;
  /** What to do next. */
  category: AchReturnCategory;
  /** True only when the same debit may be re-presented without a new authorization (R01, R09). */
  retryable: boolean;
  /** Nacha counts it as an unauthorized return. */
  unauthorized: boolean;
  /** Practical advice for the originator. */
  remediation: string;
}

const codeSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^R\d{2}$/, 'must be an ACH return code: R followed by two digits, e.g. R01'),
);

/** Every code in the ACH return catalog, sorted. */
export function listAchReturnCodes(): string[] {
  return Object.keys(ACH_RETURN_CATALOG).sort();
}

/**
 * Describes an ACH return code (`R01`, ` r10 `): its Nacha meaning, what to do next and whether the same
 * debit may be retried. A well-formed code outside the catalog gets category `unknown` and is never
 * retryable; a value that is not an R-code throws an `InputValidationError` naming `code`.
 */
export function describeAchReturn(code: string): AchReturnDescription {
  const normalized = parseInput('describeAchReturn', z.object({ code: codeSchema() }), { code }).code;
  const entry = Object.hasOwn(ACH_RETURN_CATALOG, normalized) ? ACH_RETURN_CATALOG[normalized] : undefined;
  if (entry) {
    return { code: normalized, known: true, ...entry, retryable: entry.category === 'retry_later' };
  }
  return {
    code: normalized,
    known: false,
    meaning: 'Unknown return code',
    category: 'unknown',
    retryable: false,
    unauthorized: false,
    remediation:
      "This ACH return code is not in achbridge's catalog. Do not retry the debit automatically; look the code up in the Nacha Operating Rules (Appendix Four) or ask your processor.",
  };
}
