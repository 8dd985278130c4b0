import { useEffect, useRef, useState } from 'preact/hooks';
import type { EnvironmentId, KeyRecord } from '../storage/types';

// Made on first use, not at start-up: building an Intl formatter loads locale data (~20 ms on a
// slow machine), which a page without keys never needs and a page with keys needs after its first paint.
let dateFormat: Intl.DateTimeFormat | undefined;
const formatDate = (ms: number) =>
  (dateFormat ??= new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  })).format(ms);

export function KeyListItem({
  record,
  selected,
  onSelect,
  onRename,
  onEnvironment,
  onAskDelete,
}: {
  record: KeyRecord;
  selected: boolean;
  onSelect: (id: string) => void;
  onRename: (id: string, name: string) => Promise<void>;
  onEnvironment: (id: string, environment: EnvironmentId) => Promise<void>;
  onAskDelete: (record: KeyRecord) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  // Keyboard users land back on "Rename" when the inline form closes, not at the top of the page.
  useEffect(() => {
    if (wasRenaming.current && !renaming) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);
  const [draft, setDraft] = useState(record.name);
  const quoted = `“${record.name}”`;
  const inputId = `rename-${record.id}`;

  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft.trim()) return;
    await onRename(record.id, draft);
    setRenaming(false);
  };

  return (
    <li class={selected ? 'key selected' : 'key'} aria-current={selected ? 'true' : undefined}>
      {renaming ? (
        <form class="rename" onSubmit={save}>
          <label for={inputId}>New name for {quoted}</label>
          <input
            id={inputId}
            type="text"
            value={draft}
            required
            autoFocus
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Escape' && setRenaming(false)}
          />
          <button type="submit">Save name</button>
          <button type="button" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <p class="key-name">
          <strong>{record.name}</strong>
          {selected && <span class="badge"> (selected)</span>}
        </p>
      )}
      <dl>
        <dt>Fingerprint</dt>
        <dd class="mono">{record.fingerprint}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={new Date(record.createdAt).toISOString()}>
            {formatDate(record.createdAt)}
          </time>
        </dd>
        <dt>Kalshi key ID</dt>
        <dd class="mono">{record.kalshiKeyId || 'not set'}</dd>
        <dt>
          <label for={`env-${record.id}`}>Used on</label>
        </dt>
        <dd>
          {/* Not named "Environment": that name belongs to the Sign form's combobox. */}
          <select
            id={`env-${record.id}`}
            aria-label={`Used on (${record.name})`}
            value={record.environment}
            onChange={(e) => void onEnvironment(record.id, e.currentTarget.value as EnvironmentId)}
          >
            <option value="demo">Demo</option>
            <option value="production">Production</option>
          </select>
        </dd>
      </dl>
      <div class="actions">
        <button
          type="button"
          aria-pressed={selected ? 'true' : 'false'}
          aria-label={`Select ${quoted}`}
          onClick={() => onSelect(record.id)}
        >
          Select
        </button>
        <button
          type="button"
          ref={renameButton}
          aria-label={`Rename ${quoted}`}
          onClick={() => {
            setDraft(record.name);
            setRenaming(true);
          }}
        >
          Rename
        </button>
        <button
          type="button"
          class="danger"
          aria-label={`Delete ${quoted}`}
          onClick={() => onAskDelete(record)}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
