import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/** The providers whose OpenAPI subsets live in specs/openapi/. */
export type SpecProvider = 'plaid' | 'dwolla' | 'stripe' | 'modern-treasury';

interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** The parts of an OpenAPI document the validator reads. */
export interface OpenApiSubset {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> } & Record<string, unknown>> };
}

/** Validates values against one provider's OpenAPI subset; every check returns ajv's error text or undefined. */
export interface OpenApiValidator {
  /** The paths the subset documents. */
  readonly paths: readonly string[];
  /** The subset itself (read-only use). */
  readonly spec: OpenApiSubset;
  /** Checks a value against `#/components/schemas/<name>`. */
  schemaErrors(name: string, value: unknown): string | undefined;
  /** Checks a request body against `method path`'s request schema; unknown fields fail (objects are closed). */
  requestErrors(method: string, path: string, body: unknown): string | undefined;
  /** Checks an answer against `method path`'s documented response for `status` (else its `default`). */
  responseErrors(method: string, path: string, status: number | 'default', body: unknown): string | undefined;
  /** Top-level keys of `value` that the named schema does not document (catches misspelt fields). */
  undocumentedKeys(name: string, value: Record<string, unknown>): string[];
}

/** Reads one provider's OpenAPI subset from specs/openapi/. */
export function loadOpenApiSubset(provider: SpecProvider): OpenApiSubset {
  const url = new URL(`../openapi/${provider}.openapi.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as OpenApiSubset;
}

/** Rewrites OpenAPI 3.0 `nullable: true` as JSON Schema (a `null` type, enum value or `anyOf` branch). */
export function convertNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = convertNullable(value);
  if (out['nullable'] !== true) return out;
  delete out['nullable'];
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    return out;
  }
  if (Array.isArray(out['anyOf'])) {
    out['anyOf'] = [...out['anyOf'], { type: 'null' }];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Adds `additionalProperties: false` wherever a schema lists properties without saying, so unknown fields fail. */
export function closeObjects(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => closeObjects(item));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = closeObjects(value, !inProperties && key === 'properties');
  }
  if (inProperties) return out;
  if ('properties' in out && !('additionalProperties' in out) && !('allOf' in out)) {
    out['additionalProperties'] = false;
  }
  return out;
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
const formatsModule = ajvFormats as unknown as FormatsPlugin | { default: FormatsPlugin };
const addFormats: FormatsPlugin = typeof formatsModule === 'function' ? formatsModule : formatsModule.default;

function compile(spec: Record<string, unknown>, id: string): Ajv {
  const options = { strict: false, allErrors: true } as const;
  const ajv = String(spec['openapi']).startsWith('3.1') ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  for (const format of ['double', 'float', 'int32', 'int64', 'unix-time', 'decimal'])
    ajv.addFormat(format, true);
  ajv.addFormat('url', (value: string) => URL.canParse(value));
  ajv.addSchema({ ...spec, $id: id });
  return ajv;
}

const escapePointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** Builds the validator for one provider's subset (3.0 `nullable` rewritten; 3.1 compiled as JSON Schema 2020-12). */
export function createOpenApiValidator(provider: SpecProvider): OpenApiValidator {
  const spec = loadOpenApiSubset(provider);
  const openapi31 = spec.openapi.startsWith('3.1');
  const normalised = (openapi31 ? spec : convertNullable(spec)) as Record<string, unknown>;
  const open = compile(normalised, provider);
  let closed: Ajv | undefined;
  const closedAjv = (): Ajv => {
    closed ??= compile(closeObjects(normalised) as Record<string, unknown>, provider);
    return closed;
  };
  const run = (validate: ValidateFunction | undefined, pointer: string, value: unknown, ajv: Ajv) => {
    if (validate === undefined) throw new Error(`${provider}: cannot compile ${pointer}`);
    return validate(value) ? undefined : ajv.errorsText(validate.errors);
  };
  const operation = (method: string, path: string): Operation => {
    const found = spec.paths[path]?.[method.toLowerCase()];
    if (found === undefined) throw new Error(`${provider} subset has no ${method.toUpperCase()} ${path}`);
    return found;
  };
  const mediaPointer = (content: Record<string, unknown> | undefined, where: string): string => {
    const mediaType = Object.keys(content ?? {})[0];
    if (mediaType === undefined) throw new Error(`${provider} subset documents no body for ${where}`);
    return `content/${escapePointer(mediaType)}/schema`;
  };
  return {
    paths: Object.keys(spec.paths),
    spec,
    schemaErrors(name, value) {
      const pointer = `${provider}#/components/schemas/${name}`;
      if (spec.components.schemas[name] === undefined)
        throw new Error(`${provider} subset has no schema ${name}`);
      return run(open.getSchema(pointer), pointer, value, open);
    },
    requestErrors(method, path, body) {
      const where = `${method.toUpperCase()} ${path} request`;
      const media = mediaPointer(operation(method, path).requestBody?.content, where);
      const pointer = `${provider}#/paths/${escapePointer(path)}/${method.toLowerCase()}/requestBody/${media}`;
      const ajv = closedAjv();
      return run(ajv.getSchema(pointer), pointer, body, ajv);
    },
    responseErrors(method, path, status, body) {
      const responses = operation(method, path).responses ?? {};
      const key = String(status) in responses ? String(status) : 'default';
      const response = responses[key];
      if (response === undefined) throw new Error(`${provider} subset has no ${method} ${path} ${status}`);
      const media = mediaPointer(response.content, `${method.toUpperCase()} ${path} ${key}`);
      const pointer = `${provider}#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${key}/${media}`;
      return run(open.getSchema(pointer), pointer, body, open);
    },
    undocumentedKeys(name, value) {
      const properties = spec.components.schemas[name]?.properties;
      if (properties === undefined) throw new Error(`${provider} subset has no properties for ${name}`);
      return Object.keys(value).filter((key) => !(key in properties));
    },
  };
}
