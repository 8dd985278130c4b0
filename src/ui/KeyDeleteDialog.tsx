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
  // showModal gives focus trapping and Escape (which closes it: onClose).
  useEffect(() => {
    const element = dialog.current!;
    if (!record) element.close();
    else if (!element.open) element.showModal();
  }, [record]);

  return (
    <dialog ref={dialog} aria-labelledby="delete-heading" onClose={() => record && onCancel()}>
      {record && (
        <>
          <h2 id="delete-heading">Delete key “{record.name}”?</h2>
          <p>
            This removes the private key from this browser and cannot be undone. Kalshi keeps the
            public key until you delete it there too.
          </p>
          <div class="actions">
            <button type="button" autoFocus onClick={onCancel}>
              Cancel
            </button>
            <button type="button" class="danger" onClick={() => onConfirm(record.id)}>
              Delete key
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
