import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, createFakePlaid } from '../../test/item-health.test-helpers.js';
import { InputValidationError } from '../errors.js';
import { createUpdateModeLinkToken } from './create-update-mode-link-token.js';

describe('createUpdateModeLinkToken', () => {
  it('calls /link/token/create with the access token and no products', async () => {
    const { plaid, seen } = createFakePlaid();
    const token = await createUpdateModeLinkToken({
      plaid,
      accessToken: ACCESS_TOKEN,
      clientName: 'Acme Payments',
      clientUserId: 'user-123',
    });
    expect(token).toEqual({
      linkToken: 'link-sandbox-af1a0311-da53-4636-b754-dd15cc058176',
      expiration: '2020-03-27T12:56:34Z',
      requestId: 'XQVgFigpGHXkb0b',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe('/link/token/create');
    expect(seen[0]?.body).toEqual({
      client_name: 'Acme Payments',
      language: 'en',
      country_codes: ['US'],
      user: { client_user_id: 'user-123' },
      access_token: ACCESS_TOKEN,
    });
    expect(seen[0]?.body).not.toHaveProperty('products');
  });

  it('forwards the optional Link settings, including account selection for NEW_ACCOUNTS_AVAILABLE', async () => {
    const { plaid, seen } = createFakePlaid();
    await createUpdateModeLinkToken({
      plaid,
      accessToken: ACCESS_TOKEN,
      clientName: 'Acme',
      clientUserId: 'user-123',
      countryCodes: ['US', 'CA'],
      language: 'fr',
      webhook: 'https://example.com/plaid/webhook',
      redirectUri: 'https://example.com/oauth',
      accountSelectionEnabled: true,
    });
    expect(seen[0]?.body).toMatchObject({
      country_codes: ['US', 'CA'],
      language: 'fr',
      webhook: 'https://example.com/plaid/webhook',
      redirect_uri: 'https://example.com/oauth',
      update: { account_selection_enabled: true },
      access_token: ACCESS_TOKEN,
    });
  });

  it('refuses products, a non-access token and missing names, naming the field', async () => {
    const { plaid, seen } = createFakePlaid();
    const base = { plaid, accessToken: ACCESS_TOKEN, clientName: 'Acme', clientUserId: 'u1' };
    const attempts: [Record<string, unknown>, string][] = [
      [{ ...base, products: ['auth'] }, 'products'],
      [{ ...base, accessToken: 'public-sandbox-b0e2c4ee-a763-4df5-bfe9-46a46bce993d' }, 'accessToken'],
      [{ ...base, clientName: '' }, 'clientName'],
      [{ ...base, clientName: 'x'.repeat(31) }, 'clientName'],
      [{ ...base, clientUserId: undefined }, 'clientUserId'],
      [{ ...base, plaid: null }, 'plaid'],
    ];
    for (const [input, field] of attempts) {
      const error = await createUpdateModeLinkToken(input as never).catch((caught: unknown) => caught);
      expect(InputValidationError.isInstance(error)).toBe(true);
      expect((error as InputValidationError).field).toBe(field);
      expect((error as InputValidationError).message).not.toContain('public-sandbox-b0e2c4ee');
    }
    expect(seen).toEqual([]);
  });

  it("lets the client's own validation name bad country codes", async () => {
    const { plaid } = createFakePlaid();
    const error = await createUpdateModeLinkToken({
      plaid,
      accessToken: ACCESS_TOKEN,
      clientName: 'Acme',
      clientUserId: 'u1',
      countryCodes: ['XX'],
    }).catch((caught: unknown) => caught);
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect((error as InputValidationError).field).toBe('countryCodes.0');
  });
});
