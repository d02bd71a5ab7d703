import { jsonPointer } from '../kernel/field-spec-path.js';
import type { FieldViolation, StringFieldSpec } from '../kernel/field-spec-types.js';
import { type DwollaEmbeddedError, embeddedError } from './dwolla-errors.js';

/** `firstName` -> `FirstName`, the way Dwolla's messages name fields. */
export function fieldLabel(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** A Dwolla text field: trimmed, blank counts as absent (Dwolla's reading of string fields). */
export function dwollaText(options: Omit<StringFieldSpec, 'type' | 'trim'> = {}): StringFieldSpec {
  return { type: 'string', trim: true, ...options };
}

/** One violation as Dwolla's embedded error (`Required`, `Invalid` or `InvalidFormat`, `X required.`). */
function embeddedFor(violation: FieldViolation): DwollaEmbeddedError {
  const field = violation.field;
  const last = violation.path[violation.path.length - 1];
  const label = field?.label ?? fieldLabel(String(last ?? ''));
  const path = jsonPointer(violation.path);
  switch (violation.kind) {
    case 'missing':
      return embeddedError('Required', field?.message ?? `${label} required.`, path);
    case 'too_long': {
      const max = field?.type === 'string' ? field.maxLength : undefined;
      return embeddedError('Invalid', field?.message ?? `${label} must be ${max} characters or less.`, path);
    }
    case 'type':
      return embeddedError('Invalid', field?.message ?? `${label} invalid.`, path);
    case 'pattern':
      return embeddedError(field?.code ?? 'InvalidFormat', field?.message ?? `${label} invalid.`, path);
    case 'rule':
      return embeddedError(
        violation.rule?.code ?? field?.code ?? 'Invalid',
        violation.rule?.message ?? field?.message ?? `${label} invalid.`,
        path,
      );
    case 'unknown':
      return embeddedError('NotAllowed', `${label} is not allowed.`, path);
    default:
      return embeddedError(field?.code ?? 'Invalid', field?.message ?? `${label} invalid.`, path);
  }
}

/**
 * Dwolla's `_embedded.errors[]` entries for a list of violations (one per violation, in order), with the
 * field named by its capitalised key (or its spec's label) and located by JSON pointer.
 */
export function dwollaFieldErrors(violations: readonly FieldViolation[]): DwollaEmbeddedError[] {
  return violations.map(embeddedFor);
}
