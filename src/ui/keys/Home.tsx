// The home: every key stored in this browser, each a link to its page, with where it stands on
// Kalshi. With no key yet, what this is and the two ways to start.
import type { ComponentChildren } from 'preact';
import type { KeyRecord } from '../../storage/types';
import { View } from '../common/Field';
import { KEYS_LISTED_MARK, USABLE_MARK, useStartUpMark } from '../shell/start-up-marks';
import { ENVIRONMENT_NAMES, keyAge, keyScopes, keyStatus } from './key-status';
import { navigate, routeHref } from '../shell/router';

export function Home({
  keys,
  loaded,
  notice,
}: {
  keys: KeyRecord[];
  loaded: boolean;
  /** A line above the list (a rotation under way), in the view's notice place. */
  notice?: ComponentChildren;
}) {
  useStartUpMark(KEYS_LISTED_MARK, loaded);
  // "Create a key" works from the first render, before the stored keys are read.
  useStartUpMark(USABLE_MARK, true);
  const empty = loaded && !keys.length;
  // Retired keys last: they can no longer sign for Kalshi.
  const ordered = [...keys.filter((key) => !key.retired), ...keys.filter((key) => key.retired)];
  return (
    <View
      id="home-heading"
      title="Your Kalshi API keys"
      intro="Keys made here stay in this browser and cannot be copied out. You paste the public half into Kalshi."
      aside={
        <div class="actions">
          <button type="button" class="primary" onClick={() => navigate(routeHref('new'))}>
            Create a key
          </button>
          <button type="button" onClick={() => navigate(routeHref('import'))}>
            Import a key file
          </button>
        </div>
      }
    >
      {notice}
      {empty && (
        <p>
          No key yet. Make one here and register its public key with Kalshi, or import the key file
          Kalshi gave you; then sign requests, find out why a signature is rejected, and rotate keys
          before they get old.
        </p>
      )}
      <ul aria-label="Stored keys" class="key-list">
        {ordered.map((key) => {
          const status = keyStatus(key);
          const age = keyAge(key.createdAt);
          return (
            <li key={key.id} class={key.retired ? 'retired' : undefined}>
              <a href={routeHref('key', key.id)}>{key.name}</a>
              <span>{ENVIRONMENT_NAMES[key.environment]}</span>
              <span class={`status ${status.kind}`}>{status.text}</span>
              <span>{keyScopes(key)}</span>
              <span class={age.rotate && !key.retired ? 'warning' : 'hint'}>
                {key.retired ? '' : age.text}
              </span>
            </li>
          );
        })}
      </ul>
    </View>
  );
}
