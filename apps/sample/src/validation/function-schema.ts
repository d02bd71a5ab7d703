import { z } from 'zod';

/** A zod schema that accepts any function (typed as `T`) and rejects everything else with "must be a function". */
export function functionSchema<T>(): z.ZodCustom<T, T> {
  return z.custom<T>((value) => typeof value === 'function', { message: 'must be a function' });
}
