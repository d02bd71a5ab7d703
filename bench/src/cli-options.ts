import { z } from 'zod';
import type { Provider } from './flows/flow-types.js';

/** Bench sections, in run order. */
export const SECTIONS = [
  'client-cost',
  'cold-start',
  'install',
  'load',
  'throughput',
  'runtimes',
  'store',
] as const;

/** One bench section. */
export type Section = (typeof SECTIONS)[number];

/** Parsed command line of the bench. */
export interface CliOptions {
  /** Short CI mode: a few seconds, fails only on a gross regression of a ratio. */
  check: boolean;
  sections: Section[];
  /** Where the JSON goes (relative to the bench workspace). */
  out: string;
  /** The client-cost section's providers (default: all). */
  providers?: Provider[];
  /** Rounds of the client-cost and load sections, to iterate quickly (default: each section's own). */
  rounds?: number;
}

const sectionSchema = z.enum(SECTIONS);
const providerSchema = z.enum(['stripe', 'dwolla', 'modern_treasury']);
const roundsSchema = z.coerce.number().int().min(1).max(50);

/**
 * Parses `[--check] [--only a,b] [--out path] [--providers a,b] [--rounds n]`; throws naming the bad argument.
 */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let check = false;
  let only: Section[] | undefined;
  let out: string | undefined;
  let providers: Provider[] | undefined;
  let rounds: number | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--check') check = true;
    else if (
      argument === '--only' ||
      argument === '--out' ||
      argument === '--providers' ||
      argument === '--rounds'
    ) {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${argument} needs a value`);
      index += 1;
      if (argument === '--out') out = value;
      else if (argument === '--providers') {
        providers = value.split(',').map((name) => {
          const parsed = providerSchema.safeParse(name.trim());
          if (!parsed.success)
            throw new Error(
              `--providers: unknown provider '${name}' (known: ${providerSchema.options.join(', ')})`,
            );
          return parsed.data;
        });
      } else if (argument === '--rounds') {
        const parsed = roundsSchema.safeParse(value);
        if (!parsed.success) throw new Error(`--rounds: '${value}' is not a whole number from 1 to 50`);
        rounds = parsed.data;
      } else {
        only = value.split(',').map((name) => {
          const parsed = sectionSchema.safeParse(name.trim());
          if (!parsed.success)
            throw new Error(`--only: unknown section '${name}' (known: ${SECTIONS.join(', ')})`);
          return parsed.data;
        });
      }
    } else throw new Error(`unknown argument '${argument}'`);
  }
  const sections = only ?? (check ? ['client-cost'] : [...SECTIONS]);
  const defaultOut = check
    ? 'results/check.tmp.json'
    : sections.length === SECTIONS.length
      ? 'results/latest.json'
      : `results/${sections.join('+')}.tmp.json`;
  return {
    check,
    sections,
    out: out ?? defaultOut,
    ...(providers ? { providers } : {}),
    ...(rounds === undefined ? {} : { rounds }),
  };
}
