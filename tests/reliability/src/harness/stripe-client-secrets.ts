import type { EmulatorState, RunningEmulator } from '@achbridge/emulator';

function ids(state: EmulatorState, section: string): string[] {
  const rows = state.stripe[section];
  if (!Array.isArray(rows)) return [];
  return rows
    .map((row: unknown) =>
      typeof row === 'object' && row !== null ? (row as { id?: unknown }).id : undefined,
    )
    .filter((id): id is string => typeof id === 'string');
}

/**
 * Reads the client secrets of every SetupIntent and PaymentIntent the emulated Stripe holds (the state
 * snapshot lists ids only; a retrieve with the secret key returns `client_secret`), so the audit can
 * search for them.
 */
export async function collectStripeClientSecrets(
  emulator: RunningEmulator,
  state: EmulatorState,
): Promise<string[]> {
  const base = `${emulator.stripe.protocol}://${emulator.stripe.host}:${emulator.stripe.port}/v1`;
  const paths = [
    ...ids(state, 'setupIntents').map((id) => `/setup_intents/${id}`),
    ...ids(state, 'paymentIntents').map((id) => `/payment_intents/${id}`),
  ];
  const secrets: string[] = [];
  for (const path of paths) {
    const response = await fetch(`${base}${path}`, {
      headers: { Authorization: `Bearer ${emulator.stripe.secretKey}` },
    });
    const body = (await response.json()) as { client_secret?: unknown };
    if (typeof body.client_secret === 'string') secrets.push(body.client_secret);
  }
  return secrets;
}
