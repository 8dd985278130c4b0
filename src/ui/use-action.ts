import { useState } from 'preact/hooks';
import { userMessage } from './messages';

/**
 * The busy flag, status and alert text of one user action (minting, importing). `run` starts the
 * action unless one is under way; what it resolves to becomes the status, and what it throws
 * becomes the alert through messages.ts, so every panel reports the same way.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const run = async (action: () => Promise<string>) => {
    if (busy) return;
    setBusy(true);
    setStatus('');
    setError('');
    try {
      setStatus(await action());
    } catch (caught) {
      setError(userMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, error, run, setStatus, setError };
}
