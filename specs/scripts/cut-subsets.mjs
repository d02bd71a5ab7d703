#!/usr/bin/env node
// Cuts the OpenAPI subsets in specs/openapi/ from the providers' full official descriptions.
// usage: node specs/scripts/cut-subsets.mjs <folder holding the full specs>
// The folder must hold the files named in specs/subsets.config.json (`file`); they are read, never copied.
// Only the configured paths and schemas are kept, with every component they reference; descriptions,
// examples and vendor extensions are dropped. With `stubOthers`, referenced schemas outside the list
// become `{ "type": "object", "x-subset-stub": true }` stubs (Stripe's object graph is too wide to copy).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const fullDir = process.argv[2];
if (fullDir === undefined) {
  console.error('usage: node specs/scripts/cut-subsets.mjs <folder with the full official specs>');
  process.exit(2);
}
const config = JSON.parse(readFileSync(join(root, 'subsets.config.json'), 'utf8'));
const DROPPED = new Set(['description', 'example', 'examples', 'summary', 'tags', 'externalDocs']);
const NAME_MAPS = new Set(['properties', 'patternProperties']);

/** Drops documentation keys (not inside `properties`, where they are field names). */
function strip(value, parentKey) {
  if (Array.isArray(value)) return value.map((item) => strip(item, undefined));
  if (typeof value !== 'object' || value === null) return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    const isName = NAME_MAPS.has(parentKey ?? '');
    if (!isName && (DROPPED.has(key) || key.startsWith('x-'))) continue;
    out[key] = strip(inner, key);
  }
  return out;
}

/** Every local `$ref` (and discriminator mapping target) inside a value. */
function refsOf(value, found = new Set()) {
  if (Array.isArray(value)) for (const item of value) refsOf(item, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')) found.add(inner);
      else if (key === 'mapping' && typeof inner === 'object' && inner !== null) {
        for (const target of Object.values(inner)) if (typeof target === 'string') found.add(target);
      } else refsOf(inner, found);
    }
  }
  return found;
}

function cut(provider, settings) {
  const text = readFileSync(join(fullDir, settings.file), 'utf8');
  const full = settings.file.endsWith('.json') ? JSON.parse(text) : yaml.load(text);
  const paths = {};
  for (const [path, methods] of Object.entries(settings.paths)) {
    const item = full.paths[path];
    if (item === undefined) throw new Error(`${provider}: ${path} is not in ${settings.file}`);
    const kept = {};
    if (item.parameters) kept.parameters = strip(item.parameters);
    for (const method of methods) {
      if (item[method] === undefined)
        throw new Error(`${provider}: ${method} ${path} is not in ${settings.file}`);
      kept[method] = strip(item[method]);
    }
    paths[path] = kept;
  }
  const components = {};
  const keep = new Set(settings.schemas);
  const pending = [...refsOf(paths), ...settings.schemas.map((name) => `#/components/schemas/${name}`)];
  const seen = new Set();
  while (pending.length > 0) {
    const ref = pending.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , kind, name, ...rest] = ref.split('/');
    if (rest.length > 0 || kind === undefined || name === undefined)
      throw new Error(`${provider}: unsupported $ref ${ref}`);
    const source = full.components?.[kind]?.[name];
    if (source === undefined) throw new Error(`${provider}: ${ref} is not in ${settings.file}`);
    components[kind] ??= {};
    if (settings.stubOthers && kind === 'schemas' && !keep.has(name)) {
      components[kind][name] = { type: 'object', 'x-subset-stub': true };
      continue;
    }
    const value = strip(source);
    components[kind][name] = value;
    pending.push(...refsOf(value));
  }
  for (const kind of Object.keys(components)) {
    components[kind] = Object.fromEntries(
      Object.entries(components[kind]).sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  const subset = {
    openapi: full.openapi,
    info: {
      title: full.info.title,
      version: full.info.version,
      'x-subset-of': { ...settings.source, file: settings.file },
      'x-subset-note':
        'Cut by specs/scripts/cut-subsets.mjs: only the listed paths and schemas with every component they reference; descriptions, examples and vendor extensions removed' +
        (settings.stubOthers ? '; schemas outside the list are stubs carrying x-subset-stub.' : '.'),
    },
    ...(full.jsonSchemaDialect ? { jsonSchemaDialect: full.jsonSchemaDialect } : {}),
    paths,
    components,
  };
  const target = join(root, 'openapi', `${provider}.openapi.json`);
  writeFileSync(target, `${JSON.stringify(subset, null, 2)}\n`);
  console.log(
    `${provider}: ${Object.keys(paths).length} paths, ${Object.keys(components.schemas ?? {}).length} schemas -> ${target}`,
  );
}

for (const [provider, settings] of Object.entries(config)) cut(provider, settings);
