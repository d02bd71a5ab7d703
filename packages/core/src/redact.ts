/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

const MAX_REGISTERED = 2000;
/** Secrets of at least SHORT_SECRET_LENGTH characters, redacted wherever they appear in text. */
const registered = new Set<string>();
/**
 * Shorter secrets (1–5 characters), redacted only as whole tokens (not inside a longer word or id) and as
 * whole values: redacting every substring match of a 3-character secret would shred ordinary text.
 */
const registeredShort = new Set<string>();
const SHORT_SECRET_LENGTH = 6;
/** Characters that continue a token: a short secret next to one of these is part of a longer word. */
const TOKEN_CHAR = /[A-Za-z0-9_]/;

/** Token shapes that are always secret, wherever they appear in text. */
const SECRET_PATTERNS: RegExp[] = [
  // Plaid access / processor / public / link tokens: <type>-<env>-<id>
  /\b(?:access|processor|public|link)-(?:sandbox|development|production)-[A-Za-z0-9-]{6,}/g,
  // Stripe secret and restricted keys, webhook secrets
  /\b(?:sk|rk)_(?:test|live)_[A-Za-z0-9]{6,}/g,
  /\bwhsec_[A-Za-z0-9]{6,}/g,
  // Stripe bank account tokens (btok_…): single-use secrets in transit from Plaid to Stripe
  /\bbtok_[A-Za-z0-9]{6,}/g,
  // HTTP credentials
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
];

/** Object keys whose values are always secret. */
const SECRET_KEYS = new Set(
  [
    'secret',
    'client_secret',
    'clientsecret',
    'plaid-secret',
    'access_token',
    'accesstoken',
    'processor_token',
    'processortoken',
    'plaidtoken',
    'public_token',
    'publictoken',
    'authorization',
    'password',
    'secretkey',
    'apikey',
    'api_key',
    'bearer',
    'token',
    'stripe_bank_account_token',
  ].map((key) => key.toLowerCase()),
);

/** The token patterns without the global flag (no `lastIndex` state), built once for `coveredByPatterns`. */
const SECRET_PATTERNS_ONCE = SECRET_PATTERNS.map(
  (pattern) => new RegExp(pattern.source, pattern.flags.replace('g', '')),
);

/** Whether one of the token patterns matches all of `value`, so redaction needs no registry entry for it. */
function coveredByPatterns(value: string): boolean {
  return SECRET_PATTERNS_ONCE.some((pattern) => {
    const match = pattern.exec(value);
    return match !== null && match.index === 0 && match[0].length === value.length;
  });
}

/**
 * Registers a secret value (a Plaid secret, a Dwolla secret or bearer token) so that every
 * achbridge error message and log line redacts it, whatever its shape. Registering a value again marks
 * it as recently used: when the registry is full the least recently registered value goes first, and
 * token-shaped values the patterns already cover (btoks, processor tokens) take no room, so credentials
 * in use are never pushed out by the tokens a busy process mints.
 */
export function registerSecret(value: string | undefined): void {
  if (!value) return;
  const set = value.length < SHORT_SECRET_LENGTH ? registeredShort : registered;
  if (set.delete(value)) {
    set.add(value);
    return;
  }
  if (coveredByPatterns(value)) return;
  if (set.size >= MAX_REGISTERED) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
  set.add(value);
}

/** Replaces whole-token occurrences of `secret` in `text` (no token character right before or after it). */
function redactWholeToken(text: string, secret: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
    if (at < from) continue;
    const before = at === 0 ? '' : (text[at - 1] ?? '');
    const after = text[at + secret.length] ?? '';
    if ((before !== '' && TOKEN_CHAR.test(before)) || (after !== '' && TOKEN_CHAR.test(after))) continue;
    out += `${text.slice(from, at)}${REDACTED}`;
    from = at + secret.length;
  }
  return from === 0 ? text : `${out}${text.slice(from)}`;
}

/** Replaces every known secret and secret-shaped token in `text` with `[REDACTED]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of registered) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const secret of registeredShort) {
    if (out.includes(secret)) out = redactWholeToken(out, secret);
  }
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (_match, scheme?: string) =>
      typeof scheme === 'string' && /^(bearer|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED,
    );
  }
  return out;
}

/** Whether an object key names a secret value. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** Deep-copies `value`, replacing secret-named keys and secret-shaped strings. Cycles become `[Circular]`. */
export function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  if (value instanceof Error) return { name: value.name, message: redactSecrets(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && inner !== null && inner !== undefined ? REDACTED : redactValue(inner, seen);
  }
  return out;
}
