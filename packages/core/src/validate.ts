import type { z } from 'zod';
import {
  type InputIssue,
  InputValidationError,
  type ProviderName,
  ResponseValidationError,
} from './errors.js';

/** Turns zod issues into achbridge's `{ path, message }` issues. */
export function toInputIssues(issues: readonly z.core.$ZodIssue[]): InputIssue[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((part) => String(part));
    if (issue.code === 'unrecognized_keys') {
      // Name each unknown key as the offending field (e.g. a snake_case `access_token` for `accessToken`).
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known field' }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/** Validates a public function's input; throws an InputValidationError naming the field. */
export function parseInput<S extends z.ZodType>(operation: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InputValidationError(operation, toInputIssues(result.error.issues));
  return result.data;
}

/** Context for validating a provider response. */
export interface ResponseContext {
  provider: ProviderName;
  endpoint: string;
  status?: number | undefined;
  requestId?: string | undefined;
}

/** Validates a provider response; throws a ResponseValidationError when it is malformed. */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  body: unknown,
  context: ResponseContext,
): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new ResponseValidationError({ ...context, issues: toInputIssues(result.error.issues) });
  }
  return result.data;
}
