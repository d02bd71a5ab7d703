import {
  AchBridgeError,
  ConfigError,
  InputValidationError,
  NetworkError,
  PlaidApiError,
  ProviderError,
  ResponseValidationError,
  registerSecret,
  WebhookVerificationError,
} from '@achbridge/core';
import { DwollaApiError, DwollaWebhookVerificationError } from '@achbridge/dwolla';
import { StripeApiError } from '@achbridge/stripe';

/**
 * Secrets the error-rendering tests plant in every error field. Registered ones (a long opaque secret, a
 * bearer token and a 4-character PIN-like secret) and pattern-covered ones (Plaid access token, Stripe key,
 * btok) must all be absent from every rendering.
 */
export const PLANTED_SECRETS = {
  plaidSecret: 'RelSecPlaidSecret4f8a2c9e1b',
  dwollaBearer: 'RelSecDwollaBearer0e9d8c7b6a5f4e3d2c1b',
  shortSecret: 'Zq9x',
  accessToken: 'access-sandbox-8f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f',
  stripeKey: 'sk_test_RelSecStripeKey123456',
  btok: 'btok_RelSec1234567890',
} as const;

/** Registers the opaque secrets, as the clients do with their credentials. */
export function registerPlantedSecrets(): void {
  registerSecret(PLANTED_SECRETS.plaidSecret);
  registerSecret(PLANTED_SECRETS.dwollaBearer);
  registerSecret(PLANTED_SECRETS.shortSecret);
}

const S = PLANTED_SECRETS;
/** Text carrying every planted secret, as a careless caller or a provider echo might produce it. */
export const LEAKY = `secret ${S.plaidSecret} bearer ${S.dwollaBearer} pin ${S.shortSecret} token ${S.accessToken} key ${S.stripeKey} btok ${S.btok}`;

function leakyCause(): Error {
  return Object.assign(new Error(LEAKY), {
    code: 'E_LEAK',
    detail: LEAKY,
    config: { headers: { authorization: S.dwollaBearer } },
  });
}

/** One error of each achbridge class, with the planted secrets in every string it accepts. */
export function buildErrorSpecimens(): { label: string; error: AchBridgeError }[] {
  const provider = {
    provider: 'plaid' as const,
    status: 500,
    requestId: 'req-1',
    remediation: LEAKY,
    cause: leakyCause(),
  };
  return [
    { label: 'AchBridgeError', error: new AchBridgeError('LEAK', LEAKY, { cause: leakyCause() }) },
    { label: 'ConfigError', error: new ConfigError(LEAKY, { cause: leakyCause() }) },
    {
      label: 'InputValidationError',
      error: new InputValidationError(`link ${S.shortSecret}`, [
        { path: `customer.${S.plaidSecret}`, message: LEAKY },
      ]),
    },
    { label: 'ProviderError', error: new ProviderError(`CODE_${S.shortSecret}`, LEAKY, provider) },
    {
      label: 'ResponseValidationError',
      error: new ResponseValidationError({
        ...provider,
        endpoint: `/customers/${S.plaidSecret}/x?token=${S.shortSecret}`,
        issues: [{ path: S.plaidSecret, message: LEAKY }],
        bodySnippet: LEAKY,
      }),
    },
    {
      label: 'NetworkError',
      error: new NetworkError('dwolla', `/customers/${S.dwollaBearer}/funding-sources`, 'reset', LEAKY, {
        cause: leakyCause(),
      }),
    },
    {
      label: 'PlaidApiError',
      error: new PlaidApiError(
        {
          error_type: 'INVALID_INPUT',
          error_code: 'INVALID_ACCESS_TOKEN',
          error_message: LEAKY,
          display_message: LEAKY,
          request_id: 'req-2',
          causes: [{ message: LEAKY, access_token: S.accessToken, nested: { secret: S.plaidSecret } }],
          documentation_url: `https://plaid.com/docs/${S.shortSecret}`,
          suggested_action: LEAKY,
        },
        { endpoint: `/item/get?${S.plaidSecret}`, remediation: LEAKY, cause: leakyCause() },
      ),
    },
    {
      label: 'WebhookVerificationError',
      error: new WebhookVerificationError('key_fetch_failed', LEAKY, {
        kid: S.plaidSecret,
        cause: leakyCause(),
      }),
    },
    {
      label: 'StripeApiError',
      error: new StripeApiError(LEAKY, {
        type: `invalid_request_error ${S.stripeKey}`,
        code: 'resource_missing',
        param: S.plaidSecret,
        declineCode: S.shortSecret,
        docUrl: `https://stripe.com/docs/${S.btok}`,
        status: 400,
        isRetryable: false,
        remediation: LEAKY,
      }),
    },
    {
      label: 'DwollaApiError',
      error: new DwollaApiError('ValidationError', LEAKY, {
        status: 400,
        method: 'POST',
        endpoint: `/customers/${S.dwollaBearer}`,
        embeddedErrors: [
          {
            code: 'Invalid',
            message: LEAKY,
            path: `/${S.plaidSecret}`,
            aboutUrl: `https://x/${S.shortSecret}`,
          },
        ],
        aboutUrl: `https://api-sandbox.dwolla.com/${S.plaidSecret}`,
        remediation: LEAKY,
        cause: leakyCause(),
      }),
    },
    {
      label: 'DwollaWebhookVerificationError',
      error: new DwollaWebhookVerificationError('bad_signature', LEAKY),
    },
  ];
}
