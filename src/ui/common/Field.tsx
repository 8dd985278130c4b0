import type { AllHTMLAttributes, ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

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

/**
 * One view of the page: its heading (focused when the view is reached by a link, so keyboard and
 * screen-reader users start there) and the one sentence that says what the view is for.
 */
let focusPending = false;

/** The next view to render takes keyboard focus on its heading (the router calls this on a move). */
export const focusNextView = (): void => void (focusPending = true);

/**
 * After a move to a view that is already on screen (the same component, another address), its
 * heading takes the focus that its mount would have taken.
 */
export function focusShownView(): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (!focusPending || !heading) return;
  focusPending = false;
  heading.focus();
}

export function View(props: {
  id: string;
  title: ComponentChildren;
  intro: ComponentChildren;
  /** Beside the heading: the view's primary action, when it has one there. */
  aside?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusPending) return;
    focusPending = false;
    heading.current?.focus();
  }, []);
  return (
    <section aria-labelledby={props.id} class="view">
      <div class="view-head">
        <h1 id={props.id} tabIndex={-1} ref={heading}>
          {props.title}
        </h1>
        {props.aside}
      </div>
      <p class="intro">{props.intro}</p>
      {props.children}
    </section>
  );
}
