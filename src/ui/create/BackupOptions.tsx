// The one-time backup's format and passphrase, under "Also save a backup of the private key".
// Loaded on demand: a first visit that mints without a backup never needs it.
import { useEffect } from 'preact/hooks';
import { Field } from '../common/Field';
import { preload } from '../shell/on-demand';

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
  enabled,
  choice,
  onChoice,
}: {
  enabled: boolean;
  choice: BackupChoice;
  onChoice: (choice: BackupChoice) => void;
}) {
  const set = (patch: Partial<BackupChoice>) => onChoice({ ...choice, ...patch });
  const locked = !!choice.passphrase;
  // Minting with a backup then fetches nothing: the bot panel shows after it, and the encryption
  // code runs in it.
  useEffect(() => {
    if (enabled) preload(() => import('../keys/BotSnippets'));
    if (locked) preload(() => import('../../core/pbes2'));
  }, [enabled, locked]);
  return (
    <fieldset disabled={!enabled}>
      <legend>Backup</legend>
      <Field
        id="backup-passphrase"
        label="Backup passphrase"
        type="password"
        autocomplete="new-password"
        aria-describedby="backup-passphrase-hint"
        value={choice.passphrase}
        // PKCS#1 has no encryption to offer: a passphrase makes the backup PKCS#8.
        onValue={(passphrase) => set(passphrase ? { passphrase, format: 'pkcs8' } : { passphrase })}
      />
      <Field
        id="backup-repeat"
        label="Repeat backup passphrase"
        type="password"
        autocomplete="new-password"
        value={choice.repeat}
        onValue={(repeat) => set({ repeat })}
      />
      <p id="backup-passphrase-hint" class={locked ? 'hint' : 'warning'}>
        {locked
          ? 'Recommended. The file is encrypted (PBES2: PBKDF2-SHA256, 600,000 iterations, AES-256); openssl and Python open it with this passphrase. Nothing here keeps it: if you forget it, the backup is lost.'
          : 'No passphrase: the backup is the private key in plain text. Anyone who gets a copy (a synced Downloads folder, a disk backup) can trade as you.'}
      </p>
      <div role="radiogroup" aria-label="Backup format">
        {FORMATS.map(([value, label]) => (
          <label class="check" key={value}>
            <input
              type="radio"
              name="backup-format"
              checked={choice.format === value}
              disabled={value === 'pkcs1' && locked}
              aria-describedby={value === 'pkcs1' ? 'pkcs1-reason' : undefined}
              onChange={() => set({ format: value })}
            />
            {label}
          </label>
        ))}
        <p id="pkcs1-reason" class="hint">
          {locked
            ? 'PKCS#1 is off: it has no standard encryption a browser can make (OpenSSL’s old form needs MD5).'
            : ''}
        </p>
      </div>
    </fieldset>
  );
}
