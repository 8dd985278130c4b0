// Writing to the clipboard, and the error for a browser that will not. Apart from use-action.ts
// so that messages.ts, which use-action.ts loads on the first failure, can word the error without
// importing use-action.ts back.

/** The browser refused the clipboard (no permission, no secure context, or no Clipboard API). */
export class ClipboardError extends Error {
  override name = 'ClipboardError';
  readonly code = 'clipboard-refused';
}

/**
 * Writes `text` to the clipboard.
 * @throws ClipboardError when the browser refuses or has no Clipboard API.
 */
export async function copyText(text: string): Promise<void> {
  try {
    // navigator.clipboard is missing outside secure contexts and in some embedded views: the
    // TypeError that makes lands here too.
    await navigator.clipboard.writeText(text);
  } catch (cause) {
    throw new ClipboardError('Clipboard write refused', { cause });
  }
}
