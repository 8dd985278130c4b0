// "Manage" on a key's page: rename, the environment it is used on, and deleting it from this
// browser after a dialog that says whether Kalshi still lists it.
import { useRef, useState } from 'preact/hooks';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { Field, Panel } from '../common/Field';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ENVIRONMENT_NAMES } from './key-status';

export function ManageKey({
  record,
  onRename,
  onEnvironment,
  onDelete,
}: {
  record: KeyRecord;
  onRename: (name: string) => Promise<void>;
  onEnvironment: (environment: KalshiEnvironmentId) => Promise<void>;
  onDelete: () => void;
}) {
  const quoted = `“${record.name}”`;
  // The new name while renaming, else null.
  const [draft, setDraft] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  // Keyboard users land back on "Rename" when the inline form closes, not at the top of the page.
  const stop = () => {
    setDraft(null);
    renameButton.current?.focus();
  };
  const onKalshi = record.retired
    ? 'Kalshi deleted its key ID already.'
    : !record.kalshiKeyId
      ? 'Kalshi does not know this key.'
      : record.kalshiListed === false || record.kalshiNotFound
        ? 'Kalshi did not list this key the last time it was asked.'
        : `Kalshi still lists this key (${record.kalshiKeyId}): delete it on Kalshi first, or it keeps working for anyone who has the private key elsewhere.`;

  return (
    <Panel id="manage-heading" title="Manage">
      {draft !== null && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!draft.trim()) return;
            await onRename(draft);
            stop();
          }}
        >
          <Field
            id="rename-key"
            label={`New name for ${quoted}`}
            value={draft}
            required
            autoFocus
            onValue={setDraft}
            onKeyDown={(e) => e.key === 'Escape' && stop()}
          />
          <div class="actions">
            <button type="submit">Save name</button>
            <button type="button" onClick={stop}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {!record.retired && (
        <Field
          as="select"
          id="key-environment"
          label={`Used on (${record.name})`}
          value={record.environment}
          onValue={(value) => void onEnvironment(value as KalshiEnvironmentId)}
        >
          {Object.entries(ENVIRONMENT_NAMES).map(([value, label]) => (
            <option value={value}>{label}</option>
          ))}
        </Field>
      )}
      <div class="actions">
        <button
          type="button"
          ref={renameButton}
          aria-label={`Rename ${quoted}`}
          onClick={() => setDraft(record.name)}
        >
          Rename
        </button>
        <button type="button" class="danger" onClick={() => setAsking(true)}>
          Delete from this browser
        </button>
      </div>
      <ConfirmDialog
        id="delete-heading"
        open={asking}
        heading={`Delete key ${quoted}?`}
        confirm="Delete key"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          onDelete();
        }}
      >
        This removes the private key from this browser and cannot be undone. {onKalshi}
      </ConfirmDialog>
    </Panel>
  );
}
