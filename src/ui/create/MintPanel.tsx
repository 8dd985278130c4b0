// "Create a key": one short form, top to bottom: name, environment, scopes, the backup choice,
// "Generate key". The safe choices are the defaults: Demo, "Read and trade", no backup.
import { useState } from 'preact/hooks';
import { generateKeyPair } from '../../core/keys';
import { SCOPE_PRESETS } from '../../core/scopes';
import type { KeyStore } from '../../storage/key-store';
import { keyNameOrDefault } from '../../core/key-names';
import { looksLikePrivateKey } from '../../core/private-key-text';
import { newKeyRecord, PrivateKeyTextError } from '../../storage/new-record';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { Field, Messages, View } from '../common/Field';
import { explainError, useAction } from '../common/use-action';
import {
  BackupOptions,
  loadMintWithBackup,
  loadPassphraseProblem,
  preloadMintBackup,
} from '../shell/lazy';
import { USABLE_MARK, useStartUpMark } from '../shell/start-up-marks';
import type { BackupChoice, BackupKind } from './BackupOptions';

/** A plain key pair, or (a chosen backup) one exported once as a file first: mint-backup.ts. */
async function mintKeyPair(
  backup: BackupChoice | null,
  name: string,
): Promise<{ pair: CryptoKeyPair; file?: string }> {
  if (!backup) return { pair: await generateKeyPair() };
  const mintWithBackup = await loadMintWithBackup();
  return mintWithBackup(backup, name);
}

const NO_BACKUP: BackupChoice = { format: 'pkcs8', passphrase: '', repeat: '' };

/**
 * What each of the usual scopes (SCOPE_PRESETS, in its order) means: the scopes a new key is meant
 * for; Register starts from them. The full list is there.
 */
const SCOPE_MEANINGS = [
  'balance, positions and orders; no changes',
  'also place and cancel orders; no transfers',
  'can move money and make or delete API keys',
];

const KINDS: [BackupKind, string][] = [
  ['none', 'No backup'],
  ['encrypted', 'Encrypted backup'],
  ['plain', 'Plain-text backup (not recommended)'],
];

export function MintPanel({
  store,
  onMinted,
  onStored,
  error: outside,
  onBackupChosen,
}: {
  store: KeyStore;
  /**
   * The new key as soon as it exists, before it is stored, so its page shows at once; then
   * undefined and the reason if storing it failed (the key is lost, and must not stay on show).
   */
  onMinted?: (record: KeyRecord | undefined, error?: string) => void;
  /** Stored; `summary` says what was made and where the backup went. */
  onStored: (record: KeyRecord, summary: string) => void;
  /** A failure reported after this form was left (storing the key failed). */
  error?: string | undefined;
  /** A backup was chosen: the key's page will show the bot programs, which may load now. */
  onBackupChosen?: () => void;
}) {
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<KalshiEnvironmentId>('demo');
  const [scopes, setScopes] = useState(1);
  const [kind, setKind] = useState<BackupKind>('none');
  const [choice, setChoice] = useState(NO_BACKUP);
  const { busy, status, error, run, report } = useAction();
  useStartUpMark(USABLE_MARK, !busy);

  const generate = async (event: Event) => {
    event.preventDefault();
    if (kind === 'encrypted') {
      // Loaded with "Encrypted backup" (BackupOptions imports it), not in the first load.
      const passphraseProblem = await loadPassphraseProblem();
      const problem = passphraseProblem(choice.passphrase, choice.repeat);
      if (problem) return report('', problem);
    }
    const backup =
      kind === 'none' ? null : kind === 'plain' ? { ...choice, passphrase: '' } : choice;
    // Every key gets its own choice: the next one starts again from "No backup", empty fields.
    setKind('none');
    setChoice(NO_BACKUP);
    void run(async () => {
      // Before minting: a backup would otherwise be saved under a file name made of the key.
      if (looksLikePrivateKey(name)) {
        setName('');
        throw new PrivateKeyTextError('private key text as a key name');
      }
      const keyName = keyNameOrDefault(name);
      const { pair, file } = await mintKeyPair(backup, keyName);
      const record: KeyRecord = {
        ...(await newKeyRecord(pair, keyName)),
        environment,
        plannedScopes: [...SCOPE_PRESETS[scopes]!.scopes],
        ...(file && { backupFile: file }),
      };
      onMinted?.(record);
      try {
        await store.put(record);
      } catch (caught) {
        onMinted?.(undefined, await explainError(caught));
        throw caught;
      }
      setName('');
      const summary =
        `Generated and stored “${record.name}” (${record.fingerprint}).` +
        (file
          ? ` The private key backup was saved as ${file}: ${backup?.passphrase ? 'keep it and its passphrase apart' : 'keep it safe, anyone with it can trade as you'}.`
          : '');
      onStored(record, summary);
      return summary;
    });
  };

  return (
    <View
      id="mint-heading"
      title="Create a key"
      intro="Make a new key in this browser; then paste its public key into Kalshi."
    >
      <form onSubmit={generate}>
        <Field
          id="mint-name"
          label="Key name"
          value={name}
          placeholder="e.g. Trading bot"
          onValue={setName}
        />
        <Field
          as="select"
          id="mint-environment"
          label="Environment"
          value={environment}
          onValue={(value) => setEnvironment(value as KalshiEnvironmentId)}
        >
          <option value="demo">Demo</option>
          <option value="production">Production</option>
        </Field>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPE_PRESETS.map(({ label }, index) => (
            <label class="check">
              <input
                type="radio"
                name="mint-scopes"
                checked={scopes === index}
                onChange={() => setScopes(index)}
              />
              <span>
                {label} <span class="hint">({SCOPE_MEANINGS[index]})</span>
              </span>
            </label>
          ))}
          <p class="hint">You confirm them when you register the key with Kalshi.</p>
        </fieldset>
        <fieldset>
          <legend>Backup</legend>
          {KINDS.map(([value, label]) => (
            <label class="check">
              <input
                type="radio"
                name="mint-backup"
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  // A passphrase typed for a backup that is no longer wanted is not kept.
                  setChoice(NO_BACKUP);
                  // Loaded while the passphrase is typed, not when "Generate key" is clicked.
                  if (value !== 'none') {
                    preloadMintBackup();
                    onBackupChosen?.();
                  }
                }}
              />
              {label}
            </label>
          ))}
          {kind === 'none' ? (
            <p class="hint">
              The key lives only in this browser and cannot be copied out: a bot on another computer
              needs a backup.
            </p>
          ) : (
            <BackupOptions kind={kind} choice={choice} onChoice={setChoice} />
          )}
        </fieldset>
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Generating…' : 'Generate key'}
        </button>
      </form>
      <Messages status={status} error={error || outside} />
    </View>
  );
}
