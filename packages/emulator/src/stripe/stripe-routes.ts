import { createRouter, type Route } from '../kernel/router.js';
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

/** One Stripe endpoint for the kernel router: method, a `/customers/:customer` style path (relative to `/v1`) and its handler. */
export type StripeRoute = Route<StripeHandler>;

/** Every endpoint of the emulated Stripe. */
export const STRIPE_ROUTES: readonly StripeRoute[] = [
  { method: 'POST', path: '/customers', handler: createCustomer },
  { method: 'GET', path: '/customers', handler: listCustomers },
  { method: 'GET', path: '/customers/:customer', handler: retrieveCustomer },
  { method: 'POST', path: '/customers/:customer', handler: updateCustomer },
  { method: 'DELETE', path: '/customers/:customer', handler: deleteCustomer },
  { method: 'POST', path: '/customers/:customer/sources', handler: createCustomerSource },
  { method: 'GET', path: '/customers/:customer/sources', handler: listCustomerSources },
  { method: 'GET', path: '/customers/:customer/sources/:id', handler: retrieveCustomerSource },
  { method: 'POST', path: '/customers/:customer/sources/:id', handler: updateCustomerSource },
  { method: 'DELETE', path: '/customers/:customer/sources/:id', handler: deleteCustomerSource },
  { method: 'GET', path: '/tokens/:token', handler: retrieveToken },
  { method: 'POST', path: '/setup_intents', handler: createSetupIntent },
  { method: 'GET', path: '/setup_intents', handler: listSetupIntents },
  { method: 'GET', path: '/setup_intents/:intent', handler: retrieveSetupIntent },
  { method: 'POST', path: '/setup_intents/:intent/confirm', handler: confirmSetupIntentEndpoint },
  { method: 'GET', path: '/mandates/:mandate', handler: retrieveMandate },
  { method: 'POST', path: '/payment_methods', handler: createPaymentMethod },
  { method: 'GET', path: '/payment_methods', handler: listPaymentMethods },
  { method: 'GET', path: '/payment_methods/:payment_method', handler: retrievePaymentMethod },
  { method: 'POST', path: '/payment_methods/:payment_method/attach', handler: attachPaymentMethod },
  { method: 'POST', path: '/payment_intents', handler: createPaymentIntent },
  { method: 'GET', path: '/payment_intents', handler: listPaymentIntents },
  { method: 'GET', path: '/payment_intents/:intent', handler: retrievePaymentIntent },
  { method: 'POST', path: '/payment_intents/:intent/confirm', handler: confirmPaymentIntentEndpoint },
  { method: 'POST', path: '/payment_intents/:intent/cancel', handler: cancelPaymentIntent },
];

/** The kernel router over every Stripe endpoint (a wrong method is an unknown URL to Stripe). */
export const STRIPE_ROUTER = createRouter(STRIPE_ROUTES);
