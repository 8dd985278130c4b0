// A key file dropped outside the import box goes to it (page-guard.ts refuses the drop at once and
// loads this with the first one).
import { navigate, routeHref } from './router';

/**
 * Puts `files` into "Choose a key file…" of the import view. A file dropped before that view is there waits
 * for it rather than being lost.
 */
export function toImportBox(files: FileList): void {
  // The import box is in its own view: a file dropped on another one opens it there.
  if (!document.getElementById('import-file')) navigate(routeHref('import'));
  void whenElement<HTMLInputElement>('import-file').then((input) => {
    input.files = files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    // After the view's own effects, which focus its heading when it has just been opened.
    requestAnimationFrame(() => setTimeout(() => document.getElementById('import-pem')?.focus()));
  });
}

/** The element with this id, as soon as it is in the document (never settles if it never is). */
function whenElement<T extends HTMLElement>(id: string): Promise<T> {
  return new Promise((resolve) => {
    const found = () => document.getElementById(id) as T | null;
    const now = found();
    if (now) return resolve(now);
    const observer = new MutationObserver(() => {
      const element = found();
      if (!element) return;
      observer.disconnect();
      resolve(element);
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}
