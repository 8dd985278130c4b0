import { useState } from 'preact/hooks';
import { generateKeyPair } from '../../core/keys';
import type { KeyStore } from '../../storage/key-store';
import {
  keyNameOrDefault,
  looksLikePrivateKey,
  newKeyRecord,
  PrivateKeyTextError,
} from '../../storage/new-record';
import type { KeyRecord } from '../../storage/types';
import { Field, Messages, Panel } from '../common/Field';
import { onDemand, preload } from '../shell/on-demand';
import type { BackupChoice } from './BackupOptions';
import { useAction } from '../common/use-action';
import { USABLE_MARK, useStartUpMark } from '../shell/start-up-marks';

const BackupOptions = onDemand(() => import('./BackupOptions').then((m) => m.BackupOptions));

/** A plain key pair, or (the backup option) one exported once as a file first: mint-backup.ts. */
async function mintKeyPair(
  backup: BackupChoice | null,
  name: string,
): Promise<{ pair: CryptoKeyPair; file?: string }> {
  if (!backup) return { pair: await generateKeyPair() };
  const { mintWithBackup } = await import('./mint-backup');
  return mintWithBackup(backup, name);
}

const NO_BACKUP: BackupChoice = { format: 'pkcs8', passphrase: '', repeat: '' };

export function MintPanel({
  store,
  onMinted,
  onStored,
}: {
  store: KeyStore;
  /**
   * The new key as soon as it exists, before it is stored, so its public key shows at once; then
   * undefined if storing it failed (the key is lost, and must not stay on show).
   */
  onMinted?: (record: KeyRecord | undefined) => void;
  onStored: (record: KeyRecord) => void;
}) {
  const [name, setName] = useState('');
  const [backup, setBackup] = useState(false);
  const [choice, setChoice] = useState(NO_BACKUP);
  const { busy, status, error, run, report } = useAction();
  useStartUpMark(USABLE_MARK, !busy);

  const generate = (event: Event) => {
    event.preventDefault();
    if (backup && choice.passphrase !== choice.repeat)
      return report('', 'The backup passphrases differ: type them again.');
    void run(async () => {
      // Before minting: a backup would otherwise be saved under a file name made of the key.
      if (looksLikePrivateKey(name)) {
        setName('');
        throw new PrivateKeyTextError('private key text as a key name');
      }
      const keyName = keyNameOrDefault(name);
      const { pair, file } = await mintKeyPair(backup ? choice : null, keyName);
      // The passphrase is not kept once the backup is written.
      setChoice({ ...choice, passphrase: '', repeat: '' });
      const record = { ...(await newKeyRecord(pair, keyName)), ...(file && { backupFile: file }) };
      onMinted?.(record);
      try {
        await store.put(record);
      } catch (caught) {
        onMinted?.(undefined);
        throw caught;
      }
      onStored(record);
      setName('');
      return (
        `Generated and stored “${record.name}” (${record.fingerprint}).` +
        (file
          ? ` The private key backup was saved as ${file}: ${choice.passphrase ? 'keep it and its passphrase apart' : 'keep it safe, anyone with it can trade as you'}.`
          : '')
      );
    });
  };

  return (
    <Panel id="mint-heading" title="Create a key">
      <form onSubmit={generate}>
        <Field
          id="mint-name"
          label="Key name"
          value={name}
          placeholder="e.g. Trading bot (demo)"
          onValue={setName}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={backup}
            onChange={(e) => {
              setBackup(e.currentTarget.checked);
              // Loaded while the passphrase is typed, not when "Generate key" is clicked.
              if (e.currentTarget.checked) preload(() => import('./mint-backup'));
              // A passphrase typed for a backup that is no longer wanted is not kept.
              if (!e.currentTarget.checked) setChoice({ ...choice, passphrase: '', repeat: '' });
            }}
          />
          Also save a backup of the private key
        </label>
        <p class="hint">
          Anyone with the backup file can trade as you; without one, the key lives only in this
          browser.
        </p>
        <BackupOptions enabled={backup} choice={choice} onChoice={setChoice} />
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? 'Generating…' : 'Generate key'}
        </button>
      </form>
      <Messages status={status} error={error} />
    </Panel>
  );
}
