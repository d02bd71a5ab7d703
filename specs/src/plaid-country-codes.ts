import { loadOpenApiSubset } from './openapi-validator.js';

/** The `CountryCode` enum of the Plaid OpenAPI subset, in the spec's order. */
export function readPlaidCountryCodes(): string[] {
  const schema = loadOpenApiSubset('plaid').components.schemas['CountryCode'];
  const values = schema?.['enum'];
  if (
    !Array.isArray(values) ||
    !values.every((value) => typeof value === 'string' && /^[A-Z]{2}$/.test(value))
  ) {
    throw new Error('specs/openapi/plaid.openapi.json: CountryCode must be an enum of two-letter codes');
  }
  return values as string[];
}

/** Renders the one Plaid country list as a TypeScript module (core and the emulator each get a copy). */
export function renderPlaidCountryCodes(codes: readonly string[]): string {
  return (
    '// Generated from the CountryCode enum of specs/openapi/plaid.openapi.json by\n' +
    '// `npm run generate -w @achbridge/specs`. Do not edit (a test in specs/ compares it with its source).\n\n' +
    '/** The country codes Plaid accepts (OpenAPI `CountryCode`). */\n' +
    `export const PLAID_COUNTRY_CODES = [${codes.map((code) => `'${code}'`).join(', ')}] as const;\n`
  );
}
