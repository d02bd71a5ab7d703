import { z } from 'zod';

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
}

const sectionSchema = z.enum(SECTIONS);

/** Parses `[--check] [--only a,b] [--out path]`; throws naming the bad argument. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let check = false;
  let only: Section[] | undefined;
  let out: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--check') check = true;
    else if (argument === '--only' || argument === '--out') {
      const value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${argument} needs a value`);
      index += 1;
      if (argument === '--out') out = value;
      else {
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
  return { check, sections, out: out ?? defaultOut };
}
