// The page-wide guard against private key text in the wrong field and key files dropped outside
// the import box (App.tsx installs it at the first render).
import { looksLikePrivateKey } from '../../core/private-key-text';
import { PRIVATE_KEY_HERE } from '../common/private-key-here';
import { loadToImportBox } from './lazy';

/**
 * Guards the whole page against two slips. Private key text pasted or dropped into any field but
 * the import box would be stored, shown or sent in clear (a path, body, name, ID or relay URL): it
 * is refused there, with the reason on the field. A key file dropped outside the import box would
 * make the browser open it, showing the key in the tab and unloading the page (with memory-only
 * keys, losing them): it goes to the import box instead.
 */
export function installPageGuard(): () => void {
  const onText = (event: ClipboardEvent | DragEvent) => {
    const field = event.target as HTMLInputElement;
    const data = (event as ClipboardEvent).clipboardData ?? (event as DragEvent).dataTransfer;
    // The import box, and "Kalshi's answer", which imports a generate answer's key at once.
    if (
      field.id === 'import-pem' ||
      field.hasAttribute?.('data-key-answer') ||
      !looksLikePrivateKey(data?.getData('text/plain') ?? '')
    )
      return;
    event.preventDefault();
    if (!field.setCustomValidity) return;
    const clear = () => field.setCustomValidity('');
    field.setCustomValidity(PRIVATE_KEY_HERE);
    field.reportValidity();
    field.addEventListener('input', clear, { once: true });
    field.addEventListener('blur', clear, { once: true });
  };
  const fileDrag = (event: DragEvent) =>
    event.dataTransfer?.types.includes('Files') &&
    (event.target as HTMLInputElement).type !== 'file' &&
    !event.defaultPrevented;
  const onDragOver = (event: DragEvent) => fileDrag(event) && event.preventDefault();
  const onDrop = (event: DragEvent) => {
    if (!fileDrag(event)) return onText(event);
    event.preventDefault();
    // Read now: once the event is over, its dataTransfer holds no files.
    const files = event.dataTransfer!.files;
    void loadToImportBox().then((toImportBox) => toImportBox(files));
  };
  const listeners = { paste: onText, dragover: onDragOver, drop: onDrop } as const;
  for (const [type, listener] of Object.entries(listeners))
    document.addEventListener(type, listener as EventListener);
  return () => {
    for (const [type, listener] of Object.entries(listeners))
      document.removeEventListener(type, listener as EventListener);
  };
}
