/** The browser refused the clipboard (no permission, no secure context, or no Clipboard API). */
export class ClipboardError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('Clipboard write refused', options);
    this.name = 'ClipboardError';
  }
}

/**
 * Writes `text` to the clipboard.
 * @throws ClipboardError when the browser refuses or has no Clipboard API.
 */
export async function copyText(text: string): Promise<void> {
  // navigator.clipboard is missing outside secure contexts and in some embedded views.
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (!clipboard?.writeText) throw new ClipboardError();
  try {
    await clipboard.writeText(text);
  } catch (cause) {
    throw new ClipboardError({ cause });
  }
}
