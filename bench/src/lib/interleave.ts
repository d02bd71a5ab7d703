import { z } from 'zod';

const itemsSchema = z.array(z.unknown()).min(1, 'needs at least one variant');
const roundSchema = z.number().int().min(0);

/**
 * The order in which round `round` runs the variants: a rotation by `round` places (A B C, B C A, C A B, …),
 * so each variant runs first, middle and last equally often and machine noise hits all of them alike.
 */
export function rotationForRound<T>(items: readonly T[], round: number): T[] {
  const list = itemsSchema.parse(items) as T[];
  const shift = roundSchema.parse(round) % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
