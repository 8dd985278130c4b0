// One read-only output with its copy button. On a refused clipboard the text is selected so the
// user can press Ctrl+C (the message from messages.ts says so).
import { useRef } from 'preact/hooks';
import { ClipboardError, copyText } from './clipboard';

export interface SignOutputFieldProps {
  id: string;
  label: string;
  value: string;
  multiline?: boolean;
  rows?: number;
  /** The text to copy; by default the shown value. May sign afresh first; null cancels the copy. */
  textToCopy?: () => Promise<string | null>;
  /** Enabled even with an empty value (when textToCopy produces the text). */
  copyAlways?: boolean;
  copiedStatus?: string;
  onStatus: (text: string) => void;
  onError: (error: unknown) => void;
}

export function SignOutputField(props: SignOutputFieldProps) {
  const { id, label, value, multiline, rows = 3 } = props;
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  async function copy() {
    try {
      const text = props.textToCopy ? await props.textToCopy() : value;
      if (text === null) return;
      await copyText(text);
      props.onStatus(props.copiedStatus ?? `Copied ${label}`);
    } catch (error) {
      if (error instanceof ClipboardError) ref.current?.select();
      props.onError(error);
    }
  }

  const shared = { id, ref, readOnly: true, value, class: 'mono', spellcheck: false };
  return (
    <div class="output-field">
      <label for={id}>{label}</label>
      <div class="output-row">
        {multiline ? <textarea {...shared} rows={rows} /> : <input type="text" {...shared} />}
        <button
          type="button"
          disabled={!props.copyAlways && value === ''}
          onClick={() => void copy()}
        >
          Copy {label}
        </button>
      </div>
    </div>
  );
}
