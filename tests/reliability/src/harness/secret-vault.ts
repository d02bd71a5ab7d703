import type { FetchFunction } from '@achbridge/core';
import { SUITE_CREDENTIALS } from './credentials.js';

/** One secret the suite knows, with what it is (for failure messages that never print the value). */
export interface KnownSecret {
  label: string;
  value: string;
}

/** Where a secret was found: which secret and which captured text. */
export interface SecretLeak {
  label: string;
  where: string;
}

/** Collects every secret value a test run saw, and searches captured text for them. */
export interface SecretVault {
  /** Remembers a secret (values shorter than 8 characters are ignored: too short to search reliably). */
  add(label: string, value: unknown): void;
  /** Every secret collected so far. */
  list(): KnownSecret[];
  /** A fetch that records the secrets in requests (headers, JSON bodies) and answers (JSON bodies). */
  observe(inner?: FetchFunction): FetchFunction;
  /** Every (secret, text) pair where `texts[i]` contains a known secret or a Stripe client secret. */
  findLeaks(texts: readonly { where: string; text: string }[]): SecretLeak[];
}

const SECRET_HEADERS = new Set(['plaid-secret', 'authorization']);
const SECRET_FIELDS = new Set([
  'secret',
  'access_token',
  'public_token',
  'processor_token',
  'stripe_bank_account_token',
  'client_secret',
  'plaidToken',
  'token',
]);
/** Stripe client secrets have the shape `<intent id>_secret_<random>`; any of them in captured text is a leak. */
const CLIENT_SECRET_SHAPE = /_secret_[A-Za-z0-9]{6,}/;

function collectFields(value: unknown, found: (key: string, value: string) => void, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === 'string') {
      if (SECRET_FIELDS.has(key)) found(key, inner);
    } else {
      collectFields(inner, found, depth + 1);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function headerEntries(headers: RequestInit['headers']): [string, string][] {
  if (headers === undefined) return [];
  if (headers instanceof Headers) return [...headers.entries()];
  if (Array.isArray(headers)) return headers.map(([name, value]) => [String(name), String(value)]);
  return Object.entries(headers).map(([name, value]) => [name, String(value)]);
}

/** Creates a vault preloaded with the emulator's distinctive credentials. */
export function createSecretVault(): SecretVault {
  const secrets = new Map<string, string>();
  const vault: SecretVault = {
    add(label, value) {
      if (typeof value !== 'string' || value.length < 8 || secrets.has(value)) return;
      secrets.set(value, label);
    },
    list: () => [...secrets].map(([value, label]) => ({ label, value })),
    observe(inner = (input, init) => globalThis.fetch(input, init)) {
      return async (input, init) => {
        for (const [name, value] of headerEntries(init?.headers)) {
          const lower = name.toLowerCase();
          if (!SECRET_HEADERS.has(lower)) continue;
          vault.add(`request header ${lower}`, value);
          const credential = /^(?:bearer|basic)\s+(.+)$/i.exec(value)?.[1];
          if (credential) vault.add(`credential in ${lower} header`, credential);
        }
        if (typeof init?.body === 'string') {
          collectFields(parseJson(init.body), (key, value) => vault.add(`request field ${key}`, value));
        }
        const response = await inner(input, init);
        const text = await response.clone().text();
        collectFields(parseJson(text), (key, value) => vault.add(`response field ${key}`, value));
        return response;
      };
    },
    findLeaks(texts) {
      const leaks: SecretLeak[] = [];
      for (const { where, text } of texts) {
        for (const [value, label] of secrets) {
          if (text.includes(value)) leaks.push({ label, where });
        }
        if (CLIENT_SECRET_SHAPE.test(text)) leaks.push({ label: 'a Stripe client secret', where });
      }
      return leaks;
    },
  };
  vault.add('Plaid secret', SUITE_CREDENTIALS.plaid.secret);
  vault.add('Stripe test key', SUITE_CREDENTIALS.stripe.secretKey);
  vault.add('Stripe live key', SUITE_CREDENTIALS.stripe.liveSecretKey);
  vault.add('Dwolla secret', SUITE_CREDENTIALS.dwolla.secret);
  vault.add(
    'Dwolla basic credential',
    Buffer.from(`${SUITE_CREDENTIALS.dwolla.key}:${SUITE_CREDENTIALS.dwolla.secret}`).toString('base64'),
  );
  return vault;
}
