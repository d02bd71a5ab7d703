import { inspect } from 'node:util';
import { err as pinoErr } from 'pino-std-serializers';

/** One way an error was turned into text. */
export interface ErrorRendering {
  where: string;
  text: string;
}

function safe(render: () => unknown): string {
  try {
    const value = render();
    return typeof value === 'string' ? value : String(value);
  } catch (error) {
    return `<rendering threw: ${error instanceof Error ? error.message : String(error)}>`;
  }
}

/**
 * Every text an application might log for `error`: `String(error)`, `error.stack`, `JSON.stringify(error)` and
 * `util.inspect(error, { depth: 10 })` (and without custom inspect), `Object.entries(error)` and pino's error
 * serializer, for the error and each error in its `cause` chain.
 */
export function renderError(error: unknown, label = 'error'): ErrorRendering[] {
  const renderings: ErrorRendering[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    const where = depth === 0 ? label : `${label} cause#${depth}`;
    const value = current;
    renderings.push(
      { where: `${where} String()`, text: safe(() => String(value)) },
      { where: `${where} .stack`, text: safe(() => (value instanceof Error ? (value.stack ?? '') : '')) },
      { where: `${where} JSON.stringify`, text: safe(() => JSON.stringify(value) ?? '') },
      { where: `${where} util.inspect`, text: safe(() => inspect(value, { depth: 10 })) },
      {
        where: `${where} util.inspect customInspect:false`,
        text: safe(() => inspect(value, { depth: 10, customInspect: false, showHidden: true })),
      },
      {
        where: `${where} Object.entries`,
        text: safe(() => inspect(Object.entries(value as object), { depth: 10, customInspect: false })),
      },
      {
        where: `${where} pino err serializer`,
        text: safe(() => (value instanceof Error ? JSON.stringify(pinoErr(value)) : '')),
      },
    );
    current = value instanceof Error ? (value as { cause?: unknown }).cause : undefined;
  }
  return renderings;
}
