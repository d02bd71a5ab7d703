import { sha256HexOf } from '@achbridge/core/internal';
import type { z } from 'zod';
import type { createCounterpartyInputSchema } from './mt-adapter-schemas.js';
import type { MtClient } from './mt-client.js';
import { deriveModernTreasuryKey } from './mt-keys.js';
import { type ModernTreasuryCounterparty, toCounterparty } from './mt-models.js';
import { counterpartyListSchema, counterpartySchema } from './mt-schemas.js';

/** A counterparty with whether this call created it. */
export interface ModernTreasuryCounterpartyResult extends ModernTreasuryCounterparty {
  /** False when a counterparty with this `externalId` already existed. */
  created: boolean;
}

/**
 * Creates a counterparty (`POST /api/counterparties`). With an `externalId` an existing counterparty with
 * it is returned instead (`created: false`); the Idempotency-Key derives from the `externalId` (else the
 * body), so a retry within Modern Treasury's 24-hour window makes one counterparty.
 */
export async function createCounterpartyOnce(
  client: MtClient,
  input: z.output<ReturnType<typeof createCounterpartyInputSchema>>,
  signal: AbortSignal | undefined,
): Promise<ModernTreasuryCounterpartyResult> {
  const { idempotencyKey, ...fields } = input;
  if (fields.externalId !== undefined) {
    const { data } = await client.get('/api/counterparties', counterpartyListSchema(), {
      query: { external_id: fields.externalId },
      signal,
    });
    const existing = data.find((candidate) => candidate.external_id === fields.externalId);
    if (existing) return { ...toCounterparty(existing), created: false };
  }
  const body = {
    name: fields.name,
    ...(fields.email === undefined ? {} : { email: fields.email }),
    ...(fields.externalId === undefined ? {} : { external_id: fields.externalId }),
    ...(fields.metadata === undefined ? {} : { metadata: fields.metadata }),
  };
  const key =
    idempotencyKey === undefined
      ? deriveModernTreasuryKey('counterparty', [
          fields.externalId ?? `body:${sha256HexOf(JSON.stringify(body))}`,
        ])
      : deriveModernTreasuryKey('counterparty', [`caller:${idempotencyKey}`]);
  const { data } = await client.post('/api/counterparties', body, counterpartySchema(), {
    idempotencyKey: key,
    signal,
  });
  return { ...toCounterparty(data), created: true };
}
