import {
  type AdapterStore,
  adapterStoreSchema,
  type FetchFunction,
  type Logger,
  type PlaidClient,
} from '@achbridge/core';
import { lazySchema } from '@achbridge/core/internal';
import type Stripe from 'stripe';
import { z } from 'zod';
import type { StripeRetrySettings } from './call-stripe.js';
import type { StripeMode } from './mode-guard.js';
import { type ProcessorTokenRouteOptions, processorTokenRouteSchema } from './processor-token-route.js';
import { isStripeInstance, type StripeClientSettings } from './stripe-client.js';

/** Settings for `createStripeAdapter`. */
export interface StripeAdapterOptions {
  /** The Plaid client (`createPlaidClient` from @achbridge/core). */
  plaid: PlaidClient;
  /** A stripe-node instance, or settings to build one (`{ secretKey?, baseUrl?, host?, port?, protocol?, fetch?, timeoutMs?, apiVersion? }`). */
  stripe: Stripe | StripeClientSettings;
  /**
   * The Stripe key's mode. Needed only for a Stripe instance whose key cannot be read (custom
   * authenticator); when given it must agree with the key.
   */
  mode?: StripeMode | undefined;
  /**
   * The API version your Stripe instance sends (what you gave `new Stripe(key, { apiVersion })`, else
   * `Stripe.API_VERSION`). Required next to an instance, which achbridge never looks inside; with settings,
   * set `stripe.apiVersion` instead.
   */
  apiVersion?: string | undefined;
  /** Retry tuning for Stripe calls (core's withRetry; stripe-node's own retries are off). */
  retry?: StripeRetrySettings | undefined;
  /** Receives redacted log lines; silent by default. */
  logger?: Logger | undefined;
  /**
   * A durable store (`createStore` from @achbridge/store): public tokens are exchanged once across
   * processes, each (item, account, customer) gets one bank account, and a payment's idempotency key
   * never debits twice, however much later it is reused.
   */
  store?: AdapterStore | undefined;
  /**
   * Opt-in: `link` hands the account to Stripe as a Plaid processor token on a `us_bank_account` PaymentMethod
   * (`pm_…`, Stripe's preview API version 2026-10-28.preview) instead of a bank account token attached as a
   * customer bank account (`ba_…`). See the README's "Processor-token route".
   */
  processorTokenRoute?: ProcessorTokenRouteOptions | undefined;
}

const plaidSchema = lazySchema(() =>
  z.custom<PlaidClient>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { request?: unknown }).request === 'function' &&
      typeof (value as { exchangePublicToken?: unknown }).exchangePublicToken === 'function' &&
      ((value as { environment?: unknown }).environment === 'sandbox' ||
        (value as { environment?: unknown }).environment === 'production'),
    { message: 'must be a Plaid client from createPlaidClient()' },
  ),
);

/** A Stripe API version: a date, optionally with a release name (`2026-09-30.endive`, `2026-10-28.preview`). */
const apiVersionSchema = lazySchema(() =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(?:\.[a-z]+)?$/, 'must be a Stripe API version such as 2026-09-30.endive'),
);

const settingsSchema = lazySchema(() =>
  z
    .object({
      secretKey: z.string().trim().min(1).optional(),
      baseUrl: z.url().optional(),
      host: z.string().min(1).optional(),
      port: z.number().int().min(1).max(65535).optional(),
      protocol: z.enum(['http', 'https']).optional(),
      fetch: z
        .custom<FetchFunction>((value) => typeof value === 'function', 'expected a fetch-compatible function')
        .optional(),
      timeoutMs: z.number().int().positive().optional(),
      apiVersion: apiVersionSchema().optional(),
    })
    .strict(),
);

const loggerSchema = lazySchema(() =>
  z.custom<Logger>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      ['debug', 'info', 'warn', 'error'].every(
        (level) => typeof (value as Record<string, unknown>)[level] === 'function',
      ),
    { message: 'must have debug, info, warn and error methods' },
  ),
);

/** Validates `createStripeAdapter`'s options. */
export const adapterOptionsSchema = lazySchema(() =>
  z
    .object({
      plaid: plaidSchema(),
      stripe: z.union([z.custom<Stripe>((value) => isStripeInstance(value)), settingsSchema()], {
        error:
          'must be a Stripe instance or { secretKey?, baseUrl?, host?, port?, protocol?, fetch?, timeoutMs?, apiVersion? }',
      }),
      mode: z.enum(['test', 'live']).optional(),
      apiVersion: apiVersionSchema().optional(),
      retry: z
        .object({
          maxRetries: z.number().int().min(0).max(10).optional(),
          initialDelayMs: z.number().int().min(0).optional(),
          maxDelayMs: z.number().int().min(0).optional(),
        })
        .strict()
        .optional(),
      logger: loggerSchema().optional(),
      store: adapterStoreSchema.optional(),
      processorTokenRoute: processorTokenRouteSchema().optional(),
    })
    .superRefine((options, context) => {
      const instance = isStripeInstance(options.stripe);
      if (instance && options.apiVersion === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['apiVersion'],
          message:
            'is required next to a Stripe instance: the version you gave new Stripe(key, { apiVersion }), or Stripe.API_VERSION',
        });
      } else if (!instance && options.apiVersion !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['apiVersion'],
          message: 'is for a Stripe instance only: with settings, set stripe.apiVersion',
        });
      }
    }),
);
