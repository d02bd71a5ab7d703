import { createOpenApiValidator } from '@achbridge/specs/openapi-validator';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { interceptOnce, testClient } from '../../test/plaid-methods.test-helpers.js';
import { InputValidationError } from '../errors.js';
import { checkAuthSupport, evaluateAuthSupport, findAuthInstitutions } from './auth-support.js';
import type { PlaidInstitution } from './plaid-client-types.js';

const plaidSpec = createOpenApiValidator('plaid');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const usAuth: PlaidInstitution = {
  institutionId: 'ins_109508',
  name: 'First Platypus Bank',
  products: ['auth', 'balance', 'transactions'],
  countryCodes: ['US'],
  routingNumbers: ['011000138'],
  oauth: false,
};

function rawInstitution(id: string, name: string, products: string[], countryCodes: string[]) {
  return {
    institution_id: id,
    name,
    products,
    country_codes: countryCodes,
    routing_numbers: [],
    oauth: false,
  };
}

const acme = {
  processor: 'acme',
  label: 'Acme',
  products: ['auth', 'identity'],
  institutionCountries: ['GB', 'US'],
  linkCountryCodes: ['GB'],
  accountSubtypes: ['checking'],
} as const;

describe('evaluateAuthSupport with processors declared by their adapters', () => {
  it("combines each processor's requirements, keyed by its open name", () => {
    const stripeLike = {
      processor: 'stripe',
      label: 'Stripe',
      products: ['auth'],
      institutionCountries: ['US'],
    };
    const result = evaluateAuthSupport(usAuth, ['US'], [stripeLike, acme]);
    expect(Object.keys(result.processors)).toEqual(['stripe', 'acme']);
    expect(result.processors.stripe).toEqual({
      compatible: true,
      reason:
        'First Platypus Bank (ins_109508) supports Plaid Auth and is a US institution, so Stripe ACH works.',
    });
    expect(result.processors.acme).toEqual({
      compatible: false,
      reason: expect.stringMatching(/does not support Plaid Identity .* so Acme cannot work with it/),
      accountSubtypes: ['checking'],
    });
  });

  it('checks institution countries (any of) and Link country codes (all of)', () => {
    const gb = { ...usAuth, products: ['auth', 'identity'], countryCodes: ['GB'] };
    expect(evaluateAuthSupport(gb, ['GB'], [acme]).processors.acme.compatible).toBe(true);
    expect(evaluateAuthSupport(gb, ['GB'], [acme]).processors.acme.reason).toMatch(
      /is a GB or US institution/,
    );
    expect(evaluateAuthSupport(gb, ['US'], [acme]).processors.acme.reason).toBe(
      'Acme requires Plaid Link to be initialised with country code GB; the requested country codes are US.',
    );
    const ca = { ...gb, countryCodes: ['CA'] };
    expect(evaluateAuthSupport(ca, ['GB'], [acme]).processors.acme.reason).toMatch(
      /is not a GB or US institution \(countries: CA\); Acme ACH only moves money between GB or US bank accounts/,
    );
  });

  it('refuses malformed or duplicate requirements, naming the field', () => {
    expect(() => evaluateAuthSupport(usAuth, ['US'], [acme, acme])).toThrow(
      expect.objectContaining({ name: 'InputValidationError', field: 'processors' }),
    );
    expect(() =>
      evaluateAuthSupport(usAuth, ['US'], [{ ...acme, institutionCountries: [] }] as never),
    ).toThrow(
      expect.objectContaining({ name: 'InputValidationError', field: 'processors.0.institutionCountries' }),
    );
  });
});

describe('evaluateAuthSupport', () => {
  it('a US institution with auth works with Stripe and Dwolla', () => {
    const result = evaluateAuthSupport(usAuth, ['US']);
    expect(result.supportsAuth).toBe(true);
    expect(result.processors.stripe.compatible).toBe(true);
    expect(result.processors.dwolla.compatible).toBe(true);
    expect(result.processors.stripe.reason).toMatch(/supports Plaid Auth/);
  });

  it('an institution without auth works with neither, and says why', () => {
    const result = evaluateAuthSupport({ ...usAuth, products: ['transactions'] }, ['US']);
    expect(result.supportsAuth).toBe(false);
    expect(result.processors.stripe).toMatchObject({ compatible: false });
    expect(result.processors.stripe.reason).toMatch(/does not support Plaid Auth/);
    expect(result.processors.dwolla.reason).toMatch(/Dwolla cannot receive/);
  });

  it('a non-US institution with auth is refused for US ACH', () => {
    const result = evaluateAuthSupport(
      { ...usAuth, countryCodes: ['CA'], name: 'Tartan-Dominion Bank of Canada' },
      ['CA'],
    );
    expect(result.supportsAuth).toBe(true);
    expect(result.processors.stripe.compatible).toBe(false);
    expect(result.processors.stripe.reason).toMatch(/not a US institution/);
    expect(result.processors.dwolla.compatible).toBe(false);
  });

  it('rejects a malformed institution naming the field', () => {
    expect(() => evaluateAuthSupport({ ...usAuth, products: undefined } as never, ['US'])).toThrow(
      expect.objectContaining({ name: 'InputValidationError', field: 'institution.products' }),
    );
  });

  it('Dwolla also needs Link to run with country US', () => {
    const result = evaluateAuthSupport({ ...usAuth, countryCodes: ['US', 'CA'] }, ['CA']);
    expect(result.processors.stripe.compatible).toBe(true);
    expect(result.processors.dwolla.compatible).toBe(false);
    expect(result.processors.dwolla.reason).toMatch(/country code US/);
  });
});

