import { readFileSync } from 'node:fs';

/** Who has to act on a Plaid error, as core reports it. */
export type PlaidErrorTableCategory = 'client_action' | 'user_action' | 'retryable' | 'unknown';

/** Where a Plaid error surfaces. */
export type PlaidErrorTableOccurrence = 'link-add' | 'link-update' | 'api';

/** One row of specs/data/plaid-errors.json; null means not recorded for that code. */
export interface PlaidErrorTableRow {
  code: string;
  type: string;
  status: number | null;
  message: string | null;
  display: string | null;
  category: PlaidErrorTableCategory | null;
  when: PlaidErrorTableOccurrence[] | null;
  remediation: string | null;
}

const CATEGORIES = new Set(['client_action', 'user_action', 'retryable', 'unknown']);
const OCCURRENCES = new Set(['link-add', 'link-update', 'api']);

function check(condition: boolean, code: string, problem: string): void {
  if (!condition) throw new Error(`specs/data/plaid-errors.json: ${code}: ${problem}`);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Reads and checks the Plaid error table (unique upper-case codes, known categories and occurrences). */
export function loadPlaidErrorTable(): PlaidErrorTableRow[] {
  const url = new URL('../data/plaid-errors.json', import.meta.url);
  const { errors } = JSON.parse(readFileSync(url, 'utf8')) as { errors: PlaidErrorTableRow[] };
  const seen = new Set<string>();
  for (const row of errors) {
    check(/^[A-Z0-9_]+$/.test(row.code) && !seen.has(row.code), row.code, 'code must be unique UPPER_SNAKE');
    seen.add(row.code);
    check(isText(row.type), row.code, 'type is required');
    check(row.status === null || Number.isInteger(row.status), row.code, 'status must be an integer or null');
    check(row.message === null || isText(row.message), row.code, 'message must be text or null');
    check(row.display === null || isText(row.display), row.code, 'display must be text or null');
    const advised = row.category !== null || row.when !== null || row.remediation !== null;
    if (advised) {
      check(CATEGORIES.has(String(row.category)), row.code, 'category is not known');
      check(
        Array.isArray(row.when) && row.when.length > 0 && row.when.every((w) => OCCURRENCES.has(w)),
        row.code,
        'when must list link-add, link-update or api',
      );
      check(isText(row.remediation), row.code, 'remediation is required with a category');
    }
  }
  return [...errors].sort((a, b) => a.code.localeCompare(b.code));
}

const HEADER =
  '// Generated from specs/data/plaid-errors.json by `npm run generate -w @achbridge/specs`. Do not edit:\n' +
  '// change the table and regenerate (a test in specs/ fails when this file and the table disagree).\n';

const text = (value: string): string => JSON.stringify(value);

/** Renders core's slice of the table: type, category, occurrences and remediation per code. */
export function renderCorePlaidErrorTable(rows: readonly PlaidErrorTableRow[]): string {
  const lines = rows
    .filter((row) => row.remediation !== null)
    .map(
      (row) =>
        `  ${row.code}: {\n    type: ${text(row.type)},\n    category: ${text(row.category ?? 'unknown')},\n` +
        `    when: [${(row.when ?? []).map(text).join(', ')}],\n    remediation: ${text(row.remediation ?? '')},\n  },`,
    );
  return (
    `${HEADER}import type { PlaidErrorCategory, PlaidErrorOccurrence } from './plaid-error-catalog.js';\n\n` +
    '/** What the Plaid error table says about one code, as core uses it. */\n' +
    'export interface PlaidErrorTableEntry {\n  readonly type: string;\n  readonly category: PlaidErrorCategory;\n' +
    '  readonly when: readonly PlaidErrorOccurrence[];\n  readonly remediation: string;\n}\n\n' +
    '/** Every Plaid error code achbridge can explain, keyed by code. */\n' +
    `export const PLAID_ERROR_TABLE: Readonly<Record<string, PlaidErrorTableEntry>> = {\n${lines.join('\n')}\n};\n`
  );
}

/** Renders the emulator's slice of the table: type, HTTP status, message and display message per code. */
export function renderEmulatorPlaidErrorTable(rows: readonly PlaidErrorTableRow[]): string {
  const lines = rows
    .filter((row) => row.status !== null && row.message !== null)
    .map(
      (row) =>
        `  ${row.code}: {\n    type: ${text(row.type)},\n    status: ${row.status},\n    message: ${text(row.message ?? '')},\n` +
        `    display: ${row.display === null ? 'null' : text(row.display)},\n  },`,
    );
  return (
    `${HEADER}\n/** What the emulator answers for one Plaid error code. */\n` +
    'export interface PlaidErrorTableEntry {\n  readonly type: string;\n  readonly status: number;\n' +
    '  readonly message: string;\n  readonly display: string | null;\n}\n\n' +
    '/** Every Plaid error code the emulator can answer with, keyed by code. */\n' +
    `export const PLAID_ERROR_TABLE: Readonly<Record<string, PlaidErrorTableEntry>> = {\n${lines.join('\n')}\n};\n`
  );
}
