/** One emulated institution (the fields Plaid's `Institution` object carries). */
export interface PlaidInstitution {
  institution_id: string;
  name: string;
  products: readonly string[];
  country_codes: readonly string[];
  routing_numbers: readonly string[];
  oauth: boolean;
  url: string | null;
  primary_color: string | null;
  /**
   * Tokenized account numbers (TANs): each new Item gets new account numbers, Auth reports
   * `is_tokenized_account_number: true` and accounts carry a `persistent_account_id` that stays the same.
   */
  tokenizedAccountNumbers?: boolean | undefined;
  /** Accounts carry a `persistent_account_id` without TANs (Plaid's OAuth Sandbox institution). */
  persistentAccountIds?: boolean | undefined;
  /** Auth methods for `auth_metadata.supported_methods`. */
  authMethods: {
    instant_auth: boolean;
    instant_match: boolean;
    automated_micro_deposits: boolean;
    instant_micro_deposits: boolean;
  };
}

const FULL_US = [
  'assets',
  'auth',
  'balance',
  'identity',
  'income_verification',
  'investments',
  'liabilities',
  'transactions',
];
const INSTANT_AUTH = {
  instant_auth: true,
  instant_match: false,
  automated_micro_deposits: false,
  instant_micro_deposits: false,
};
const NO_AUTH = {
  instant_auth: false,
  instant_match: false,
  automated_micro_deposits: false,
  instant_micro_deposits: false,
};

/**
 * The emulated institutions: Plaid's Sandbox set (ids and names from Plaid's Sandbox docs), plus
 * `ins_999001`, an emulator-only institution without `auth` so auth-support checks have a real negative, and
 * `ins_999002` "Tokenized Tweed Bank", an emulator-only bank with tokenized account numbers like Chase, PNC
 * and US Bank (Plaid's Sandbox TAN institutions `ins_56`, `ins_13`, `ins_127990`, per the `persistent_account_id`
 * description in Plaid's OpenAPI spec 2020-09-14). `ins_127287` (OAuth) carries persistent ids too, as that
 * description says.
 * Product lists are the emulator's choice (Plaid does not publish them per Sandbox institution).
 */
export const PLAID_INSTITUTIONS: readonly PlaidInstitution[] = [
  {
    institution_id: 'ins_109508',
    name: 'First Platypus Bank',
    products: FULL_US,
    country_codes: ['US'],
    routing_numbers: ['011401533', '021000021'],
    oauth: false,
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
    authMethods: INSTANT_AUTH,
  },
  {
    institution_id: 'ins_109509',
    name: 'First Gingham Credit Union',
    products: FULL_US,
    country_codes: ['US'],
    routing_numbers: ['011000015'],
    oauth: false,
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
    authMethods: INSTANT_AUTH,
  },
  {
    institution_id: 'ins_109510',
    name: 'Tattersall Federal Credit Union',
    products: FULL_US,
    country_codes: ['US'],
    routing_numbers: ['011000028'],
    oauth: false,
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
    authMethods: INSTANT_AUTH,
  },
  {
    institution_id: 'ins_109511',
    name: 'Tartan Bank',
    products: FULL_US,
    country_codes: ['US'],
    routing_numbers: ['011000138'],
    oauth: false,
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
    authMethods: INSTANT_AUTH,
  },
  {
    institution_id: 'ins_109512',
    name: 'Houndstooth Bank',
    products: ['auth', 'balance', 'identity', 'transactions'],
    country_codes: ['US'],
    routing_numbers: ['011000138', '011200365', '011400495'],
    oauth: false,
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
    authMethods: {
      instant_auth: true,
      instant_match: true,
      automated_micro_deposits: true,
      instant_micro_deposits: false,
    },
  },
  {
    institution_id: 'ins_127287',
    name: 'Platypus OAuth Bank',
    products: FULL_US,
    country_codes: ['US'],
    routing_numbers: ['011401533'],
    oauth: true,
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
    persistentAccountIds: true,
    authMethods: INSTANT_AUTH,
  },
  {
    institution_id: 'ins_43',
    name: 'Tartan-Dominion Bank of Canada',
    products: ['auth', 'balance', 'identity', 'transactions'],
    country_codes: ['CA'],
    routing_numbers: [],
    oauth: false,
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
    authMethods: INSTANT_AUTH,
  },
  {
    institution_id: 'ins_999001',
    name: 'Paisley Credit Union',
    products: ['balance', 'identity', 'transactions'],
    country_codes: ['US'],
    routing_numbers: ['011000206'],
    oauth: false,
    url: null,
    primary_color: null,
    authMethods: NO_AUTH,
  },
  {
    institution_id: 'ins_999002',
    name: 'Tokenized Tweed Bank',
    products: FULL_US,
    country_codes: ['US'],
    routing_numbers: ['021000021'],
    oauth: false,
    url: 'https://www.plaid.com',
    primary_color: '#1f1f1f',
    tokenizedAccountNumbers: true,
    authMethods: INSTANT_AUTH,
  },
];

/** The emulator's tokenized-account-number institution (name contains "Tokenized"). */
export const TOKENIZED_INSTITUTION_ID = 'ins_999002';

/** The institution with `id`, if emulated. */
export function findInstitution(id: string): PlaidInstitution | undefined {
  return PLAID_INSTITUTIONS.find((institution) => institution.institution_id === id);
}

/** Options that shape an `Institution` object. */
export interface InstitutionViewOptions {
  includeOptionalMetadata?: boolean | undefined;
  includeAuthMetadata?: boolean | undefined;
}

/** Plaid's `Institution` object for `institution`. */
export function institutionView(
  institution: PlaidInstitution,
  options: InstitutionViewOptions,
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    institution_id: institution.institution_id,
    name: institution.name,
    products: [...institution.products],
    country_codes: [...institution.country_codes],
    routing_numbers: [...institution.routing_numbers],
    dtc_numbers: [],
    oauth: institution.oauth,
  };
  if (options.includeOptionalMetadata) {
    view['url'] = institution.url;
    view['primary_color'] = institution.primary_color;
    view['logo'] = null;
  }
  if (options.includeAuthMetadata) {
    view['auth_metadata'] = { supported_methods: { ...institution.authMethods } };
  }
  return view;
}
