// A modal question before something that cannot be undone on Kalshi: named by its heading,
// "Cancel" first (focused), the action second. Escape cancels (showModal gives that).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export function ConfirmDialog(props: {
  open: boolean;
  id: string;
  heading: ComponentChildren;
  children: ComponentChildren;
  confirm: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current!;
    if (!props.open) element.close?.();
    else if (!element.open) element.showModal();
  }, [props.open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={props.id}
      // A late close event (closed, then opened again) is not a cancel.
      onClose={() => props.open && !dialog.current?.open && props.onCancel()}
    >
      {props.open && (
        <>
          <h2 id={props.id}>{props.heading}</h2>
          <p>{props.children}</p>
          <div class="actions">
            <button type="button" autoFocus onClick={props.onCancel}>
              Cancel
            </button>
            <button type="button" class="danger" onClick={props.onConfirm}>
              {props.confirm}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
