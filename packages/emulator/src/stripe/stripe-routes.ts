import type { StripeHandler } from './stripe-context.js';
import {
  createCustomer,
  deleteCustomer,
  listCustomers,
  retrieveCustomer,
  updateCustomer,
} from './stripe-customers.js';
import { retrieveMandate } from './stripe-mandates.js';
import {
  cancelPaymentIntent,
  confirmPaymentIntentEndpoint,
  createPaymentIntent,
  listPaymentIntents,
  retrievePaymentIntent,
} from './stripe-payment-intents.js';
import {
  attachPaymentMethod,
  createPaymentMethod,
  listPaymentMethods,
  retrievePaymentMethod,
} from './stripe-payment-methods.js';
import {
  confirmSetupIntentEndpoint,
  createSetupIntent,
  listSetupIntents,
  retrieveSetupIntent,
} from './stripe-setup-intents.js';
import {
  createCustomerSource,
  deleteCustomerSource,
  listCustomerSources,
  retrieveCustomerSource,
  updateCustomerSource,
} from './stripe-sources.js';
import { retrieveToken } from './stripe-tokens.js';

/** One route: method, a `/customers/:customer` style pattern (relative to `/v1`) and its handler. */
export interface StripeRoute {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  handler: StripeHandler;
}

/** Every endpoint of the emulated Stripe. */
export const STRIPE_ROUTES: readonly StripeRoute[] = [
  { method: 'POST', pattern: '/customers', handler: createCustomer },
  { method: 'GET', pattern: '/customers', handler: listCustomers },
  { method: 'GET', pattern: '/customers/:customer', handler: retrieveCustomer },
  { method: 'POST', pattern: '/customers/:customer', handler: updateCustomer },
  { method: 'DELETE', pattern: '/customers/:customer', handler: deleteCustomer },
  { method: 'POST', pattern: '/customers/:customer/sources', handler: createCustomerSource },
  { method: 'GET', pattern: '/customers/:customer/sources', handler: listCustomerSources },
  { method: 'GET', pattern: '/customers/:customer/sources/:id', handler: retrieveCustomerSource },
  { method: 'POST', pattern: '/customers/:customer/sources/:id', handler: updateCustomerSource },
  { method: 'DELETE', pattern: '/customers/:customer/sources/:id', handler: deleteCustomerSource },
  { method: 'GET', pattern: '/tokens/:token', handler: retrieveToken },
  { method: 'POST', pattern: '/setup_intents', handler: createSetupIntent },
  { method: 'GET', pattern: '/setup_intents', handler: listSetupIntents },
  { method: 'GET', pattern: '/setup_intents/:intent', handler: retrieveSetupIntent },
  { method: 'POST', pattern: '/setup_intents/:intent/confirm', handler: confirmSetupIntentEndpoint },
  { method: 'GET', pattern: '/mandates/:mandate', handler: retrieveMandate },
  { method: 'POST', pattern: '/payment_methods', handler: createPaymentMethod },
  { method: 'GET', pattern: '/payment_methods', handler: listPaymentMethods },
  { method: 'GET', pattern: '/payment_methods/:payment_method', handler: retrievePaymentMethod },
  { method: 'POST', pattern: '/payment_methods/:payment_method/attach', handler: attachPaymentMethod },
  { method: 'POST', pattern: '/payment_intents', handler: createPaymentIntent },
  { method: 'GET', pattern: '/payment_intents', handler: listPaymentIntents },
  { method: 'GET', pattern: '/payment_intents/:intent', handler: retrievePaymentIntent },
  { method: 'POST', pattern: '/payment_intents/:intent/confirm', handler: confirmPaymentIntentEndpoint },
  { method: 'POST', pattern: '/payment_intents/:intent/cancel', handler: cancelPaymentIntent },
];

/** A matched route with its decoded path parameters. */
export interface StripeRouteMatch {
  route: StripeRoute;
  pathParams: Record<string, string>;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Finds the route for a method and path (relative to `/v1`), or undefined. */
export function matchStripeRoute(method: string, path: string): StripeRouteMatch | undefined {
  const segments = path.replace(/\/+$/, '').split('/').slice(1);
  for (const route of STRIPE_ROUTES) {
    if (route.method !== method) continue;
    const parts = route.pattern.split('/').slice(1);
    if (parts.length !== segments.length) continue;
    const pathParams: Record<string, string> = {};
    let matched = true;
    for (let index = 0; index < parts.length && matched; index += 1) {
      const part = parts[index] as string;
      const segment = segments[index] as string;
      if (part.startsWith(':')) {
        const decoded = decodeSegment(segment);
        if (decoded === undefined || decoded.length === 0) matched = false;
        else pathParams[part.slice(1)] = decoded;
      } else if (part !== segment) {
        matched = false;
      }
    }
    if (matched) return { route, pathParams };
  }
  return undefined;
}
