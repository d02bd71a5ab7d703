import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';

const SPEC_ID = 'stripe-openapi';

interface SchemaObject {
  properties?: Record<string, unknown>;
  [key: string]: unknown;
}

interface Spec {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, SchemaObject> };
}

/**
 * Rewrites OpenAPI 3.0 `nullable: true` into JSON Schema (`type: [t, 'null']`, or an extra `{type: 'null'}`
 * branch next to `anyOf`/`$ref`), since Ajv only accepts `nullable` beside a `type`.
 */
function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewriteNullable(value);
  if (out['nullable'] !== true) return out;
  delete out['nullable'];
  if (typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
    return out;
  }
  if (Array.isArray(out['anyOf'])) {
    out['anyOf'] = [...out['anyOf'], { type: 'null' }];
    return out;
  }
  if (typeof out['$ref'] === 'string') return { anyOf: [{ $ref: out['$ref'] }, { type: 'null' }] };
  return out;
}

// Copied from the project's reference set; see `info.x-achbridge-source` in the file.
const spec = rewriteNullable(
  JSON.parse(readFileSync(new URL('../test-data/stripe-openapi-subset.json', import.meta.url), 'utf8')),
) as Spec & Record<string, unknown>;

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
ajvFormats.default(ajv);
ajv.addFormat('unix-time', true);
ajv.addSchema({ ...spec, $id: SPEC_ID });

/** Validates a value against `#/components/schemas/<name>`; returns ajv's error text or undefined when valid. */
export function stripeSchemaErrors(name: string, value: unknown): string | undefined {
  const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}

/** Validates a body against the documented response of `method path` (`status` 200 or `default` for errors). */
export function stripeResponseErrors(
  method: string,
  path: string,
  status: '200' | 'default',
  value: unknown,
): string | undefined {
  const response = spec.paths[path]?.[method.toLowerCase()]?.responses[status];
  if (!response) throw new Error(`spec has no ${method} ${path} ${status}`);
  const pointer = `#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  const validate = ajv.getSchema(`${SPEC_ID}${pointer}`);
  if (!validate) throw new Error(`cannot compile ${pointer}`);
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}

/** Top-level keys of `value` that the named schema does not document (catches misspelt fields). */
export function undocumentedKeys(name: string, value: Record<string, unknown>): string[] {
  const properties = spec.components.schemas[name]?.properties;
  if (properties === undefined) throw new Error(`no properties for ${name}`);
  return Object.keys(value).filter((key) => !(key in properties));
}
