import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { InputValidationError } from '../errors.js';
import { plaidWebhookDedupeKey } from './plaid-webhook-dedupe-key.js';

const BODY = '{"webhook_type":"ITEM","webhook_code":"ERROR","item_id":"item-1"}';

describe('plaidWebhookDedupeKey', () => {
  it('is a 64-character hex SHA-256 that is the same for the same body bytes in any form', () => {
    const key = plaidWebhookDedupeKey({ body: BODY, itemId: 'item-1', webhookCode: 'ERROR' });
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const bytes = Buffer.from(BODY, 'utf8');
    expect(plaidWebhookDedupeKey({ body: bytes, itemId: 'item-1', webhookCode: 'ERROR' })).toBe(key);
    expect(
      plaidWebhookDedupeKey({
        body: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
        itemId: 'item-1',
        webhookCode: 'ERROR',
      }),
    ).toBe(key);
  });

  it('differs when the body, the item or the code differs', () => {
    const key = plaidWebhookDedupeKey({ body: BODY, itemId: 'item-1', webhookCode: 'ERROR' });
    expect(plaidWebhookDedupeKey({ body: `${BODY} `, itemId: 'item-1', webhookCode: 'ERROR' })).not.toBe(key);
    expect(plaidWebhookDedupeKey({ body: BODY, itemId: 'item-2', webhookCode: 'ERROR' })).not.toBe(key);
    expect(plaidWebhookDedupeKey({ body: BODY, itemId: null, webhookCode: 'ERROR' })).not.toBe(key);
    expect(plaidWebhookDedupeKey({ body: BODY, itemId: 'item-1', webhookCode: 'DEFAULT_UPDATE' })).not.toBe(
      key,
    );
  });

  it('cannot be confused by moving characters between item id and code', () => {
    expect(plaidWebhookDedupeKey({ body: BODY, itemId: 'a:b', webhookCode: 'C' })).not.toBe(
      plaidWebhookDedupeKey({ body: BODY, itemId: 'a', webhookCode: 'b:C' }),
    );
  });

  it('validates its input and names the field', () => {
    expect(() =>
      plaidWebhookDedupeKey({ body: { parsed: true } as unknown as string, itemId: null, webhookCode: 'X' }),
    ).toThrow(InputValidationError);
    let caught: unknown;
    try {
      plaidWebhookDedupeKey({ body: BODY, itemId: null, webhookCode: '' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'InputValidationError', field: 'webhookCode' });
  });
});
