// The confirmation before "Delete on Kalshi": names the key, and the stored key that will retire.
import { useEffect, useRef } from 'preact/hooks';
import type { ListedApiKey } from '../../core/lifecycle';
import type { KeyRecord } from '../../storage/types';

export function KalshiDeleteDialog({
  listed,
  stored,
  onCancel,
  onConfirm,
}: {
  listed: ListedApiKey | null;
  stored: KeyRecord[];
  onCancel: () => void;
  onConfirm: (listed: ListedApiKey) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current!;
    if (!listed) element.close?.();
    else if (!element.open) element.showModal();
  }, [listed]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="kalshi-delete-heading"
      // A late close event (the dialog was closed, then opened again) is not a cancel.
      onClose={() => listed && !dialog.current?.open && onCancel()}
    >
      {listed && (
        <>
          <h2 id="kalshi-delete-heading">Delete “{listed.name}” on Kalshi?</h2>
          <p>
            Key ID <code>{listed.apiKeyId}</code> stops working at once, for every program that uses
            it. This cannot be undone.
            {stored.map((r) => ` “${r.name}” here will be marked Retired.`).join('')}
          </p>
          <div class="actions">
            <button type="button" autoFocus onClick={onCancel}>
              Cancel
            </button>
            <button type="button" class="danger" onClick={() => onConfirm(listed)}>
              Yes, delete it on Kalshi
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
