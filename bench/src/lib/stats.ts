import { z } from 'zod';

const samplesSchema = z.array(z.number().finite()).min(1, 'needs at least one sample');

/** Median of `samples` (mean of the two middle values for an even count). */
export function median(samples: readonly number[]): number {
  const sorted = [...samplesSchema.parse(samples)].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Smallest and largest of `samples`. */
export function range(samples: readonly number[]): { min: number; max: number } {
  const valid = samplesSchema.parse(samples);
  return { min: Math.min(...valid), max: Math.max(...valid) };
}

/** `numerator / denominator`, or null when the denominator is not a positive number. */
export function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}

/** Rounds to `digits` significant decimals for reports (keeps integers as they are). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
