// Generated from the CountryCode enum of specs/openapi/plaid.openapi.json by
// `npm run generate -w @achbridge/specs`. Do not edit (a test in specs/ compares it with its source).

/** The country codes Plaid accepts (OpenAPI `CountryCode`). */
export const PLAID_COUNTRY_CODES = ['US', 'GB', 'ES', 'NL', 'FR', 'IE', 'CA', 'DE', 'IT', 'PL', 'DK', 'NO', 'SE', 'EE', 'LT', 'LV', 'PT', 'BE', 'AT', 'FI'] as const;
