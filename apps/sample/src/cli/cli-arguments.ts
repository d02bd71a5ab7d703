import { parseArgs } from 'node:util';
import { parseInput } from '@achbridge/core';
import { z } from 'zod';

/** The demo CLI's options. */
export interface DemoOptions {
  processor: 'stripe' | 'dwolla' | 'modern-treasury';
  institutionId: string;
  username: string;
  password: string;
}

/** What the command line asked for: run, print help, or a usage error. */
export type DemoCommand =
  | { kind: 'run'; options: DemoOptions }
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** `npm run demo -- --help`. */
export const DEMO_HELP = `Usage: npm run demo -- --processor stripe|dwolla|modern-treasury [--institution ins_109508] [--password pass_good]

Runs the sample's flow headless and prints every step with its timing and provider request ids:
Link (emulated, or /sandbox/public_token/create with real keys) -> duplicate check -> exchange ->
Stripe: btok, customer with bank account, mandate, $1.00 ACH payment (settled on the emulator clock)
Dwolla: customer, processor token, funding source.
Modern Treasury: counterparty, processor token, external account, $1.00 ACH debit (settled on the
emulator clock).

Without PLAID_CLIENT_ID/PLAID_SECRET it runs against a fresh offline emulator; with them (and
STRIPE_SECRET_KEY, DWOLLA_KEY/DWOLLA_SECRET or MODERN_TREASURY_ORGANIZATION_ID/MODERN_TREASURY_API_KEY) against the real sandboxes. Exits 1 on failure with
the error's remediation, 2 on a usage error.

  --processor stripe|dwolla|modern-treasury
                              which processor receives the account (required)
  --institution ID            Plaid Sandbox institution (default ins_109508, First Platypus Bank)
  --username NAME             Sandbox username (default user_good)
  --password PASSWORD         Sandbox password (default pass_good); error_<CODE> simulates a Link error,
                              e.g. error_ITEM_LOCKED
  --help                      show this text`;

const optionsSchema = z.object({
  processor: z.enum(['stripe', 'dwolla', 'modern-treasury'], {
    error: 'must be stripe, dwolla or modern-treasury',
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
    return { kind: 'error', message: '--processor stripe|dwolla|modern-treasury is required' };
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
