import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { EnvironmentId, KeyRecord } from '../../storage/types';
import { Field } from '../common/Field';

const ENVIRONMENTS: Record<EnvironmentId, string> = { demo: 'Demo', production: 'Production' };

// Local time as 2024-05-01 14:32. Intl would first load locale data (~20 ms), before the list shows.
const localTime = (ms: number) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 6e4)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');

export interface KeyItemProps {
  record: KeyRecord;
  onSelect: (id: string) => void;
  /** What Kalshi's last list or a deletion there says about this key (the lifecycle panel's). */
  note?: string | undefined;
}

// Kalshi's 2026 guide says to rotate keys every 90 days.
const age = (createdAt: number) => {
  const days = Math.floor((Date.now() - createdAt) / 864e5);
  return `${days < 90 ? '' : 'Rotate: '}${days} day${days === 1 ? '' : 's'} old`;
};

/**
 * One stored key, without hooks and in few elements, so that a hundred render fast. The selected
 * key's controls (rename, environment, delete) come from SelectedKeyItem through `name` (the rename
 * form, while renaming) and `children`.
 */
export function KeyListItem({
  record,
  onSelect,
  note,
  name,
  children,
}: KeyItemProps & { name?: ComponentChildren; children?: ComponentChildren }) {
  const selected = !!children;
  const ageText = age(record.createdAt);
  return (
    <li aria-current={selected}>
      {name || (
        <p>
          <strong>{record.name}</strong>
          {selected && <span class="badge"> (selected)</span>}
          {record.retired && <strong class="warning"> Retired</strong>}
        </p>
      )}
      <p class="mono">{record.fingerprint}</p>
      <p>
        {`Created ${localTime(record.createdAt)} · Kalshi key ID: ${record.kalshiKeyId || 'not set'}` +
          (selected ? '' : ` · ${ENVIRONMENTS[record.environment]}`)}
      </p>
      {note && <p class="warning">{note}</p>}
      <div class="actions">
        <button
          type="button"
          aria-pressed={selected}
          aria-label={`Select “${record.name}”`}
          onClick={() => onSelect(record.id)}
        >
          Select
        </button>
        {children}
        <span class={ageText[0] == 'R' ? 'warning' : 'hint'}>{ageText}</span>
      </div>
    </li>
  );
}

/** The selected key's item, with rename, environment and delete. */
export function SelectedKeyItem({
  onRename,
  onEnvironment,
  onAskDelete,
  onRotate,
  ...item
}: KeyItemProps & {
  onRename: (name: string) => Promise<void>;
  onEnvironment: (environment: EnvironmentId) => Promise<void>;
  onAskDelete: () => void;
  onRotate?: (() => void) | undefined;
}) {
  const { record } = item;
  const quoted = `“${record.name}”`;
  // The new name while renaming, else null.
  const [draft, setDraft] = useState<string | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  // Keyboard users land back on "Rename" when the inline form closes, not at the top of the page.
  const stop = () => {
    setDraft(null);
    renameButton.current?.focus();
  };

  return (
    <KeyListItem
      {...item}
      name={
        draft !== null && (
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
            <button type="submit">Save name</button>
            <button type="button" onClick={stop}>
              Cancel
            </button>
          </form>
        )
      }
    >
      {/* Not named "Environment": that name belongs to the Sign form's combobox. */}
      <select
        aria-label={`Used on (${record.name})`}
        value={record.environment}
        onChange={(e) => void onEnvironment(e.currentTarget.value as EnvironmentId)}
      >
        {Object.entries(ENVIRONMENTS).map(([value, label]) => (
          <option value={value}>{label}</option>
        ))}
      </select>
      <button
        type="button"
        ref={renameButton}
        aria-label={`Rename ${quoted}`}
        onClick={() => setDraft(record.name)}
      >
        Rename
      </button>
      <button type="button" class="danger" aria-label={`Delete ${quoted}`} onClick={onAskDelete}>
        Delete
      </button>
      {onRotate && record.kalshiKeyId && !record.retired && (
        <button type="button" onClick={onRotate}>
          Rotate key
        </button>
      )}
    </KeyListItem>
  );
}
