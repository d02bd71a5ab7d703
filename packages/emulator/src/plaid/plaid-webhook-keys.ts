import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createUuid } from '../ids.js';
import type { EmulatorClock } from '../types.js';

/** A webhook signing key: the private half signs, the public JWK is served by `/webhook_verification_key/get`. */
export interface PlaidWebhookKey {
  kid: string;
  privateKey: KeyObject;
  /** Plaid's `JWKPublicKey` object. */
  jwk: {
    alg: 'ES256';
    crv: string;
    kid: string;
    kty: string;
    use: 'sig';
    x: string;
    y: string;
    created_at: number;
    expired_at: number | null;
  };
}

/**
 * The emulated Plaid's ES256 (P-256) webhook keys. Rotation makes a new key current; older keys stay
 * valid (`expired_at: null`) until they are expired explicitly, so deliveries signed just before a
 * rotation still verify.
 */
export interface PlaidWebhookKeyStore {
  /** The key new webhooks are signed with (created on first use). */
  current(): PlaidWebhookKey;
  /** A key by id, if it exists. */
  find(kid: string): PlaidWebhookKey | undefined;
  /** Every key, oldest first. */
  list(): PlaidWebhookKey[];
  /** Makes a new key current; `expirePrevious` also expires every older key that is still live. */
  rotate(options?: { expirePrevious?: boolean }): { current: PlaidWebhookKey; previous: PlaidWebhookKey };
  /** Sets `expired_at` (now, Unix seconds) on a key; an already expired key keeps its time. */
  expire(kid: string): PlaidWebhookKey | undefined;
}

function createKey(nowMs: number): PlaidWebhookKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const exported = publicKey.export({ format: 'jwk' });
  const kid = createUuid();
  return {
    kid,
    privateKey,
    jwk: {
      alg: 'ES256',
      crv: String(exported.crv),
      kid,
      kty: String(exported.kty),
      use: 'sig',
      x: String(exported.x),
      y: String(exported.y),
      created_at: Math.floor(nowMs / 1000),
      expired_at: null,
    },
  };
}

/** Creates an empty key store; keys survive `reset` so cached verifiers keep working. */
export function createPlaidWebhookKeyStore(clock: EmulatorClock): PlaidWebhookKeyStore {
  const keys = new Map<string, PlaidWebhookKey>();
  let currentKey: PlaidWebhookKey | undefined;

  const expireKey = (key: PlaidWebhookKey): void => {
    if (key.jwk.expired_at === null) key.jwk = { ...key.jwk, expired_at: Math.floor(clock.now() / 1000) };
  };
  const current = (): PlaidWebhookKey => {
    if (currentKey === undefined) {
      currentKey = createKey(clock.now());
      keys.set(currentKey.kid, currentKey);
    }
    return currentKey;
  };

  return {
    current,
    find: (kid) => keys.get(kid),
    list: () => [...keys.values()],
    rotate(options = {}) {
      const previous = current();
      const next = createKey(clock.now());
      if (options.expirePrevious) {
        for (const key of keys.values()) expireKey(key);
      }
      keys.set(next.kid, next);
      currentKey = next;
      return { current: next, previous };
    },
    expire(kid) {
      const key = keys.get(kid);
      if (key !== undefined) expireKey(key);
      return key;
    },
  };
}
