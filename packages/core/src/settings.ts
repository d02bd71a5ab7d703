import { z } from 'zod';
import { readEnvironmentVariable } from './environment-variable.js';
import { ConfigError } from './errors.js';
import { lazySchema } from './lazy-schema.js';
import { registerSecret } from './redact.js';
import { parseInput } from './validate.js';

/** Describes one setting that may come from an option or an environment variable. */
export interface SettingSource {
  /** The explicitly passed value, if any. */
  value: string | undefined;
  /** The environment variable to fall back to. */
  environmentVariable: string;
  /** The option name, for the error message. */
  optionName: string;
  /** Human name, e.g. "Plaid secret". */
  description: string;
  /** Whether the value is secret (registered for redaction). */
  secret?: boolean;
}

const settingSourceSchema = lazySchema(() =>
  z.object({
    value: z.string({ error: 'must be a string when given' }).optional(),
    environmentVariable: z.string().min(1, 'must name an environment variable'),
    optionName: z.string().min(1, 'must name the option'),
    description: z.string().min(1, 'must describe the setting'),
    secret: z.boolean().optional(),
  }),
);

/** Resolves a setting from its option or environment variable; throws a ConfigError naming both. */
export function loadSetting(source: SettingSource): string {
  parseInput('loadSetting', settingSourceSchema(), source);
  const value = source.value ?? readEnvironmentVariable(source.environmentVariable);
  if (value === undefined || value.trim() === '') {
    throw new ConfigError(
      `${source.description} is missing. Pass \`${source.optionName}\` or set the ${source.environmentVariable} environment variable.`,
      { code: 'MISSING_SETTING' },
    );
  }
  if (source.secret) registerSecret(value);
  return value;
}

/** Returns a function that resolves the setting once, on first call, so construction never throws. */
export function lazySetting(source: SettingSource): () => string {
  parseInput('lazySetting', settingSourceSchema(), source);
  let cached: string | undefined;
  if (source.secret) registerSecret(source.value);
  return () => {
    cached ??= loadSetting(source);
    // Each use marks the secret as recently used, so redaction never forgets a credential in use.
    if (source.secret) registerSecret(cached);
    return cached;
  };
}
