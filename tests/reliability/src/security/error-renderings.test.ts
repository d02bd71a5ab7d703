import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { errWithCause, err as pinoErr } from 'pino-std-serializers';
import { describe, expect, it } from 'vitest';
import { buildErrorSpecimens, PLANTED_SECRETS, registerPlantedSecrets } from '../child/error-specimens.js';

// M3: redaction is a property of every achbridge error, whatever renders it. Each error class gets the
// planted secrets in every string it accepts; each rendering below must hold none of them.

registerPlantedSecrets();
const SPECIMENS = buildErrorSpecimens();
const CHILD_PATH = fileURLToPath(new URL('../../dist/child/throw-error-child.js', import.meta.url));

/** Every rendering an application or Node itself may produce for an error. */
export const RENDERINGS: readonly { name: string; render: (error: Error) => string }[] = [
  { name: 'String()', render: (error) => String(error) },
  { name: '.stack', render: (error) => error.stack ?? '' },
  { name: 'JSON.stringify', render: (error) => JSON.stringify(error) },
  { name: 'util.inspect', render: (error) => inspect(error, { depth: 10 }) },
  { name: 'util.inspect showHidden', render: (error) => inspect(error, { depth: 10, showHidden: true }) },
  {
    name: 'util.inspect customInspect:false',
    render: (error) => inspect(error, { customInspect: false, depth: 10 }),
  },
  {
    name: 'util.inspect customInspect:false showHidden',
    render: (error) => inspect(error, { customInspect: false, depth: 10, showHidden: true }),
  },
  {
    name: 'Object.entries',
    render: (error) => inspect(Object.entries(error), { depth: 10, customInspect: false }),
  },
  { name: 'spread', render: (error) => JSON.stringify({ ...error }) },
  { name: 'pino err serializer', render: (error) => JSON.stringify(pinoErr(error)) },
  { name: 'pino errWithCause serializer', render: (error) => JSON.stringify(errWithCause(error)) },
];

/** The planted secrets found in `text`; the short one counts only as a whole token (how it is redacted). */
function leaksIn(text: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(PLANTED_SECRETS)) {
    const present =
      value.length < 6
        ? new RegExp(`(^|[^A-Za-z0-9_])${value}($|[^A-Za-z0-9_])`).test(text)
        : text.includes(value);
    if (present) found.push(name);
  }
  return found;
}

describe('security: every rendering of every error class is free of secrets (M3)', () => {
  it('covers every achbridge error class', () => {
    expect(SPECIMENS.map((specimen) => specimen.label)).toEqual([
      'AchBridgeError',
      'ConfigError',
      'InputValidationError',
      'ProviderError',
      'ResponseValidationError',
      'NetworkError',
      'PlaidApiError',
      'WebhookVerificationError',
      'StripeApiError',
      'DwollaApiError',
      'DwollaWebhookVerificationError',
    ]);
  });

  it.each(SPECIMENS)('$label: every rendering holds no planted secret', ({ label, error }) => {
    const leaks = RENDERINGS.flatMap(({ name, render }) =>
      leaksIn(render(error)).map((secret) => `${label} ${name}: ${secret}`),
    );
    expect(leaks).toEqual([]);
  });

  it.each(SPECIMENS)('$label: the first stack line names its own class', ({ label, error }) => {
    expect(error.stack?.split('\n')[0]?.startsWith(`${label}: `)).toBe(true);
    expect(inspect(error).startsWith(`${label}: `)).toBe(true);
  });

  it.each(SPECIMENS.map((specimen) => specimen.label))(
    "%s: Node's crash output of the uncaught error holds no planted secret",
    async (label) => {
      const child = spawn(process.execPath, [CHILD_PATH, label], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`${label}: `);
      expect(output).toContain('[REDACTED]');
      expect(leaksIn(output)).toEqual([]);
    },
  );
});
