import { useState } from 'preact/hooks';
import { loadUserMessage } from '../shell/lazy';
import { copyText } from './clipboard';

/**
 * The alert text for `error` (messages.ts). Failures are rare, so their words are not in the first
 * load: they come with the first one.
 */
export const explainError = (error: unknown): Promise<string> =>
  loadUserMessage().then(
    (userMessage) => userMessage(error),
    () => 'Something went wrong, and its explanation could not load: reload the page.',
  );

/**
 * The busy flag, status and alert text of one user action (minting, importing, copying). `run`
 * starts the action unless one is under way; what it resolves to becomes the status, and what it
 * throws becomes the alert through messages.ts, so every panel reports the same way. `report`
 * shows a status (or, with a second argument, an alert) and clears the other.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [[status, error], setMessages] = useState(['', '']);
  const report = (status: string, error = '') => setMessages([status, error]);
  const run = async (action: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    report('');
    try {
      report(await action());
    } catch (caught) {
      report('', await explainError(caught));
    } finally {
      setBusy(false);
    }
  };
  /** Copies `value`; when the browser refuses, selects `fallback` so Ctrl+C works at once. */
  const copy = (
    value: string,
    fallback?: HTMLTextAreaElement | HTMLInputElement | null,
    done = 'Copied',
  ) =>
    run(() =>
      copyText(value).then(
        () => done,
        (error: unknown) => {
          fallback?.focus();
          fallback?.select();
          throw error;
        },
      ),
    );
  return { busy, status, error, run, report, copy };
}
