import type { Provider, Variant } from './flow-types.js';

/** HTTP calls each variant makes per fresh flow (by construction of the flow code; the Dwolla token is cached). */
export const CALLS_PER_FLOW: Record<Provider, Record<Variant, string>> = {
  stripe: {
    achbridge: '5 (exchange, btok, GET token, list sources, attach)',
    sdk: '3 (exchange, btok, attach)',
    raw: '3 (exchange, btok, attach)',
  },
  dwolla: {
    achbridge: '5 (exchange, accounts, processor token, create, GET source)',
    sdk: '3 (exchange, processor token, create)',
    raw: '3 (exchange, processor token, create)',
  },
};
