import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { KeyFormatError } from '../../core/errors';
import { importPrivateKeyPem, keyFileText } from '../../core/key-files';
import { keyNameOrDefault } from '../../core/key-names';
import { extractPemText } from '../../core/pem';
import { looksLikePrivateKey } from '../../core/private-key-text';
import type { KeyStore } from '../../storage/key-store';
import { newKeyRecord } from '../../storage/new-record';
import type { KalshiEnvironmentId } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';
import { Field, Messages, View } from '../common/Field';
import { PRIVATE_KEY_HERE } from '../common/messages';
import { loadRecordFromPastedGenerateAnswer, preloadPbes2 } from '../shell/lazy';
import { useAction } from '../common/use-action';

// An RSA-4096 PKCS#1 PEM is about 3.3 KB; anything far larger is not a key file.
const MAX_KEY_FILE_BYTES = 64 * 1024;
const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

export function ImportPanel({
  store,
  keys,
  onStored,
  onSelect,
  children,
}: {
  store: KeyStore;
  keys: KeyRecord[];
  onStored: (record: KeyRecord, summary: string) => void;
  /** The key is stored already: its page opens instead, with `summary`. */
  onSelect: (id: string, summary: string) => void;
  /** "Let Kalshi make the key", under its own heading after the import form. */
  children?: ComponentChildren;
}) {
  const [pem, setPem] = useState('');
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<KalshiEnvironmentId>('demo');
  const [kalshiKeyId, setKalshiKeyId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  // PKCS#8 ENCRYPTED PRIVATE KEY, pasted or read from a file (keyFileText armors DER so).
  const encrypted = pem.includes('ENCRYPTED PRIVATE KEY');
  const { busy, status, error, run, report } = useAction();
  // Fetched and run while the passphrase is typed, not in the middle of the key derivation.
  useEffect(() => {
    if (encrypted) preloadPbes2();
  }, [encrypted]);

  // Picking nothing (a cancelled dialog) changes nothing.
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    report('');
    if (file.size > MAX_KEY_FILE_BYTES)
      return report(
        '',
        `This file is ${kb(file.size)}, too large to be a key file. Choose the .pem or .key file from Kalshi.`,
      );
    try {
      setPem(keyFileText(new Uint8Array(await file.arrayBuffer()), file.name));
      if (!name.trim()) setName(file.name.replace(/\.(pem|key|txt|der)$/i, ''));
    } catch (caught) {
      report(
        '',
        caught instanceof KeyFormatError
          ? caught.message
          : 'The file could not be read. Choose it again, or paste its text.',
      );
    }
  };

  // A multi-MB paste (a whole log file, say) would freeze the browser's textarea for seconds:
  // keep only the key block, or say why nothing was pasted.
  const onPaste = (event: ClipboardEvent) => {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    if (pasted.length <= MAX_KEY_FILE_BYTES) return;
    event.preventDefault();
    const block = extractPemText(pasted);
    if (block && block.length <= MAX_KEY_FILE_BYTES) {
      setPem(block);
      report(`The paste was ${kb(pasted.length)}; only its key block was kept.`);
    } else {
      report(
        '',
        `The paste is ${kb(pasted.length)} and holds no complete key block. Paste just the key, or choose the key file.`,
      );
    }
  };

  const importKey = (event: Event) => {
    event.preventDefault();
    // Read once and cleared at once: the passphrase is never stored, and not kept after this try.
    const typed = encrypted ? passphrase : undefined;
    setPassphrase('');
    void run(async () => {
      // PBKDF2 (600,000 iterations in our backups) takes a moment; WebCrypto runs it off this thread.
      if (typed !== undefined) report('Decrypting the key with the passphrase…');
      const keyName = keyNameOrDefault(name, 'imported');
      // Kalshi's answer to POST /api_keys/generate brings its key ID along. Only such an
      // answer (JSON with "private_key") loads the answer parsers; a plain key file does not.
      const record =
        (pem.includes('"private_key"')
          ? await loadRecordFromPastedGenerateAnswer().then((recordFromPastedGenerateAnswer) =>
              recordFromPastedGenerateAnswer(pem, keyName),
            )
          : null) ??
        (await newKeyRecord(
          await importPrivateKeyPem(pem, { passphrase: typed }).catch((error: KeyFormatError) =>
            // An empty field opens keys encrypted with an empty passphrase; for any other key the
            // user only forgot to type it, which the key's own refusal without one says.
            typed === '' && error.code === 'wrong-passphrase'
              ? importPrivateKeyPem(pem)
              : Promise.reject(error),
          ),
          keyName,
        ));
      const existing = keys.find((key) => key.fingerprint === record.fingerprint);
      const typedId = kalshiKeyId.trim();
      const stored: KeyRecord = {
        ...record,
        environment,
        ...(typedId && !record.kalshiKeyId && { kalshiKeyId: typedId }),
      };
      // A private key must not linger on screen once it is safely stored.
      const summary = existing
        ? `This key is already stored as “${existing.name}” (${existing.fingerprint}): here it is.`
        : `Imported “${stored.name}” (${stored.fingerprint}) for ${environment}${stored.kalshiKeyId && ` with Kalshi key ID ${stored.kalshiKeyId}`}.`;
      if (existing) onSelect(existing.id, summary);
      else await store.put(stored);
      setPem('');
      setName('');
      setKalshiKeyId('');
      if (!existing) onStored(stored, summary);
      return summary;
    });
  };

  return (
    <View
      id="import-heading"
      title="Import a key"
      intro="Bring in the key file Kalshi gave you, or your own: it is kept in this browser and cannot be copied out again."
    >
      <form onSubmit={importKey} aria-busy={busy}>
        <Field
          as="textarea"
          id="import-pem"
          label="Private key (PEM)"
          class="mono"
          rows={8}
          placeholder="Paste, or drop the key file here"
          value={pem}
          onValue={setPem}
          onPaste={onPaste}
          onDragOver={(e) => e.dataTransfer?.types.includes('Files') && e.preventDefault()}
          onDrop={(e) => {
            // Dropped text falls through to the browser's own handling; only files are read here.
            const file = e.dataTransfer?.files[0];
            if (file) {
              e.preventDefault();
              void readFile(file);
            }
          }}
        />
        <Field
          id="import-file"
          label="Choose a key file…"
          type="file"
          accept=".pem,.key,.txt,.der,.p12,.pfx"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            void readFile(input.files?.[0]).then(() => (input.value = ''));
          }}
        />
        {encrypted && (
          <Field
            id="import-passphrase"
            label="Passphrase"
            type="password"
            autocomplete="off"
            aria-describedby="import-passphrase-hint"
            value={passphrase}
            onValue={setPassphrase}
          />
        )}
        {encrypted && (
          <p id="import-passphrase-hint" class="hint">
            This key is encrypted: its passphrase decrypts it here, once, and is not kept.
          </p>
        )}
        <Field id="import-name" label="Name for imported key" value={name} onValue={setName} />
        <Field
          as="select"
          id="import-environment"
          label="Environment"
          aria-describedby="import-environment-hint"
          value={environment}
          onValue={(value) => setEnvironment(value as KalshiEnvironmentId)}
        >
          <option value="demo">Demo</option>
          <option value="production">Production</option>
        </Field>
        <p class="hint" id="import-environment-hint">
          Where Kalshi issued the key: a demo key does not work on production, nor the reverse.
        </p>
        <Field
          id="import-key-id"
          label="Kalshi key ID"
          class="mono"
          aria-describedby="import-key-id-hint"
          value={kalshiKeyId}
          onValue={(value) => {
            // Kept in clear on the key and sent in every header: never a private key.
            if (looksLikePrivateKey(value)) return report('', PRIVATE_KEY_HERE);
            setKalshiKeyId(value);
          }}
        />
        <p class="hint" id="import-key-id-hint">
          Optional: the ID Kalshi showed for this key, if it has one. It can be added later.
        </p>
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          Import key
        </button>
      </form>
      <Messages status={status} error={error} />
      {children}
    </View>
  );
}
