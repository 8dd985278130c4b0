import { useEffect, useRef, useState } from 'preact/hooks';
import { copyText } from './clipboard';
import { text, userMessage } from './messages';

export interface CopyState {
  /** "Copied" for a moment after success, else ''. For a role="status" region. */
  status: string;
  /** Why copying failed, else ''. For a role="alert" region. */
  error: string;
  /** Copies `value`; when refused, selects `fallbackSelect` for a manual copy. */
  copy: (value: string, fallbackSelect?: HTMLTextAreaElement | null) => Promise<void>;
}

/** Clipboard copy with a visible "Copied" and an alert (plus the text selected) when refused. */
export function useCopy(): CopyState {
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy: CopyState['copy'] = async (value, fallbackSelect) => {
    clearTimeout(timer.current);
    setStatus('');
    setError('');
    try {
      await copyText(value);
      setStatus(text.copied);
      timer.current = setTimeout(() => setStatus(''), 4000);
    } catch (caught) {
      // Selecting the text lets the user copy it by hand right away.
      fallbackSelect?.focus();
      fallbackSelect?.select();
      setError(userMessage(caught));
    }
  };
  return { status, error, copy };
}
