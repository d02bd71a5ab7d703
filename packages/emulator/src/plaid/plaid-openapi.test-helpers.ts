import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';

const SPEC_ID = 'plaid-openapi';

interface Spec {
  paths: Record<
    string,
    { post: { responses: Record<string, { content: { 'application/json': { schema: unknown } } }> } }
  >;
  components: { schemas: Record<string, unknown> };
}

/** Rewrites OpenAPI 3.0 `nullable: true` into JSON Schema (type unions, or anyOf with null). */
export function convertNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (typeof node !== 'object' || node === null) return node;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) converted[key] = convertNullable(value);
  if (converted['nullable'] !== true) return converted;
  delete converted['nullable'];
  if (Array.isArray(converted['enum']) && !converted['enum'].includes(null)) {
    converted['enum'] = [...converted['enum'], null];
  }
  if (typeof converted['type'] === 'string') {
    converted['type'] = [converted['type'], 'null'];
    return converted;
  }
  return { anyOf: [converted, { type: 'null' }] };
}

const raw = JSON.parse(
  readFileSync(new URL('../test-data/plaid-openapi-subset.json', import.meta.url), 'utf8'),
) as Spec;
const spec = convertNullable(raw) as Spec & Record<string, unknown>;

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
ajvFormats.default(ajv);
ajv.addFormat('double', true);
ajv.addFormat('url', (value: string) => URL.canParse(value));
ajv.addSchema({ ...spec, $id: SPEC_ID });

/** The spec paths, for checking coverage. */
export const PLAID_SPEC_PATHS: readonly string[] = Object.keys(raw.paths);

/**
 * Validates a Plaid answer body against the spec: 200 bodies against the endpoint's success schema, other
 * statuses against its `default` (PlaidError) schema. Returns ajv's error text, or undefined when valid.
 */
export function plaidResponseErrors(path: string, status: number, body: unknown): string | undefined {
  const responses = spec.paths[path]?.post.responses;
  if (responses === undefined) throw new Error(`spec has no POST ${path}`);
  const pointer = `${SPEC_ID}#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/post/responses/${status === 200 ? '200' : 'default'}/content/application~1json/schema`;
  const validate = ajv.getSchema(pointer);
  if (validate === undefined) throw new Error(`no schema at ${pointer}`);
  return validate(body) ? undefined : ajv.errorsText(validate.errors);
}
