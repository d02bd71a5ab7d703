/** Dwolla environments (Plaid Sandbox pairs with Dwolla Sandbox, Plaid Production with Dwolla Production). */
export type DwollaEnvironment = 'sandbox' | 'production';

/** Dwolla API hosts per environment. */
export const DWOLLA_ENVIRONMENT_URLS: Readonly<Record<DwollaEnvironment, string>> = Object.freeze({
  sandbox: 'https://api-sandbox.dwolla.com',
  production: 'https://api.dwolla.com',
});

/** Dwolla's HAL+JSON media type, sent as Accept and Content-Type on every API request. */
export const DWOLLA_MEDIA_TYPE = 'application/vnd.dwolla.v1.hal+json';
