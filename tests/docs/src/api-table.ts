/** The exports one `###` group of a README's API section documents, in table order. */
export interface ApiGroup {
  /** The group's heading, e.g. `Client` or `Testing (@achbridge/core/testing)`. */
  heading: string;
  /** The identifier at the start of each row's first cell, e.g. `createPlaidClient` for `createPlaidClient(settings?)`. */
  names: string[];
}

const IDENTIFIER = /^`([A-Za-z_$][\w$]*)/;

/** Splits a table row on the pipes that are not escaped (`\|` stays inside a cell). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/**
 * Reads the tables under `## API`, one group per `###` heading. A row's first cell must start with a
 * backticked identifier (the header row and the `---` separator are skipped); anything else throws with the
 * line, so a malformed row cannot hide an undocumented export.
 */
export function readApiGroups(markdown: string): ApiGroup[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === '## API');
  if (start === -1) throw new Error('no `## API` section');
  const groups: ApiGroup[] = [];
  let current: ApiGroup | undefined;
  let headerSeen = false;
  for (let index = start + 1; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (/^## /.test(line)) break;
    if (line.startsWith('### ')) {
      current = { heading: line.slice(4).trim(), names: [] };
      groups.push(current);
      headerSeen = false;
      continue;
    }
    if (!line.startsWith('|')) {
      headerSeen = false;
      continue;
    }
    if (!current) throw new Error(`line ${index + 1}: API table before any ### group`);
    const first = cells(line)[0] ?? '';
    if (/^:?-+:?$/.test(first)) continue;
    if (!headerSeen) {
      headerSeen = true;
      continue;
    }
    const identifier = IDENTIFIER.exec(first);
    if (!identifier) throw new Error(`line ${index + 1}: first cell does not start with a backticked name`);
    current.names.push(identifier[1] as string);
  }
  return groups;
}
