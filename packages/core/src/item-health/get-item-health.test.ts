import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, createFakePlaid, PLAID_SECRET } from '../../test/item-health.test-helpers.js';
import { InputValidationError } from '../errors.js';
import { describePlaidError } from '../plaid/plaid-error-catalog.js';
import { getItemHealth, PENDING_EXPIRATION_DAYS } from './get-item-health.js';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const now = (): number => NOW;
const inDays = (days: number): string => new Date(NOW + days * 24 * 60 * 60 * 1000).toISOString();

const itemError = (code: string, type = 'ITEM_ERROR') => ({
  error_type: type,
  error_code: code,
  error_message: `message for ${code}`,
  display_message: null,
});

describe('getItemHealth', () => {
  it('reports a healthy Item (no error, consent far away) with nothing to do', async () => {
    const { plaid, seen } = createFakePlaid({ consent_expiration_time: inDays(90) });
    const health = await getItemHealth({ plaid, accessToken: ACCESS_TOKEN, now });
    expect(health).toEqual({
      status: 'healthy',
      itemId: 'Ed6bjNrDLJfGvZWwnkQlfxwoNz54B5C97ejBr',
      consentExpirationTime: inDays(90),
      action: { kind: 'none', message: 'The Item is healthy; nothing to do.' },
      requestId: 'm8MDnv9okwxFNBV',
    });
    expect(seen).toEqual([{ path: '/item/get', body: { access_token: ACCESS_TOKEN } }]);
  });

  it('reports a healthy Item without any consent expiry', async () => {
    const { plaid } = createFakePlaid({ consent_expiration_time: null });
    await expect(getItemHealth({ plaid, accessToken: ACCESS_TOKEN })).resolves.toMatchObject({
      status: 'healthy',
    });
  });

  it('ITEM_LOGIN_REQUIRED -> login_required, routed to update mode (no new exchange, same access token)', async () => {
    const { plaid } = createFakePlaid({ error: itemError('ITEM_LOGIN_REQUIRED') });
    const health = await getItemHealth({ plaid, accessToken: ACCESS_TOKEN, now });
    expect(health.status).toBe('login_required');
    expect(health.error).toMatchObject({
      errorCode: 'ITEM_LOGIN_REQUIRED',
      errorType: 'ITEM_ERROR',
      category: 'user_action',
      remediation: describePlaidError('ITEM_LOGIN_REQUIRED').remediation,
    });
    expect(health.action.kind).toBe('update_mode');
    expect(health.action.message).toContain('createUpdateModeLinkToken');
    expect(health.action.message).toMatch(/nothing to exchange/);
  });

  it(`consent expiring within ${PENDING_EXPIRATION_DAYS} days -> pending_expiration with update mode`, async () => {
    for (const days of [0.5, 3, 7]) {
      const { plaid } = createFakePlaid({ consent_expiration_time: inDays(days) });
      const health = await getItemHealth({ plaid, accessToken: ACCESS_TOKEN, now });
      expect(health.status).toBe('pending_expiration');
      expect(health.action.kind).toBe('update_mode');
      expect(health.action.message).toContain(inDays(days));
    }
    const { plaid } = createFakePlaid({ consent_expiration_time: inDays(7.01) });
    await expect(getItemHealth({ plaid, accessToken: ACCESS_TOKEN, now })).resolves.toMatchObject({
      status: 'healthy',
    });
  });

  it('consent already expired (and no error yet) -> login_required', async () => {
    const { plaid } = createFakePlaid({ consent_expiration_time: inDays(-1) });
    const health = await getItemHealth({ plaid, accessToken: ACCESS_TOKEN, now });
    expect(health).toMatchObject({ status: 'login_required', action: { kind: 'update_mode' } });
    expect(health.action.message).toContain('expired');
  });

  it.each([
    ['ACCESS_NOT_GRANTED', 'ITEM_ERROR', 'update_mode'],
    ['USER_PERMISSION_REVOKED', 'ITEM_ERROR', 'relink'],
    ['INSTITUTION_NO_LONGER_SUPPORTED', 'INSTITUTION_ERROR', 'relink'],
    ['INSTITUTION_DOWN', 'INSTITUTION_ERROR', 'retry_later'],
    ['ITEM_LOCKED', 'ITEM_ERROR', 'user_action'],
    ['PRODUCT_NOT_READY', 'ITEM_ERROR', 'developer_action'],
    ['SOMETHING_NEW_FROM_PLAID', 'ITEM_ERROR', 'investigate'],
  ])('%s -> status error with action %s and the catalog remediation', async (code, type, kind) => {
    const { plaid } = createFakePlaid({ error: itemError(code, type) });
    const health = await getItemHealth({ plaid, accessToken: ACCESS_TOKEN, now });
    expect(health.status).toBe('error');
    expect(health.error?.errorCode).toBe(code);
    expect(health.action.kind).toBe(kind);
    expect(health.action.message).toContain(code);
    expect(health.action.message).toContain(describePlaidError(code, type).remediation);
  });

  it('an error wins over a near consent expiry', async () => {
    const { plaid } = createFakePlaid({
      error: itemError('ITEM_LOGIN_REQUIRED'),
      consent_expiration_time: inDays(2),
    });
    await expect(getItemHealth({ plaid, accessToken: ACCESS_TOKEN, now })).resolves.toMatchObject({
      status: 'login_required',
    });
  });

  it('validates its input, naming the field and never echoing the token', async () => {
    const { plaid } = createFakePlaid();
    const attempts: [unknown, string][] = [
      [{ plaid, accessToken: undefined }, 'accessToken'],
      [{ plaid, accessToken: 'processor-sandbox-0asd1-a92nc' }, 'accessToken'],
      [{ plaid: {}, accessToken: ACCESS_TOKEN }, 'plaid'],
      [{ plaid, accessToken: ACCESS_TOKEN, now: 3 }, 'now'],
    ];
    for (const [input, field] of attempts) {
      const error = await getItemHealth(input as Parameters<typeof getItemHealth>[0]).catch(
        (caught: unknown) => caught,
      );
      expect(InputValidationError.isInstance(error)).toBe(true);
      expect((error as InputValidationError).field).toBe(field);
      expect(JSON.stringify(error)).not.toContain('processor-sandbox-0asd1');
    }
  });

  it('passes Plaid failures through as typed errors without leaking secrets', async () => {
    const { plaid } = createFakePlaid({ item_id: 42 });
    const error = await getItemHealth({ plaid, accessToken: ACCESS_TOKEN }).catch(
      (caught: unknown) => caught,
    );
    expect((error as { code?: string }).code).toBe('RESPONSE_VALIDATION_ERROR');
    expect(JSON.stringify(error)).not.toContain(PLAID_SECRET);
    expect(JSON.stringify(error)).not.toContain(ACCESS_TOKEN);
  });
});
