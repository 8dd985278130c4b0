import { describe, expect, it } from 'vitest';
import { keyNameOrDefault } from '../../src/core/key-names';

const now = new Date('2026-12-07T09:30:45Z');

describe('keyNameOrDefault', () => {
  it.each([
    ['made' as const, 'Kalshi key 2026-12-07 09:30'],
    ['imported' as const, 'Imported key 2026-12-07 09:30'],
    [{ replaces: 'Old bot' }, 'Old bot (2026-12-07)'],
  ])('names a key left unnamed (%j) by where it came from and when, in UTC', (source, name) => {
    expect(keyNameOrDefault('', source, now)).toBe(name);
    expect(keyNameOrDefault('  \n', source, now)).toBe(name);
  });

  it('keeps the name typed, trimmed, whatever the key came from', () => {
    expect(keyNameOrDefault('  Trading bot ', 'imported', now)).toBe('Trading bot');
    expect(keyNameOrDefault('Trading bot', { replaces: 'Old bot' }, now)).toBe('Trading bot');
  });

  it('names a key made here or by Kalshi when no source is given, at the current time', () => {
    expect(keyNameOrDefault('')).toMatch(/^Kalshi key \d{4}-\d\d-\d\d \d\d:\d\d$/);
  });
});
