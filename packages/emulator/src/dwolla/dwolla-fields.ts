import { type DwollaEmbeddedError, embeddedError } from './dwolla-errors.js';

/** Collects embedded validation errors while reading a request body. */
export interface DwollaFieldReader {
  /** The errors found so far. */
  readonly errors: DwollaEmbeddedError[];
  /** A required, non-blank string (trimmed); records `Required`/`Invalid` and returns undefined when bad. */
  required(key: string, options?: StringRule): string | undefined;
  /** An optional string; absent/null/blank gives undefined, a non-string records `Invalid`. */
  optional(key: string, options?: StringRule): string | undefined;
  /** Records an error on a field. */
  add(code: string, message: string, path: string): void;
}

/** Extra checks for a string field. */
export interface StringRule {
  maxLength?: number;
  /** The value must match; otherwise `code` (default `InvalidFormat`) is recorded. */
  pattern?: RegExp;
  code?: string;
  /** Label used in messages (default: the key with its first letter capitalised, e.g. `FirstName`). */
  label?: string;
  /** JSON pointer (default `/<key>`). */
  path?: string;
}

/** `firstName` -> `FirstName`, the way Dwolla's messages name fields. */
export function fieldLabel(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** Creates a reader over one body object. */
export function createFieldReader(body: Record<string, unknown>): DwollaFieldReader {
  const errors: DwollaEmbeddedError[] = [];

  function check(key: string, value: string, rule: StringRule): string | undefined {
    const label = rule.label ?? fieldLabel(key);
    const path = rule.path ?? `/${key}`;
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      errors.push(embeddedError('Invalid', `${label} must be ${rule.maxLength} characters or less.`, path));
      return undefined;
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      errors.push(embeddedError(rule.code ?? 'InvalidFormat', `${label} invalid.`, path));
      return undefined;
    }
    return value;
  }

  return {
    errors,
    required(key, rule = {}) {
      const value = body[key];
      const label = rule.label ?? fieldLabel(key);
      const path = rule.path ?? `/${key}`;
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
        errors.push(embeddedError('Required', `${label} required.`, path));
        return undefined;
      }
      if (typeof value !== 'string') {
        errors.push(embeddedError('Invalid', `${label} invalid.`, path));
        return undefined;
      }
      return check(key, value.trim(), rule);
    },
    optional(key, rule = {}) {
      const value = body[key];
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
        return undefined;
      }
      if (typeof value !== 'string') {
        errors.push(
          embeddedError('Invalid', `${rule.label ?? fieldLabel(key)} invalid.`, rule.path ?? `/${key}`),
        );
        return undefined;
      }
      return check(key, value.trim(), rule);
    },
    add(code, message, path) {
      errors.push(embeddedError(code, message, path));
    },
  };
}
