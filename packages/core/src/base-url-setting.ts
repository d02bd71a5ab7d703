import { z } from 'zod';
import { readEnvironmentVariable } from './environment-variable.js';
import { ConfigError } from './errors.js';
import { lazySchema } from './lazy-schema.js';
import { parseInput } from './validate.js';

/** Where a client's base URL may come from when its option is not given. */
export interface BaseUrlSource {
  /** The environment variable to read, e.g. `PLAID_BASE_URL` (the convention is `<PROVIDER>_BASE_URL`). */
  environmentVariable: string;
  /** The option that takes precedence over the variable, for the error message, e.g. `baseUrl`. */
  optionName: string;
  /** An example value for the error message, e.g. `http://127.0.0.1:4010/plaid`. */
  example: string;
}

const sourceSchema = lazySchema(() =>
  z.strictObject({
    environmentVariable: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'must be an upper-case environment variable name'),
    optionName: z.string().min(1, 'must name the option'),
    example: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
  }),
);

const baseUrlSchema = lazySchema(() => z.url({ protocol: /^https?$/ }));

/**
 * A client's base URL from its environment variable (e.g. `PLAID_BASE_URL`), for when the option was not
 * given: undefined when the variable is unset or blank (or the runtime has no environment), the trimmed URL
 * when it is an absolute http(s) URL, otherwise a ConfigError (`INVALID_ENVIRONMENT_VARIABLE`) naming the
 * variable and the option. The value itself is never echoed: a URL may carry credentials.
 */
export function baseUrlFromEnvironment(source: BaseUrlSource): string | undefined {
  const { environmentVariable, optionName, example } = parseInput(
    'baseUrlFromEnvironment',
    sourceSchema(),
    source,
  );
  const raw = readEnvironmentVariable(environmentVariable)?.trim();
  if (raw === undefined || raw === '') return undefined;
  const parsed = baseUrlSchema().safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `The ${environmentVariable} environment variable is not an absolute http(s) URL (expected e.g. ${example}). ` +
        `Fix or unset it, or pass \`${optionName}\`, which takes precedence.`,
      { code: 'INVALID_ENVIRONMENT_VARIABLE' },
    );
  }
  return parsed.data;
}
