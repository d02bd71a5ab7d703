import { readFileSync } from 'node:fs';
import { loadOpenApiSubset } from './openapi-validator.js';

const NAME = /^[a-z][a-z0-9_]*$/;

function checkNames(values: unknown, where: string): string[] {
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'string' && NAME.test(value))) {
    throw new Error(`${where} must be a list of lower-case processor names`);
  }
  return values as string[];
}

/** The `processor` enum of `/processor/token/create` in the Plaid OpenAPI subset, in the spec's order. */
export function readSpecProcessorNames(): string[] {
  const request = loadOpenApiSubset('plaid').components.schemas['ProcessorTokenCreateRequest'];
  const properties = request?.['properties'] as Record<string, { enum?: unknown }> | undefined;
  return checkNames(
    properties?.['processor']?.enum,
    'specs/openapi/plaid.openapi.json: ProcessorTokenCreateRequest.processor.enum',
  );
}

/** The processor names of plaid 47's SDK enum (`data/plaid-processor-names-sdk.json`, source inside). */
export function readSdkProcessorNames(): string[] {
  const file = new URL('../data/plaid-processor-names-sdk.json', import.meta.url);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { names?: unknown };
  return checkNames(data.names, 'specs/data/plaid-processor-names-sdk.json: names');
}

/** The spec's names in its order, then the names only the SDK has, in the SDK's order. */
export function mergeProcessorNames(spec: readonly string[], sdk: readonly string[]): string[] {
  return [...new Set([...spec, ...sdk])];
}

/** Renders the known processor names as a TypeScript module (core and the emulator each get a copy). */
export function renderPlaidProcessorNames(names: readonly string[]): string {
  return (
    '// Generated from the ProcessorTokenCreateRequest.processor enum of specs/openapi/plaid.openapi.json (Plaid\n' +
    '// spec 2020-09-14_1.697.4) and the enum of the plaid 47.0.0 SDK (specs/data/plaid-processor-names-sdk.json)\n' +
    '// by `npm run generate -w @achbridge/specs`. Do not edit (a test in specs/ compares it with its source).\n\n' +
    "/** Plaid's `/processor/token/create` processor names known today: the spec's enum plus plaid 47's additions. */\n" +
    'export const KNOWN_PROCESSOR_NAMES = [\n' +
    names.map((name) => `  '${name}',\n`).join('') +
    '] as const;\n'
  );
}
