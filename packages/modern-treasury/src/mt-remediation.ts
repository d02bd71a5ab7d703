/** Advice per Modern Treasury error code (its Errors reference) or HTTP status (its Status codes reference). */
const BY_CODE: Readonly<Record<string, string>> = {
  parameter_invalid: 'Fix the request field named in `parameter`.',
  parameter_missing: 'Add the request field named in `parameter`.',
  resource_not_found:
    'Check the id, and that it belongs to this environment: sandbox and production objects never see each other (the API key decides).',
};

const BY_STATUS: Readonly<Record<number, string>> = {
  401: 'Modern Treasury rejected the credentials: check MODERN_TREASURY_ORGANIZATION_ID and MODERN_TREASURY_API_KEY (HTTP Basic: organization id and API key), and that the key belongs to the configured environment.',
  403: 'The API key may not access this resource or action; check its permissions in the Modern Treasury dashboard.',
  404: 'Check the id, and that it belongs to this environment: sandbox and production objects never see each other.',
  409: 'Another request with this Idempotency-Key is still being stored; retrying with the same key is safe.',
  413: 'The request is larger than Modern Treasury accepts (25 MB).',
  422: 'Modern Treasury refused the data: fix the field named in `parameter`.',
  429: 'Modern Treasury is rate limiting; retry later with the same Idempotency-Key.',
};

/** The remediation hint for an error: by its code, else by its HTTP status (5xx: retry with the same key). */
export function modernTreasuryRemediation(code: string, status: number | undefined): string {
  const byCode = BY_CODE[code];
  if (byCode !== undefined) return byCode;
  const byStatus = status === undefined ? undefined : BY_STATUS[status];
  if (byStatus !== undefined) return byStatus;
  if (status !== undefined && status >= 500) {
    return 'Modern Treasury had a server error; retrying with the same Idempotency-Key is safe.';
  }
  return 'See Modern Treasury’s error code in `code` and its message.';
}
