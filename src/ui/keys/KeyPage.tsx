// A key's page: everything about one key, in the order it is needed: its public key, its life on
// Kalshi (from the kalshi view, handed in by the shell), how to use it, and managing it here.
import type { ComponentChildren } from 'preact';
import type { KeyStore } from '../../storage/key-store';
import type { KeyRecord } from '../../storage/types';
import { Messages, Panel, View } from '../common/Field';
import { userMessage } from '../common/messages';
import { BotSnippets } from '../shell/lazy';
import { routeHref } from '../shell/router';
import { useState } from 'preact/hooks';
import { ENVIRONMENT_NAMES, keyAge, keyStatus } from './key-status';
import { KeyPublicPanel } from './KeyPublicPanel';
import { ManageKey } from './ManageKey';

export function KeyPage({
  record,
  saving = false,
  store,
  flash,
  onKalshi,
  onDeleted,
}: {
  record: KeyRecord | undefined;
  /** Just made and being stored: shown, but nothing can be stored on it yet. */
  saving?: boolean;
  store: KeyStore;
  /** What the action that led here did ("Generated and stored …"), shown in the notice place. */
  flash?: string | undefined;
  /** The "On Kalshi" section (register, rotate, delete there); not shown for a retired key. */
  onKalshi?: ComponentChildren;
  onDeleted: () => void;
}) {
  const [error, setError] = useState('');
  if (!record)
    return (
      <View
        id="key-heading"
        title="Key not found"
        intro="No key with this address is stored in this browser: it was deleted, perhaps in another tab."
      >
        <p>
          <a href={routeHref('home')}>Back to your keys</a>
        </p>
      </View>
    );
  const status = keyStatus(record);
  const age = keyAge(record.createdAt);
  const guard = (action: Promise<unknown>) =>
    action.then(
      () => setError(''),
      (caught: unknown) => setError(userMessage(caught)),
    );

  return (
    <View
      id="key-heading"
      title={`${record.name}${saving ? ' (saving…)' : ''}`}
      intro={
        <>
          {ENVIRONMENT_NAMES[record.environment]} ·{' '}
          <span class={`status ${status.kind}`}>{status.text}</span>
          {record.retired ? '' : ` · ${age.text}`}
          <span class="mono hint"> {record.fingerprint}</span>
        </>
      }
    >
      <Messages status={flash} error={error} />
      <KeyPublicPanel record={record} />
      {!record.retired && onKalshi}
      {!record.retired && (
        <Panel id="use-heading" title="Use it">
          <div class="actions">
            <a class="button" href={routeHref('sign', record.id)}>
              Sign a request with this key
            </a>
          </div>
          {record.backupFile ? (
            <BotSnippets record={{ ...record, backupFile: record.backupFile }} />
          ) : (
            <p class="hint">
              This key lives only in this browser, so a bot elsewhere cannot use it: for a bot,
              create a key with an encrypted backup.
            </p>
          )}
        </Panel>
      )}
      {!saving && (
        <ManageKey
          record={record}
          onRename={(name) => guard(store.rename(record.id, name))}
          onEnvironment={(environment) => guard(store.setEnvironment(record.id, environment))}
          onDelete={() => void guard(store.remove(record.id)).then(onDeleted)}
        />
      )}
    </View>
  );
}
