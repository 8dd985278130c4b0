// The page's own errors carry a stable code like the core and storage ones, and read the same.
import { describe, expect, it } from 'vitest';
import { KeyLoadingError, PRIVATE_KEY_HERE, userMessage } from '../../src/ui/common/messages';
import { ClipboardError } from '../../src/ui/common/clipboard';
import { PrivateKeyTextError } from '../../src/storage/new-record';

describe("the page's own errors", () => {
  it.each([
    [new ClipboardError(), 'clipboard-refused', 'ClipboardError', /did not allow copying.*Ctrl\+C/],
    [new KeyLoadingError(), 'key-loading', 'KeyLoadingError', /still loading from storage/],
    [new PrivateKeyTextError(), 'private-key-text', 'PrivateKeyTextError', PRIVATE_KEY_HERE],
  ])('%s has code %s and its own name, and reads as before', (error, code, name, words) => {
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
    expect(userMessage(error)).toMatch(words);
  });
});
