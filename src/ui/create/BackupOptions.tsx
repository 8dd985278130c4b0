// The backup's passphrase (encrypted) or format (plain text), under the Create form's "Backup"
// choice. Loaded on demand: a key made without a backup never needs it.
import { useEffect, useState } from 'preact/hooks';
import { MIN_PASSPHRASE_LENGTH, suggestPassphrase } from '../../core/passphrase';
import { Field } from '../common/Field';
import { preloadPbes2 } from '../shell/lazy';

export type BackupKind = 'none' | 'encrypted' | 'plain';
export type BackupFormat = 'pkcs8' | 'pkcs1';

export interface BackupChoice {
  format: BackupFormat;
  passphrase: string;
  repeat: string;
}

const FORMATS: [BackupFormat, string][] = [
  ['pkcs8', 'PKCS#8 (BEGIN PRIVATE KEY)'],
  ['pkcs1', 'PKCS#1 (BEGIN RSA PRIVATE KEY, as Kalshi gives it)'],
];

export function BackupOptions({
  kind,
  choice,
  onChoice,
}: {
  kind: Exclude<BackupKind, 'none'>;
  choice: BackupChoice;
  onChoice: (choice: BackupChoice) => void;
}) {
  const set = (patch: Partial<BackupChoice>) => onChoice({ ...choice, ...patch });
  // Shown once, beside the fields it filled, so it can go into a password manager.
  const [suggested, setSuggested] = useState('');
  // The encryption code is fetched while the passphrase is typed, not when the key is made.
  useEffect(() => {
    if (kind === 'encrypted') preloadPbes2();
  }, [kind]);
  // The fields were emptied (a key was made, or the choice changed): the suggestion goes too.
  useEffect(() => {
    if (!choice.passphrase) setSuggested('');
  }, [choice.passphrase]);

  if (kind === 'plain')
    return (
      <>
        <p class="warning">
          The backup is the private key in plain text. Anyone who gets a copy (a synced Downloads
          folder, a disk backup) can trade as you. Choose “Encrypted backup” unless a tool cannot
          open one.
        </p>
        <div role="radiogroup" aria-label="Backup format">
          {FORMATS.map(([value, label]) => (
            <label class="check" key={value}>
              <input
                type="radio"
                name="backup-format"
                checked={choice.format === value}
                onChange={() => set({ format: value })}
              />
              {label}
            </label>
          ))}
        </div>
      </>
    );
  return (
    <>
      <Field
        id="backup-passphrase"
        label="Backup passphrase"
        type="password"
        autocomplete="new-password"
        aria-describedby="backup-passphrase-hint"
        value={choice.passphrase}
        onValue={(passphrase) => set({ passphrase, format: 'pkcs8' })}
      />
      <Field
        id="backup-repeat"
        label="Repeat backup passphrase"
        type="password"
        autocomplete="new-password"
        value={choice.repeat}
        onValue={(repeat) => set({ repeat })}
      />
      <div class="actions">
        <button
          type="button"
          onClick={() => {
            const passphrase = suggestPassphrase();
            setSuggested(passphrase);
            onChoice({ format: 'pkcs8', passphrase, repeat: passphrase });
          }}
        >
          Suggest a passphrase
        </button>
      </div>
      {suggested && (
        <Field
          id="backup-suggested"
          label="Suggested passphrase (save it in your password manager now: it is not shown again)"
          class="mono"
          readOnly
          value={suggested}
        />
      )}
      <p id="backup-passphrase-hint" class="hint">
        At least {MIN_PASSPHRASE_LENGTH} characters. The file is encrypted (PKCS#8, PBKDF2-SHA256,
        600,000 iterations, AES-256); openssl and Python open it with this passphrase. Nothing here
        keeps it: if you forget it, the backup is lost.
      </p>
    </>
  );
}
