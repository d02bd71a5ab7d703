import { plaidError } from './plaid-errors.js';
import { institutionView, PLAID_INSTITUTIONS, type PlaidInstitution } from './plaid-institutions.js';
import { INSTITUTIONS_GET, INSTITUTIONS_GET_BY_ID, INSTITUTIONS_SEARCH } from './plaid-request-schemas.js';
import type { PlaidRoute } from './plaid-route.js';

type Options = Record<string, unknown>;

const inCountries = (institution: PlaidInstitution, countries: string[]) =>
  institution.country_codes.some((country) => countries.includes(country));
const supportsAll = (institution: PlaidInstitution, products: string[] | null | undefined) =>
  (products ?? []).every((product) => institution.products.includes(product));
const viewOptions = (options: Options) => ({
  includeOptionalMetadata: options['include_optional_metadata'] === true,
  includeAuthMetadata: options['include_auth_metadata'] === true,
});

/** `POST /institutions/get`: paged list filtered by country, products, routing numbers and OAuth. */
export const institutionsGet: PlaidRoute = {
  fields: INSTITUTIONS_GET,
  handle(_context, body) {
    const countries = body['country_codes'] as string[];
    const options = (body['options'] ?? {}) as Options;
    const routing = options['routing_numbers'] as string[] | null | undefined;
    const oauth = options['oauth'] as boolean | null | undefined;
    const matching = PLAID_INSTITUTIONS.filter(
      (institution) =>
        inCountries(institution, countries) &&
        supportsAll(institution, options['products'] as string[] | null | undefined) &&
        (routing == null || routing.some((number) => institution.routing_numbers.includes(number))) &&
        (oauth == null || institution.oauth === oauth),
    );
    const offset = body['offset'] as number;
    const count = body['count'] as number;
    return {
      institutions: matching
        .slice(offset, offset + count)
        .map((institution) => institutionView(institution, viewOptions(options))),
      total: matching.length,
    };
  },
};

/** `POST /institutions/search`: up to 10 institutions whose name contains the query (case-insensitive). */
export const institutionsSearch: PlaidRoute = {
  fields: INSTITUTIONS_SEARCH,
  handle(_context, body) {
    const query = (body['query'] as string).trim().toLowerCase();
    const countries = body['country_codes'] as string[];
    const options = (body['options'] ?? {}) as Options;
    const oauth = options['oauth'] as boolean | null | undefined;
    const matching = PLAID_INSTITUTIONS.filter(
      (institution) =>
        institution.name.toLowerCase().includes(query) &&
        inCountries(institution, countries) &&
        supportsAll(institution, body['products'] as string[] | null | undefined) &&
        (oauth == null || institution.oauth === oauth),
    );
    return {
      institutions: matching
        .slice(0, 10)
        .map((institution) => institutionView(institution, viewOptions(options))),
    };
  },
};

/** `POST /institutions/get_by_id`. */
export const institutionsGetById: PlaidRoute = {
  fields: INSTITUTIONS_GET_BY_ID,
  handle(_context, body) {
    const institution = PLAID_INSTITUTIONS.find(
      (candidate) => candidate.institution_id === body['institution_id'],
    );
    if (institution === undefined || !inCountries(institution, body['country_codes'] as string[])) {
      throw plaidError('INVALID_INSTITUTION');
    }
    return { institution: institutionView(institution, viewOptions((body['options'] ?? {}) as Options)) };
  },
};
