import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readApiGroups } from './api-table.js';
import { exportedNames } from './export-names.js';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

const groups = readApiGroups(read('../../../packages/core/README.md'));
const mainExports = exportedNames(read('../../../packages/core/src/index.ts'));
const testingExports = exportedNames(read('../../../packages/core/src/testing/index.ts'));

const isTesting = (heading: string): boolean => heading.startsWith('Testing');
const documented = (testing: boolean): string[] =>
  groups.filter((group) => isTesting(group.heading) === testing).flatMap((group) => group.names);

describe('packages/core/README.md API tables', () => {
  it('have the groups the README promises', () => {
    expect(groups.map((group) => group.heading)).toEqual([
      'Client',
      'Tokens and environments',
      'Errors and the error catalog',
      'Auth support',
      'Webhooks',
      'Item health',
      'Payment outcomes and ACH returns',
      'Retry, redaction, logging and adapter plumbing',
      'Testing (`@achbridge/core/testing`)',
    ]);
  });

  it('document every export of src/index.ts exactly once, and nothing it does not export', () => {
    const names = documented(false);
    expect(names.length).toBe(new Set(names).size);
    expect([...names].sort()).toEqual(mainExports);
  });

  it('document every export of src/testing/index.ts exactly once, and nothing it does not export', () => {
    const names = documented(true);
    expect(names.length).toBe(new Set(names).size);
    expect([...names].sort()).toEqual(testingExports);
  });
});
