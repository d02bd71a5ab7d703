/** Advice per Dwolla error code (lower-cased: Dwolla's own examples vary the case). */
const REMEDIATIONS: Readonly<Record<string, string>> = {
  validationerror:
    'Fix the fields listed in `embeddedErrors` (each `path` is a JSON pointer into the request body). ' +
    'For a funding source this can also mean the bank is already linked to the customer.',
  badrequest: 'The request body is not valid JSON for this endpoint; check the body shape.',
  duplicateresource: 'The resource already exists; `aboutUrl` points at the existing one.',
  notfound:
    'Check the id or URL, and that it belongs to this Dwolla environment (sandbox and production ids never cross).',
  invalid_client:
    'Dwolla rejected the application key/secret. Check DWOLLA_KEY and DWOLLA_SECRET and that they belong to the configured environment.',
  invalidcredentials:
    'Dwolla rejected the credentials. Check DWOLLA_KEY and DWOLLA_SECRET for the configured environment.',
  invalidaccesstoken:
    'The bearer token was rejected even after a refresh; check the application key/secret and environment.',
  expiredaccesstoken:
    'The bearer token expired and was refreshed once without success; check the application key/secret.',
  invalidaccountstatus:
    'The Dwolla account is not active (in Sandbox, verify the account email address in the Dwolla dashboard).',
  invalidapplicationstatus: 'The Dwolla application is not active; check it in the Dwolla dashboard.',
  invalidscopes:
    'Your Dwolla application is not enabled for this feature (e.g. Secure Exchange); ask Dwolla to enable it.',
  invalidscope:
    'Your Dwolla application is not enabled for this feature (e.g. Secure Exchange); ask Dwolla to enable it.',
  forbidden:
    'The application is not allowed to do this for this resource (wrong customer or missing permission).',
  invalidresourcestate:
    'The resource cannot be modified in its current state (e.g. a removed funding source or a suspended customer).',
  toomanyrequests:
    'Dwolla is rate limiting; retry later with the same Idempotency-Key (volume limits last about 5 minutes).',
  invalidexchangetoken:
    'The Plaid processor token is expired, already used or invalid; create a new one with /processor/token/create.',
  inactiveexchange: 'The exchange was removed or disabled; create a new processor token and exchange.',
  invalidexchange:
    'The exchange is not valid for this customer; create a new exchange with a fresh processor token.',
  updatecredentials:
    'The bank login behind the processor token changed; run Plaid Link in update mode, then create a new processor token.',
  maxnumberofresources: 'The customer has the maximum number of funding sources; remove one first.',
  invalidversion: 'Dwolla requires Accept: application/vnd.dwolla.v1.hal+json.',
  methodnotallowed: 'This endpoint does not accept that HTTP method.',
  servererror: 'Dwolla had a server error; retrying with the same Idempotency-Key is safe.',
  requesttimeout: 'Dwolla timed out; retrying with the same Idempotency-Key is safe.',
  conflict: 'The original request with this Idempotency-Key is still being processed; retry shortly.',
};

/** The remediation hint for a Dwolla error code, matched case-insensitively. */
export function dwollaRemediation(code: string): string | undefined {
  return REMEDIATIONS[code.toLowerCase()];
}
