import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { Messages, Panel } from '../common/Field';
import { KeyListItem, SelectedKeyItem } from './KeyListItem';
import { userMessage } from '../common/messages';
import { KEYS_LISTED_MARK, useStartUpMark } from '../shell/start-up-marks';

/** "Stored keys": every key in this browser; the selected one can be renamed, moved or deleted. */
export function KeyList({
  store,
  keys,
  loaded,
  selectedId,
  onSelect,
  notes = {},
  onRotate,
}: {
  store: KeyStore;
  keys: KeyRecord[];
  loaded: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** A line under a key, by key id: what Kalshi's list says about it (lifecycle panel). */
  notes?: Record<string, string>;
  /** "Rotate key" on the selected key, which must have a Kalshi key ID. */
  onRotate?: (id: string) => void;
}) {
  const [deleting, setDeleting] = useState<KeyRecord | null>(null);
  const [error, setError] = useState('');
  useStartUpMark(KEYS_LISTED_MARK, loaded);
  // The selected key vanishing without a delete here means another tab deleted it: the page then
  // selects another key, so say which, before anything is signed with a key the user didn't pick.
  const [gone, setGone] = useState('');
  const shown = useRef<KeyRecord>(undefined);
  const deletedHere = useRef('');
  useEffect(() => {
    const was = shown.current;
    const now = (shown.current = keys.find((key) => key.id === selectedId));
    if (was && was.id !== now?.id) {
      setGone(
        keys.some((key) => key.id === was.id) || was.id === deletedHere.current
          ? ''
          : `“${was.name}” was deleted in another tab.${now ? ` “${now.name}” is selected now.` : ''}`,
      );
    }
  }, [keys, selectedId]);
  // Selecting rebuilds the row (SelectedKeyItem replaces KeyListItem) and a delete removes it, and
  // either drops keyboard focus to the page's start: it goes to the selected key's "Select" button
  // instead, once the list has changed, and only if nothing else has taken focus meanwhile.
  const list = useRef<HTMLUListElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    if (document.activeElement && document.activeElement !== document.body) return;
    list.current?.querySelector<HTMLElement>('[aria-current="true"] [aria-pressed]')?.focus();
  }, [keys, selectedId]);
  const select = (id: string) => {
    refocus.current = true;
    onSelect(id);
  };
  // Every list action reports through one alert and never leaves a half-applied change on screen.
  const guard = async (action: Promise<unknown>) => {
    setError('');
    await action.catch((caught) => setError(userMessage(caught)));
  };

  return (
    <Panel id="keys-heading" title="Stored keys">
      {loaded && !keys.length && (
        <p class="hint">No keys yet. Generate one above, or import a key file below.</p>
      )}
      <ul aria-label="Stored keys" class="key-list" ref={list}>
        {keys.map((key) =>
          key.id === selectedId ? (
            <SelectedKeyItem
              key={key.id}
              record={key}
              note={notes[key.id]}
              onSelect={select}
              onRotate={onRotate && (() => onRotate(key.id))}
              onRename={(name) => guard(store.rename(key.id, name))}
              onEnvironment={(environment) => guard(store.setEnvironment(key.id, environment))}
              onAskDelete={() => setDeleting(key)}
            />
          ) : (
            <KeyListItem key={key.id} record={key} note={notes[key.id]} onSelect={select} />
          ),
        )}
      </ul>
      <Messages error={error || gone} />
      <KeyDeleteDialog
        record={deleting}
        onCancel={() => setDeleting(null)}
        onConfirm={(id) => {
          setDeleting(null);
          deletedHere.current = id;
          refocus.current = true;
          void guard(store.remove(id));
        }}
      />
    </Panel>
  );
}

/** A modal confirmation that names the key; Escape and "Cancel" keep it. */
function KeyDeleteDialog({
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
