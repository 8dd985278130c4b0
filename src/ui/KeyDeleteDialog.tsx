import { useEffect, useRef } from 'preact/hooks';
import type { KeyRecord } from '../storage/types';

/** A modal confirmation that names the key; Escape and "Cancel" keep it. */
export function KeyDeleteDialog({
  record,
  onCancel,
  onConfirm,
}: {
  record: KeyRecord | null;
  onCancel: () => void;
  onConfirm: (id: string) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (record && !element.open) {
      // showModal gives focus trapping and Escape; very old engines only have the attribute.
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    } else if (!record && element.open) {
      element.close?.();
      element.removeAttribute('open');
    }
  }, [record]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="delete-heading"
      onCancel={onCancel}
      onClose={() => record && onCancel()}
    >
      {record && (
        <form method="dialog" onSubmit={(e) => e.preventDefault()}>
          <h2 id="delete-heading">Delete key “{record.name}”?</h2>
          <p>
            This removes the private key from this browser and cannot be undone. Kalshi keeps the
            public key until you delete it there too (API keys in your Kalshi account settings).
          </p>
          <div class="actions">
            <button type="button" autoFocus onClick={onCancel}>
              Cancel
            </button>
            <button type="button" class="danger" onClick={() => onConfirm(record.id)}>
              Delete key
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
