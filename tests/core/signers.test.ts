import { describe, expect, it } from 'vitest';
import { signerChoices, type SignerCandidate } from '../../src/core/signers';

const key = (id: string, patch: Partial<SignerCandidate> = {}): SignerCandidate => ({
  id,
  kalshiKeyId: `kalshi-${id}`,
  environment: 'demo',
  ...patch,
});

const ids = (choices: { key: SignerCandidate; note: string }[]) =>
  choices.map(({ key, note }) => (note ? `${key.id} ${note}` : key.id));

describe('signerChoices', () => {
  const keys = [
    key('unregistered', { kalshiKeyId: '' }),
    key('retired', { retired: true }),
    key('production', { environment: 'production' }),
    key('reader', { kalshiScopes: ['read'] }),
    key('trader', { kalshiScopes: ['read', 'write::trade'] }),
    key('unknown'),
    key('admin', { kalshiScopes: ['read', 'write'] }),
    key('lost', { kalshiScopes: ['read', 'write'], kalshiNotFound: true }),
  ];

  it('offers only keys Kalshi knows, not retired, of the same environment', () => {
    expect(ids(signerChoices(keys, { environment: 'production', managesKeys: false }))).toEqual([
      'production',
    ]);
  });

  it('for a call that manages keys, puts keys with the write scope first and marks the others', () => {
    expect(ids(signerChoices(keys, { environment: 'demo', managesKeys: true }))).toEqual([
      'admin',
      'unknown',
      'reader (read only)',
      'trader (cannot manage API keys)',
      'lost (Kalshi did not find it)',
    ]);
  });

  it('for a read call, keeps the stored order and marks only a key Kalshi did not find', () => {
    expect(ids(signerChoices(keys, { environment: 'demo', managesKeys: false }))).toEqual([
      'reader',
      'trader',
      'unknown',
      'admin',
      'lost (Kalshi did not find it)',
    ]);
  });

  it('leaves out the key being registered', () => {
    expect(
      ids(signerChoices(keys, { environment: 'demo', managesKeys: true, exclude: 'admin' }))[0],
    ).toBe('unknown');
  });
});
