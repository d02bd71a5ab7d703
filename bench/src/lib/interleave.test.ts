import { describe, expect, it } from 'vitest';
import { rotationForRound } from './interleave.js';

describe('rotationForRound', () => {
  it('rotates A B C per round and wraps around', () => {
    const variants = ['A', 'B', 'C'];
    expect([0, 1, 2, 3].map((round) => rotationForRound(variants, round).join(' '))).toEqual([
      'A B C',
      'B C A',
      'C A B',
      'A B C',
    ]);
  });

  it('puts every variant in every position equally often over a full cycle', () => {
    const variants = ['A', 'B', 'C'];
    const firsts = [0, 1, 2].map((round) => rotationForRound(variants, round)[0]);
    expect(new Set(firsts)).toEqual(new Set(variants));
  });

  it('rejects an empty list and a negative round', () => {
    expect(() => rotationForRound([], 0)).toThrow(/at least one variant/);
    expect(() => rotationForRound(['A'], -1)).toThrow();
  });
});
