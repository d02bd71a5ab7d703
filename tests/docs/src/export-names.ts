const EXPORT_LIST = /export\s+(type\s+)?\{([^}]*)\}\s*from\s*'[^']+'/g;
const EXPORT_DECLARATION =
  /export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/g;

/**
 * The names a TypeScript entry file exports (values and types), read from its source: `export { a, type B }
 * from '…'`, `export type { C } from '…'` and `export function/const/class/interface/type D`. Renames
 * (`x as y`) count as `y`. Throws on `export *`, which the house style forbids and which would hide names.
 */
export function exportedNames(source: string): string[] {
  if (/export\s*\*/.test(source))
    throw new Error('`export *` hides the exported names; list them explicitly');
  const names = new Set<string>();
  for (const match of source.matchAll(EXPORT_LIST)) {
    for (const raw of (match[2] ?? '').split(',')) {
      const entry = raw
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*type\s+/, '')
        .trim();
      if (entry === '') continue;
      const alias = /\bas\s+([A-Za-z_$][\w$]*)$/.exec(entry);
      names.add(alias ? (alias[1] as string) : entry);
    }
  }
  for (const match of source.matchAll(EXPORT_DECLARATION)) names.add(match[1] as string);
  return [...names].sort();
}
