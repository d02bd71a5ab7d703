import { describe, expect, it } from 'vitest';
import { exportedNames } from './export-names.js';

describe('exportedNames', () => {
  it('reads value and type re-exports, renames and local declarations', () => {
    const source = [
      "export type { LinkResult, ProcessorAdapter } from './adapter.js';",
      'export {',
      '  AchBridgeError,',
      '  type AchBridgeErrorOptions,',
      '  inner as renamed,',
      "} from './errors.js';",
      'export function createThing(): void {}',
      'export const LIMIT = 1;',
      'export interface Shape {}',
      'export type Alias = string;',
      'const hidden = 2;',
    ].join('\n');
    expect(exportedNames(source)).toEqual([
      'AchBridgeError',
      'AchBridgeErrorOptions',
      'Alias',
      'LIMIT',
      'LinkResult',
      'ProcessorAdapter',
      'Shape',
      'createThing',
      'renamed',
    ]);
  });

  it('refuses export *, which would hide names', () => {
    expect(() => exportedNames("export * from './errors.js';")).toThrow(/export \*/);
  });
});
