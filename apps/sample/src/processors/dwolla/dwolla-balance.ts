import { parseInput } from '@achbridge/core';
import type { DwollaClient } from '@achbridge/dwolla';
import { z } from 'zod';
import { SampleError } from '../../errors/sample-error.js';

const rootSchema = z.looseObject({
  _links: z.looseObject({ account: z.looseObject({ href: z.string().min(1) }) }),
});
const listSchema = z.looseObject({
  _embedded: z.looseObject({
    'funding-sources': z.array(
      z.looseObject({
        type: z.string(),
        _links: z.looseObject({ self: z.looseObject({ href: z.string().min(1) }) }),
      }),
    ),
  }),
});

/**
 * Finds your Dwolla account's balance funding source (root → account → funding sources), the destination of
 * the sample's $1.00 debit; the answer is kept, so later calls make no request.
 */
export function createDwollaBalanceFinder(dwolla: DwollaClient): () => Promise<string> {
  parseInput('createDwollaBalanceFinder', z.object({ dwolla: z.looseObject({ get: z.unknown() }) }), {
    dwolla,
  });
  let found: Promise<string> | undefined;
  return () => {
    found ??= (async () => {
      const root = await dwolla.get('/', rootSchema);
      const list = await dwolla.get(`${root.data._links.account.href}/funding-sources`, listSchema);
      const balance = list.data._embedded['funding-sources'].find((source) => source.type === 'balance');
      if (balance === undefined) {
        throw new SampleError(409, 'NO_DWOLLA_BALANCE', 'Your Dwolla account has no balance funding source.');
      }
      return balance._links.self.href;
    })();
    found.catch(() => {
      found = undefined;
    });
    return found;
  };
}
