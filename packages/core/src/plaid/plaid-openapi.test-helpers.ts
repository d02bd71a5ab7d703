import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// Validates request bodies and mock answers against Plaid's official OpenAPI schemas (src/test-data).

interface EndpointSpec {
  operations: Record<string, { operationId: string; request: string; response: string }>;
  components: { schemas: Record<string, unknown> };
}

const spec = JSON.parse(
  readFileSync(new URL('../test-data/plaid-openapi-endpoints.json', import.meta.url), 'utf8'),
) as EndpointSpec;

/** Adds `additionalProperties: false` wherever a schema lists properties without saying, so unknown request fields fail. */
function closeObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(closeObjects);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    out[key] = key === 'properties' ? mapValues(inner) : closeObjects(inner);
  if ('properties' in out && !('additionalProperties' in out) && !('allOf' in out))
    out.additionalProperties = false;
  return out;
}

function mapValues(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, closeObjects(inner)]));
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
const formatsModule = addFormatsModule as unknown as FormatsPlugin | { default: FormatsPlugin };
/** Rewrites OpenAPI 3.0 `nullable: true` without `type` (e.g. on `$ref`/`allOf`) as `anyOf [..., null]` for ajv. */
function normaliseNullable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseNullable);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = normaliseNullable(inner);
  if (out.nullable === true && !('type' in out)) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

const addFormats: FormatsPlugin = typeof formatsModule === 'function' ? formatsModule : formatsModule.default;

function compileAll(schemas: Record<string, unknown>): (name: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('double', true);
  ajv.addSchema({ $id: 'plaid', components: { schemas } });
  return (name) => {
    const validate = ajv.getSchema(`plaid#/components/schemas/${name}`);
    if (!validate) throw new Error(`schema ${name} not in test data`);
    return validate;
  };
}

const normalised = normaliseNullable(spec.components.schemas) as Record<string, unknown>;
const requestSchemas = compileAll(closeObjects(normalised) as Record<string, unknown>);
const responseSchemas = compileAll(normalised);

function operation(path: string): { request: string; response: string } {
  const op = spec.operations[path];
  if (!op) throw new Error(`no OpenAPI operation for ${path} in test data`);
  return op;
}

function errorsOf(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`.trim());
}

/** Problems with a request body per Plaid's official request schema (unknown fields included); empty when valid. */
export function plaidRequestErrors(path: string, body: unknown): string[] {
  return errorsOf(requestSchemas(operation(path).request), body);
}

/** Problems with an answer per Plaid's official 200-response schema; empty when valid. */
export function plaidResponseErrors(path: string, body: unknown): string[] {
  return errorsOf(responseSchemas(operation(path).response), body);
}

/** Problems with an error object per Plaid's official PlaidError schema; empty when valid. */
export function plaidErrorObjectErrors(body: unknown): string[] {
  return errorsOf(responseSchemas('PlaidError'), body);
}

/** The endpoints the test data covers. */
export const plaidOpenApiPaths: string[] = Object.keys(spec.operations);
