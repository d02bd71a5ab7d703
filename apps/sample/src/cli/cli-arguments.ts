import { parseArgs } from 'node:util';
import { parseInput } from '@achbridge/core';
import { z } from 'zod';
import { SAMPLE_PROCESSORS } from '../processors/registry.js';

/** The demo CLI's options. */
export interface DemoOptions {
  /** A registered processor's slug, e.g. `modern-treasury`. */
  processor: string;
  institutionId: string;
  username: string;
  password: string;
}

/** What the command line asked for: run, print help, or a usage error. */
export type DemoCommand =
  | { kind: 'run'; options: DemoOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

const SLUGS = SAMPLE_PROCESSORS.map((processor) => processor.slug);
const SLUG_LIST = SLUGS.join('|');
const KEY_VARIABLES = SAMPLE_PROCESSORS.map((processor) => processor.keys.variables.join('/')).join(', ');

/** `npm run demo -- --help`. */
export const DEMO_HELP = `Usage: npm run demo -- --processor ${SLUG_LIST} [--institution ins_109508] [--password pass_good]

Runs the sample's flow headless and prints every step with its timing and provider request ids:
Link (emulated, or /sandbox/public_token/create with real keys) -> duplicate check -> exchange -> then
${SAMPLE_PROCESSORS.map((processor) => `${processor.label}: ${processor.hint}`).join('\n')}

Without PLAID_CLIENT_ID/PLAID_SECRET it runs against a fresh offline emulator (settling payments on the
emulator clock); with them (and a processor's keys: ${KEY_VARIABLES}) against the real sandboxes.
Exits 1 on failure with the error's remediation, 2 on a usage error.

  --processor ${SLUG_LIST}
                              which processor receives the account (required)
  --institution ID            Plaid Sandbox institution (default ins_109508, First Platypus Bank)
  --username NAME             Sandbox username (default user_good)
  --password PASSWORD         Sandbox password (default pass_good); error_<CODE> simulates a Link error,
                              e.g. error_ITEM_LOCKED
  --help                      show this text`;

const optionsSchema = z.object({
  processor: z.enum(SLUGS as [string, ...string[]], {
    error: `must be ${SLUGS.slice(0, -1).join(', ')} or ${SLUGS.at(-1)}`,
  }),
  institutionId: z.string().regex(/^ins_[A-Za-z0-9]+$/, 'must be a Plaid institution id such as ins_109508'),
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(100),
});

/** Parses the demo CLI's arguments (`--flag value` or `--flag=value`). */
export function parseDemoArguments(argv: readonly string[]): DemoCommand {
  const args = parseInput('parseDemoArguments', z.array(z.string()), argv);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        processor: { type: 'string' },
        institution: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values['help']) return { kind: 'help', text: DEMO_HELP };
  if (values['processor'] === undefined)
    return { kind: 'error', message: `--processor ${SLUG_LIST} is required` };
  const parsed = optionsSchema.safeParse({
    processor: values['processor'],
    institutionId: values['institution'] ?? 'ins_109508',
    username: values['username'] ?? 'user_good',
    password: values['password'] ?? 'pass_good',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = issue?.path[0] === 'institutionId' ? 'institution' : String(issue?.path[0] ?? '');
    return { kind: 'error', message: `--${flag} ${issue?.message ?? 'is invalid'}` };
  }
  return { kind: 'run', options: parsed.data };
}