describe('checkAuthSupport', () => {
  it('applies the processors it is given and sends Plaid only the institution query', async () => {
    const captured = interceptOnce('/institutions/get_by_id', 200, {
      institution: rawInstitution('ins_109512', 'Houndstooth Bank', ['auth', 'identity'], ['GB']),
      request_id: 'req-acme',
    });
    const result = await checkAuthSupport(testClient(), {
      institutionId: 'ins_109512',
      countryCodes: ['GB'],
      processors: [acme],
    });
    expect(captured[0]?.body).toEqual({ institution_id: 'ins_109512', country_codes: ['GB'] });
    expect(result.processors).toEqual({ acme: expect.objectContaining({ compatible: true }) });
    expect(result.requestId).toBe('req-acme');
  });

  it('reads the institution with /institutions/get_by_id and returns verdicts with the request id', async () => {
    const answer = {
      institution: rawInstitution('ins_109512', 'Houndstooth Bank', ['auth', 'balance'], ['US']),
      request_id: 'req-ins',
    };
    expect(plaidSpec.responseErrors('post', '/institutions/get_by_id', 200, answer)).toBeUndefined();
    const captured = interceptOnce('/institutions/get_by_id', 200, answer);
    const result = await checkAuthSupport(testClient(), {
      institutionId: 'ins_109512',
      countryCodes: ['US'],
    });
    expect(captured[0]?.body).toEqual({ institution_id: 'ins_109512', country_codes: ['US'] });
    expect(plaidSpec.requestErrors('post', '/institutions/get_by_id', captured[0]?.body)).toBeUndefined();
    expect(result).toMatchObject({
      requestId: 'req-ins',
      supportsAuth: true,
      institution: { institutionId: 'ins_109512', name: 'Houndstooth Bank' },
      processors: { stripe: { compatible: true }, dwolla: { compatible: true } },
    });
  });

  it.each([
    [{ countryCodes: ['US'] }, 'institutionId'],
    [{ institutionId: 'ins_1' }, 'countryCodes'],
    [{ institutionId: 'ins_1', countryCodes: ['ZZ'] }, 'countryCodes.0'],
  ])('rejects %j naming %s before any network call', async (input, field) => {
    await expect(checkAuthSupport(testClient(), input as never)).rejects.toMatchObject({
      name: 'InputValidationError',
      field,
      operation: 'checkAuthSupport',
    });
  });

  it('rejects something that is not a Plaid client', async () => {
    await expect(
      checkAuthSupport({} as never, { institutionId: 'ins_1', countryCodes: ['US'] }),
    ).rejects.toMatchObject({
      name: 'InputValidationError',
      field: 'client',
    });
  });
});

describe('findAuthInstitutions', () => {
  it('searches and marks every result', async () => {
    const answer = {
      institutions: [
        rawInstitution('ins_1', 'Auth Bank', ['auth'], ['US']),
        rawInstitution('ins_2', 'Data Only Bank', ['transactions'], ['US']),
      ],
      request_id: 'req-search',
    };
    expect(plaidSpec.responseErrors('post', '/institutions/search', 200, answer)).toBeUndefined();
    const captured = interceptOnce('/institutions/search', 200, answer);
    const result = await findAuthInstitutions(testClient(), { query: 'Bank', countryCodes: ['US'] });
    expect(captured[0]?.body).toEqual({ query: 'Bank', country_codes: ['US'] });
    expect(result.requestId).toBe('req-search');
    expect(result.institutions.map((entry) => [entry.institution.institutionId, entry.supportsAuth])).toEqual(
      [
        ['ins_1', true],
        ['ins_2', false],
      ],
    );
    expect(result.institutions[1]?.processors.dwolla.compatible).toBe(false);
  });

  it('rejects an empty query naming `query`', async () => {
    const error = await findAuthInstitutions(testClient(), { query: ' ', countryCodes: ['US'] }).catch(
      (e: unknown) => e,
    );
    expect(InputValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'query' });
  });

  it('passes Plaid errors through', async () => {
    interceptOnce('/institutions/search', 400, {
      error_type: 'INVALID_INPUT',
      error_code: 'INVALID_API_KEYS',
      error_message: 'invalid client_id or secret provided',
      display_message: null,
      request_id: 'req-keys',
    });
    await expect(
      findAuthInstitutions(testClient(), { query: 'Bank', countryCodes: ['US'] }),
    ).rejects.toMatchObject({
      name: 'PlaidApiError',
      errorCode: 'INVALID_API_KEYS',
      requestId: 'req-keys',
    });
  });
});
