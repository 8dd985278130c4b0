import { describe, expect, it } from 'vitest';
import {
  MIN_PASSPHRASE_LENGTH,
  passphraseProblem,
  suggestPassphrase,
  SUGGESTED_PASSPHRASE_BITS,
} from '../../src/core/passphrase';

describe('suggestPassphrase', () => {
  it('gives five groups of five letters and digits, at least 100 bits, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = suggestPassphrase();
      expect(p).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){4}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(SUGGESTED_PASSPHRASE_BITS).toBeGreaterThanOrEqual(100);
  });

  it('uses every character of its alphabet about equally', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++)
      for (const c of suggestPassphrase().replace(/-/g, ''))
        counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 10,000 draws over 32 characters: about 312 each.
    for (const n of counts.values()) expect(n).toBeGreaterThan(200);
  });
});

describe('passphraseProblem', () => {
  it.each([
    ['a', 'a', /has 1 character: use at least 12/],
    ['elevenchars', 'elevenchars', /has 11 characters: use at least 12/],
    ['twelve chars', 'twelve charz', /differ/],
    ['twelve chars', 'twelve chars', /^$/],
  ])('%j / %j', (passphrase, repeat, problem) => {
    expect(passphraseProblem(passphrase, repeat)).toMatch(problem);
    expect(MIN_PASSPHRASE_LENGTH).toBe(12);
  });
});
