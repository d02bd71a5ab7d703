import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** One test a README row names: the file (from the repository root) and the test's title as written in it. */
interface NamedTest {
  file: string;
  title: string;
}

/** The rows of a README's "Real-bank behaviour" table, each with the tests its last cell names. */
function realBankRows(readme: string, packageDir: string): Array<{ behaviour: string; tests: NamedTest[] }> {
  const text = read(readme);
  const start = text.indexOf('\n## Real-bank behaviour\n');
  if (start < 0) return [];
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));
  return rows.slice(1).map((line) => {
    const cells = line.split(' | ');
    const behaviour = (cells[0] ?? '').replace(/^\| /, '');
    const last = (cells.at(-1) ?? '').replace(/ \|$/, '');
    const tests: NamedTest[] = [];
    for (const group of last.split(/; /)) {
      const file = /`([^`]+\.test\.ts)`/.exec(group)?.[1];
      if (file === undefined) continue;
      const path = file.startsWith('src/') ? `${packageDir}/${file}` : file;
      for (const match of group.matchAll(/"([^"]+)"/g)) tests.push({ file: path, title: match[1] as string });
    }
    return { behaviour, tests };
  });
}

describe.each([
  ['packages/stripe/README.md', 'packages/stripe'],
  ['packages/dwolla/README.md', 'packages/dwolla'],
])('%s real-bank table', (readme, packageDir) => {
  const rows = realBankRows(readme, packageDir);

  it('has rows, and every row names at least one test by file and title', () => {
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row.tests.length, row.behaviour).toBeGreaterThan(0);
  });

  it('names tests that exist, with the titles written in those files', () => {
    for (const row of rows) {
      for (const test of row.tests) {
        expect(existsSync(new URL(test.file, root)), `${row.behaviour}: ${test.file}`).toBe(true);
        expect(read(test.file), `${row.behaviour}: ${test.file} has no test "${test.title}"`).toContain(
          test.title,
        );
      }
    }
  });
});
