import { useState } from 'preact/hooks';
import { exportPrivateKeyPem, generateKeyPair, importPrivateKeyPem } from '../core/keys';
import type { KeyStore } from '../storage/key-store';
import { looksLikePrivateKey, newKeyRecord, PrivateKeyTextError } from '../storage/new-record';
import type { KeyRecord } from '../storage/types';
import { downloadText, fileSlug } from './download';
import { Field, Messages, Panel } from './Field';
import { useAction } from './use-action';
import { USABLE_MARK, useStartUpMark } from './start-up-marks';

type BackupFormat = 'pkcs8' | 'pkcs1';

const FORMATS: [BackupFormat, string][] = [
  ['pkcs8', 'PKCS#8 (BEGIN PRIVATE KEY)'],
  ['pkcs1', 'PKCS#1 (BEGIN RSA PRIVATE KEY, as Kalshi gives it)'],
];

/** Makes the private key non-extractable; with a backup, exports it exactly once first. */
async function mintKeyPair(
  backup: BackupFormat | null,
  name: string,
): Promise<{ pair: CryptoKeyPair; file?: string }> {
  if (!backup) return { pair: await generateKeyPair() };
  const extractable = await generateKeyPair({ extractable: true });
  const pem = await exportPrivateKeyPem(extractable.privateKey, backup);
  const file = `${fileSlug(name)}-private-${backup}.pem`;
  downloadText(file, pem);
  // Re-import so only a non-extractable handle survives; the extractable one goes out of scope here.
  return { pair: await importPrivateKeyPem(pem), file };
}

export function MintPanel({
  store,
  onStored,
}: {
  store: KeyStore;
  onStored: (record: KeyRecord) => void;
}) {
  const [name, setName] = useState('');
  const [backup, setBackup] = useState(false);
  const [format, setFormat] = useState<BackupFormat>('pkcs8');
  const { busy, status, error, run } = useAction();
  useStartUpMark(USABLE_MARK, !busy);

  const generate = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      // Before minting: a backup would otherwise be saved under a file name made of the key.
      if (looksLikePrivateKey(name)) {
        setName('');
        throw new PrivateKeyTextError('private key text as a key name');
      }
      const keyName =
        name.trim() || `Kalshi key ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
      const { pair, file } = await mintKeyPair(backup ? format : null, keyName);
      const record = await newKeyRecord(pair, keyName);
      await store.put(record);
      onStored(record);
      setName('');
      return (
        `Generated and stored “${record.name}” (${record.fingerprint}).` +
        (file
          ? ` The private key backup was saved as ${file}: keep it safe, anyone with it can trade as you.`
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
            onChange={(e) => setBackup(e.currentTarget.checked)}
          />
          Also save a backup of the private key
        </label>
        <p class="hint">
          Anyone with the backup file can trade as you; without one, the key lives only in this
          browser.
        </p>
        <fieldset disabled={!backup}>
          <legend>Backup format</legend>
          {FORMATS.map(([value, label]) => (
            <label class="check" key={value}>
              <input
                type="radio"
                name="backup-format"
                checked={format === value}
                onChange={() => setFormat(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? 'Generating…' : 'Generate key'}
        </button>
      </form>
      <Messages status={status} error={error} />
    </Panel>
  );
}
