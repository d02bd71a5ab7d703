import type { z } from 'zod';
import type { PlaidAccount, PlaidErrorBody, PlaidInstitution, PlaidItem } from './plaid-client-types.js';
import type {
  plaidAccountSchema,
  plaidErrorBodySchema,
  plaidInstitutionSchema,
  plaidItemSchema,
} from './plaid-schemas.js';

/** Normalises a validated Plaid error object (optional fields dropped when absent). */
export function toPlaidErrorBody(raw: z.output<typeof plaidErrorBodySchema>): PlaidErrorBody {
  const body: PlaidErrorBody = {
    error_type: raw.error_type,
    error_code: raw.error_code,
    error_message: raw.error_message,
    display_message: raw.display_message,
  };
  if (raw.error_code_reason !== undefined) body.error_code_reason = raw.error_code_reason;
  if (raw.request_id !== undefined) body.request_id = raw.request_id;
  if (raw.causes !== undefined) body.causes = raw.causes;
  if (raw.status !== undefined) body.status = raw.status;
  if (raw.documentation_url !== undefined) body.documentation_url = raw.documentation_url;
  if (raw.suggested_action !== undefined) body.suggested_action = raw.suggested_action;
  return body;
}

/** Maps a Plaid AccountBase to achbridge's camelCase account. */
export function toPlaidAccount(raw: z.output<ReturnType<typeof plaidAccountSchema>>): PlaidAccount {
  return {
    accountId: raw.account_id,
    name: raw.name,
    officialName: raw.official_name ?? null,
    mask: raw.mask ?? null,
    type: raw.type,
    subtype: raw.subtype ?? null,
    verificationStatus: raw.verification_status ?? null,
    persistentAccountId: raw.persistent_account_id ?? null,
    balances: {
      available: raw.balances.available ?? null,
      current: raw.balances.current ?? null,
      isoCurrencyCode: raw.balances.iso_currency_code ?? null,
    },
  };
}

/** Maps a Plaid Item to achbridge's camelCase Item. */
export function toPlaidItem(raw: z.output<ReturnType<typeof plaidItemSchema>>): PlaidItem {
  return {
    itemId: raw.item_id,
    institutionId: raw.institution_id ?? null,
    webhook: raw.webhook ?? null,
    error: raw.error ? toPlaidErrorBody(raw.error) : null,
    availableProducts: raw.available_products ?? [],
    billedProducts: raw.billed_products ?? [],
    consentExpirationTime: raw.consent_expiration_time ?? null,
  };
}

/** Maps a Plaid Institution to achbridge's camelCase institution. */
export function toPlaidInstitution(
  raw: z.output<ReturnType<typeof plaidInstitutionSchema>>,
): PlaidInstitution {
  return {
    institutionId: raw.institution_id,
    name: raw.name,
    products: raw.products,
    countryCodes: raw.country_codes,
    routingNumbers: raw.routing_numbers ?? [],
    oauth: raw.oauth ?? false,
  };
}
