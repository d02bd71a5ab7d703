import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

const SPEC_ID = 'dwolla-openapi';

interface Spec {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
}

const spec = JSON.parse(
  readFileSync(new URL('../test-data/dwolla-openapi-subset.json', import.meta.url), 'utf8'),
) as Spec & Record<string, unknown>;

const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
ajvFormats.default(ajv);
ajv.addFormat('int32', true);
ajv.addSchema({ ...spec, $id: SPEC_ID });

/** Validates a value against `#/components/schemas/<name>`; returns ajv's error text or undefined when valid. */
export function schemaErrors(name: string, value: unknown): string | undefined {
  const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}

/** Validates a response body against the documented schema of `method path status`. */
export function responseErrors(
  method: string,
  path: string,
  status: number,
  value: unknown,
): string | undefined {
  const response = spec.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
  if (!response) throw new Error(`spec has no ${method} ${path} ${status}`);
  const content = response.content ?? {};
  const mediaType = Object.keys(content)[0];
  if (mediaType === undefined) throw new Error(`spec documents no body for ${method} ${path} ${status}`);
  const pointer = `#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method.toLowerCase()}/responses/${status}/content/${mediaType.replaceAll('/', '~1')}/schema`;
  const validate = ajv.getSchema(`${SPEC_ID}${pointer}`);
  if (!validate) throw new Error(`cannot compile ${pointer}`);
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}

/** Validates a request body we send against one of the spec's request schemas by component name. */
export function requestErrors(name: string, value: unknown): string | undefined {
  return schemaErrors(name, value);
}
