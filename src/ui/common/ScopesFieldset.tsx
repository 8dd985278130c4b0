// The key's scopes (Kalshi's ApiKeyScope enum): one checkbox per scope,
// named by the value Kalshi takes, its plain meaning beside it, and presets for the usual choices.
import { API_KEY_SCOPES, SCOPE_PRESETS, sameScopes } from '../../core/scopes';
import { SCOPE_DESCRIPTIONS } from '../../core/scope-descriptions';
import { Field } from './Field';

/** The sub-account as stored: the number typed, or null for none (the request builders check it). */
export const subaccountValue = (text: string): number | null =>
  text.trim() ? Number(text.trim()) : null;

export function ScopesFieldset({
  id,
  scopes,
  onScopes,
  subaccount,
  onSubaccount,
}: {
  /** Prefix of the element ids: two forms on the page have scopes. */
  id: string;
  scopes: readonly string[];
  onScopes: (scopes: string[]) => void;
  subaccount: string;
  onSubaccount: (text: string) => void;
}) {
  return (
    <>
      <fieldset>
        <legend>Scopes</legend>
        <div class="actions">
          {SCOPE_PRESETS.map((preset) => (
            <button
              type="button"
              aria-pressed={sameScopes(scopes, preset.scopes)}
              onClick={() => onScopes([...preset.scopes])}
            >
              {preset.label}
            </button>
          ))}
        </div>
        {API_KEY_SCOPES.map((scope) => (
          <label class="check">
            <input
              type="checkbox"
              aria-label={scope}
              aria-describedby={`${id}-${scope}`}
              checked={scopes.includes(scope)}
              onChange={(event) =>
                onScopes(
                  event.currentTarget.checked
                    ? API_KEY_SCOPES.filter((s) => s === scope || scopes.includes(s))
                    : scopes.filter((s) => s !== scope),
                )
              }
            />
            <span>
              <code>{scope}</code>{' '}
              <span id={`${id}-${scope}`} class="hint">
                {SCOPE_DESCRIPTIONS[scope]}
              </span>
            </span>
          </label>
        ))}
        {/* The risky choice names its risk where it is made. */}
        <p class="warning" id={`${id}-scopes-risk`}>
          {scopes.includes('write')
            ? 'Full access: this key can move money and make or delete API keys. Choose "Read and trade" unless it must.'
            : scopes.includes('write::transfer')
              ? 'This key can move money between accounts.'
              : ''}
        </p>
      </fieldset>
      <Field
        id={`${id}-subaccount`}
        label="Subaccount"
        inputMode="numeric"
        aria-describedby={`${id}-subaccount-hint`}
        value={subaccount}
        onValue={onSubaccount}
      />
      <p class="hint" id={`${id}-subaccount-hint`}>
        Optional, 0–63: the key then trades only there and cannot transfer.
      </p>
    </>
  );
}
