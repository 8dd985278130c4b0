import { describe, expect, it, vi } from 'vitest';
import { KalshiAnswerError, KeyFormatError, RequestFormatError } from '../../src/core';
import { StorageError } from '../../src/storage/errors';
import { ClipboardError, storageModeMessage, userMessage } from '../../src/ui/common/messages';

describe('userMessage', () => {
  it('passes the core messages through unchanged', () => {
    const key = new KeyFormatError('public-key', 'This is a public key. Paste the private key.');
    const request = new RequestFormatError('empty-path', 'Enter the path.');
    expect(userMessage(key)).toBe(key.message);
    expect(userMessage(request)).toBe(request.message);
    const answer = new KalshiAnswerError('conflict', 'Kalshi cannot do this yet: wait.', 409);
    expect(userMessage(answer)).toBe(answer.message);
  });

  it.each([
    ['QuotaExceededError', /no storage space left/],
    ['NotAllowedError', /did not allow/],
    ['OperationError', /could not do the RSA operation/],
    ['DataCloneError', /normal \(not private\) window/],
    ['SecurityError', /normal \(not private\) window/],
  ])('turns a %s DOMException into advice, never its raw text', (name, advice) => {
    const text = userMessage(new DOMException('raw browser text', name));
    expect(text).toMatch(advice);
    expect(text).not.toContain('raw browser text');
  });

  it.each([
    [new StorageError('not-found', 'raw'), /deleted in another tab/],
    [new StorageError('quota', 'raw'), /no storage space left.*Nothing stored was changed/],
    [new ClipboardError(), /Ctrl\+C/],
  ])('explains %s', (error, advice) => {
    expect(userMessage(error)).toMatch(advice);
    expect(userMessage(error)).not.toContain('raw');
  });

  it('hides an unexpected error behind advice, and logs it for developers', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(userMessage(new Error('x is undefined'))).toMatch(/Reload the page/);
    expect(userMessage(new Error('x is undefined'))).not.toContain('x is undefined');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('storageModeMessage', () => {
  it('says nothing while keys are in IndexedDB', () => {
    expect(storageModeMessage({ kind: 'indexeddb' })).toBe('');
  });
  it.each(['no-indexeddb', 'clone-refused', 'blocked', 'quota', 'failed'] as const)(
    'names the reason (%s) when keys are kept in memory',
    (reason) => {
      expect(storageModeMessage({ kind: 'memory', reason })).toMatch(
        /^Keys are kept in memory for this session only: .+\. They are gone when you close this tab/,
      );
    },
  );
});
