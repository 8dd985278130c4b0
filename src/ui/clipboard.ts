/** The browser refused the clipboard (no permission, no secure context, or no Clipboard API). */
export class ClipboardError extends Error {}

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
