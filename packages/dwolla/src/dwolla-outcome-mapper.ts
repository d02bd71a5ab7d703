import { InputValidationError, type PaymentOutcomeUpdate } from '@achbridge/core';
import { parseInput } from '@achbridge/core/internal';
import { z } from 'zod';
import {
  type DwollaTransferReader,
  dwollaTransferOutcomeFromEvent,
  readerSchema,
} from './dwolla-transfer-outcome.js';
import { dwollaWebhookBodySchema, toDwollaWebhookEvent } from './dwolla-webhook-events.js';

/** Maps a verified Dwolla event body (JSON) to an outcome update; the shape `@achbridge/store`'s outcome router takes. */
export type DwollaOutcomeMapper = (
  body: Record<string, unknown>,
) => Promise<PaymentOutcomeUpdate | undefined>;

/**
 * Creates the Dwolla mapper for a payment outcome router: it takes a verified event body as stored in the
 * inbox (`verifyDwollaWebhook(...).body`), and gives `dwollaTransferOutcomeFromEvent`'s update, reading
 * transfers with `readTransfer` (the adapter's `getTransfer`) for failures and bank legs.
 */
export function createDwollaOutcomeMapper(readTransfer: DwollaTransferReader): DwollaOutcomeMapper {
  parseInput('createDwollaOutcomeMapper', z.object({ readTransfer: readerSchema() }), { readTransfer });
  return async (body) => {
    const parsed = dwollaWebhookBodySchema().safeParse(body);
    if (!parsed.success) {
      throw new InputValidationError('DwollaOutcomeMapper', [
        { path: 'body', message: 'must be a Dwolla event with id, topic and resourceId' },
      ]);
    }
    return dwollaTransferOutcomeFromEvent(toDwollaWebhookEvent(parsed.data), readTransfer);
  };
}
