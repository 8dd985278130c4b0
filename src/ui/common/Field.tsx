import type { AllHTMLAttributes, ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect } from 'preact/hooks';

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export type FieldProps = Omit<AllHTMLAttributes<Control>, 'label'> & {
  id: string;
  label: ComponentChildren;
  as?: 'input' | 'textarea' | 'select';
  /** Called with the new value on every input (a select fires input too). */
  onValue?: (value: string) => void;
};

/**
 * A label and its control. Most fields hold keys, IDs, paths or code, so spelling and autofill
 * suggestions are off by default.
 */
export function Field({ label, as = 'input', onValue, ...props }: FieldProps) {
  const Tag = as as 'input';
  // Browsers honour autofocus only while the page loads (or a dialog opens): a field that appears
  // later, like the rename form's, stays unfocused and keyboard users are left on the button.
  useEffect(() => {
    if (props.autoFocus) document.getElementById(props.id)?.focus();
  }, []);
  return (
    <>
      <label for={props.id}>{label}</label>
      <Tag
        spellcheck={false}
        autocomplete="off"
        {...(props as InputHTMLAttributes)}
        onInput={onValue && ((e) => onValue(e.currentTarget.value))}
      />
    </>
  );
}

/** A section's status (always present: a live region) and its alert when there is one. */
export function Messages({ status, error }: { status?: string; error?: string | undefined }) {
  return (
    <div class="messages">
      <p role="status">{status}</p>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

/** One panel of the page: a section named by its heading, with an optional hint under it. */
export function Panel(props: {
  id: string;
  title: ComponentChildren;
  hint?: string;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={props.id} class={props.class}>
      <h2 id={props.id}>{props.title}</h2>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.children}
    </section>
  );
}
