// One read-only output with its copy button. On a refused clipboard the text is selected so the
// user can press Ctrl+C (the message from messages.ts says so).
import { useRef } from 'preact/hooks';
import { ClipboardError, copyText } from './clipboard';

export interface SignOutputFieldProps {
  label: string;
  value: string;
  /** Text area rows; 0 for a one-line input. */
  rows: number;
  /** Signs afresh and gives the text to copy (null: nothing to copy); the copy button is then
   * enabled even while the field is empty. */
  fresh?: (() => Promise<string | null>) | undefined;
  onStatus: (text: string) => void;
  onError: (error: unknown) => void;
}

export function SignOutputField({
  label,
  value,
  rows,
  fresh,
  onStatus,
  onError,
}: SignOutputFieldProps) {
  const id = `out-${label.replace(/\W/g, '')}`;
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  async function copy() {
    try {
      const text = fresh ? await fresh() : value;
      if (text === null) return;
      await copyText(text);
      onStatus(fresh ? 'Copied, signed just now' : `Copied ${label}`);
    } catch (error) {
      if (error instanceof ClipboardError) ref.current?.select();
      onError(error);
    }
  }

  const shared = { id, ref, readOnly: true, value, class: 'mono', spellcheck: false };
  return (
    <div class="output-field">
      <label for={id}>{label}</label>
      <div class="output-row">
        {rows ? <textarea {...shared} rows={rows} /> : <input {...shared} />}
        <button type="button" disabled={!fresh && !value} onClick={() => void copy()}>
          Copy {label}
        </button>
      </div>
    </div>
  );
}
