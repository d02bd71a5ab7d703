import { describe, expect, it } from 'vitest';
import { extractTypeScriptBlocks } from './readme-blocks.js';

const FENCE = '```';

describe('extractTypeScriptBlocks', () => {
  it('returns each named ts block with its code and the line of its first code line', () => {
    const markdown = [
      '# Title',
      '',
      `${FENCE}sh`,
      'npm install x',
      FENCE,
      '<!-- readme-block: first -->',
      `${FENCE}ts`,
      "const a = 'x';",
      FENCE,
      'Prose.',
      '<!-- readme-block: second-one -->',
      `${FENCE}typescript`,
      'export const b = 1;',
      'export const c = 2;',
      FENCE,
      '',
    ].join('\n');
    expect(extractTypeScriptBlocks(markdown, 'X.md')).toEqual([
      { name: 'first', code: "const a = 'x';\n", firstLine: 8 },
      { name: 'second-one', code: 'export const b = 1;\nexport const c = 2;\n', firstLine: 13 },
    ]);
  });

  it('ignores ```ts inside another fence and blocks in other languages', () => {
    const markdown = [`${FENCE}md`, `${FENCE}ts`, FENCE, `${FENCE}js`, 'let x = 1;', FENCE].join('\n');
    expect(extractTypeScriptBlocks(markdown, 'X.md')).toEqual([]);
  });

  it('refuses a ts block without a marker, naming the file and line', () => {
    expect(() => extractTypeScriptBlocks(['Text', `${FENCE}ts`, 'x;', FENCE].join('\n'), 'X.md')).toThrow(
      /^X\.md:2: ts block without a name/,
    );
  });

  it('refuses a marker separated from its block, one before a non-ts block, one at the end, and a duplicate', () => {
    const apart = ['<!-- readme-block: a -->', '', `${FENCE}ts`, 'x;', FENCE].join('\n');
    expect(() => extractTypeScriptBlocks(apart, 'X.md')).toThrow(
      /X\.md:1: marker 'a' must be the line right before/,
    );
    const shell = ['<!-- readme-block: a -->', `${FENCE}sh`, 'ls', FENCE].join('\n');
    expect(() => extractTypeScriptBlocks(shell, 'X.md')).toThrow(/names a 'sh' block, not ts/);
    expect(() => extractTypeScriptBlocks('<!-- readme-block: a -->', 'X.md')).toThrow(/names no ts block/);
    const twice = [
      '<!-- readme-block: a -->',
      `${FENCE}ts`,
      'x;',
      FENCE,
      '<!-- readme-block: a -->',
      `${FENCE}ts`,
      'y;',
      FENCE,
    ];
    expect(() => extractTypeScriptBlocks(twice.join('\n'), 'X.md')).toThrow(
      /X\.md:5: block name 'a' is used twice/,
    );
  });

  it('refuses an unclosed block', () => {
    expect(() =>
      extractTypeScriptBlocks(['<!-- readme-block: a -->', `${FENCE}ts`, 'x;'].join('\n'), 'X.md'),
    ).toThrow(/X\.md:2: code block is never closed/);
  });
});
