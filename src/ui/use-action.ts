import { useState } from 'preact/hooks';
import { userMessage } from './messages';

/**
 * The busy flag, status and alert text of one user action (minting, importing). `run` starts the
 * action unless one is under way; what it resolves to becomes the status, and what it throws
 * becomes the alert through messages.ts, so every panel reports the same way. `report` shows a
 * status (or, with a second argument, an alert) and clears the other.
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
      report('', userMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, error, run, report };
}
