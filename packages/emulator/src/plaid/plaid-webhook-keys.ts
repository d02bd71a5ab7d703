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

/** The emulated Plaid's ES256 (P-256) webhook keys. */
export interface PlaidWebhookKeyStore {
  /** The key new webhooks are signed with (created on first use). */
  current(): PlaidWebhookKey;
  /** A key by id, if it exists. */
  find(kid: string): PlaidWebhookKey | undefined;
}

/** Creates an empty key store; keys survive `reset` so cached verifiers keep working. */
export function createPlaidWebhookKeyStore(clock: EmulatorClock): PlaidWebhookKeyStore {
  const keys = new Map<string, PlaidWebhookKey>();
  let currentKey: PlaidWebhookKey | undefined;
  return {
    current() {
      if (currentKey === undefined) {
        const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const exported = publicKey.export({ format: 'jwk' });
        const kid = createUuid();
        currentKey = {
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
            created_at: Math.floor(clock.now() / 1000),
            expired_at: null,
          },
        };
        keys.set(kid, currentKey);
      }
      return currentKey;
    },
    find: (kid) => keys.get(kid),
  };
}
