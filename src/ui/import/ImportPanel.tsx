import { useEffect, useState } from 'preact/hooks';
import { KeyFormatError } from '../../core/errors';
import { importPrivateKeyPem, keyFileText } from '../../core/key-files';
import { extractPemText } from '../../core/pem';
import type { KeyStore } from '../../storage/key-store';
import { newKeyRecord } from '../../storage/new-record';
import type { KeyRecord } from '../../storage/types';
import { Field, Messages, Panel } from '../common/Field';
import { preload } from '../shell/on-demand';
import { useAction } from '../common/use-action';

// An RSA-4096 PKCS#1 PEM is about 3.3 KB; anything far larger is not a key file.
const MAX_KEY_FILE_BYTES = 64 * 1024;
const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

export function ImportPanel({
  store,
  keys,
  onStored,
  onSelect,
}: {
  store: KeyStore;
  keys: KeyRecord[];
  onStored: (record: KeyRecord) => void;
  onSelect: (id: string) => void;
}) {
  const [pem, setPem] = useState('');
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  // PKCS#8 ENCRYPTED PRIVATE KEY, pasted or read from a file (keyFileText armors DER so).
  const encrypted = pem.includes('ENCRYPTED PRIVATE KEY');
  const { busy, status, error, run, report } = useAction();
  // Fetched and run while the passphrase is typed, not in the middle of the key derivation.
  useEffect(() => {
    if (encrypted) preload(() => import('../../core/pbes2'));
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
      const keyName = name.trim() || `Imported key ${new Date().toISOString().slice(0, 10)}`;
      // Kalshi's answer to POST /api_keys/generate brings its key ID along (issue 13). Only such an
      // answer (JSON with "private_key") loads the lifecycle code; a plain key file does not.
      const record =
        (pem.includes('"private_key"')
          ? await import('../common/generated-key').then((m) =>
              m.importedGenerateAnswer(pem, keyName),
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
      if (existing) onSelect(existing.id);
      else {
        await store.put(record);
        onStored(record);
      }
      // A private key must not linger on screen once it is safely stored.
      setPem('');
      setName('');
      return existing
        ? `This key is already stored as “${existing.name}” (${existing.fingerprint}); it is now selected.`
        : `Imported “${record.name}” (${record.fingerprint})${record.kalshiKeyId && ` with Kalshi key ID ${record.kalshiKeyId}`}.`;
    });
  };

  return (
    <Panel
      id="import-heading"
      title="Import a private key"
      hint="Kalshi's key file or your own, stored non-extractable: this page can sign with it but never show it again."
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
        <button type="submit" disabled={busy} aria-busy={busy}>
          Import key
        </button>
      </form>
      <Messages status={status} error={error} />
    </Panel>
  );
}
