import { useEffect, useRef, useState } from 'preact/hooks';
import { extractPemText, importPrivateKeyPem } from '../core';
import type { KeyStore } from '../storage/key-store';
import { newKeyRecord } from '../storage/new-record';
import type { KeyRecord } from '../storage/types';
import { text } from './messages';
import { ActionMessages } from './ActionMessages';
import { useAction } from './use-action';

// An RSA-4096 PKCS#1 PEM is about 3.3 KB; anything far larger is not a key file.
const MAX_KEY_FILE_BYTES = 64 * 1024;

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
  const { busy, status, error, run, setStatus, setError } = useAction();

  const area = useRef<HTMLTextAreaElement>(null);
  const readFile = async (file: File | undefined) => {
    setStatus('');
    setError('');
    if (!file) return setError(text.noFile);
    if (file.size > MAX_KEY_FILE_BYTES) return setError(text.fileTooLarge(file.size));
    try {
      setPem(await file.text());
      if (!name.trim()) setName(file.name.replace(/\.(pem|key|txt)$/i, ''));
    } catch {
      setError(text.fileUnreadable);
    }
  };

  // Listeners added by hand: Preact picks the event name from `'ondrop' in element`, which some
  // DOMs lack, and a drop handler must be there in every DOM.
  const readFileRef = useRef(readFile);
  readFileRef.current = readFile;
  useEffect(() => {
    const element = area.current;
    if (!element) return;
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      // Dropped text falls through to the browser's own handling; only files are read here.
      if (!file) return;
      e.preventDefault();
      void readFileRef.current(file);
    };
    element.addEventListener('dragover', onDragOver);
    element.addEventListener('drop', onDrop);
    return () => {
      element.removeEventListener('dragover', onDragOver);
      element.removeEventListener('drop', onDrop);
    };
  }, []);

  // A multi-MB paste (a whole log file, say) would freeze the browser's textarea for seconds:
  // keep only the key block, or say why nothing was pasted.
  const onPaste = (event: ClipboardEvent) => {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    if (pasted.length <= MAX_KEY_FILE_BYTES) return;
    event.preventDefault();
    setStatus('');
    setError('');
    const block = extractPemText(pasted);
    if (block && block.length <= MAX_KEY_FILE_BYTES) {
      setPem(block);
      setStatus(text.pastedBlockOnly(pasted.length));
    } else {
      setError(text.pasteTooLarge(pasted.length));
    }
  };

  const importKey = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const pair = await importPrivateKeyPem(pem, { extractable: false });
      const record = await newKeyRecord(
        pair,
        name.trim() || `Imported key ${new Date().toISOString().slice(0, 10)}`,
      );
      const existing = keys.find((key) => key.fingerprint === record.fingerprint);
      let done: string;
      if (existing) {
        onSelect(existing.id);
        done = text.alreadyStored(existing.name, existing.fingerprint);
      } else {
        await store.put(record);
        onStored(record);
        done = text.imported(record.name, record.fingerprint);
      }
      // A private key must not linger on screen once it is safely stored.
      setPem('');
      setName('');
      return done;
    });
  };

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import a private key</h2>
      <p class="hint">
        For a key Kalshi generated for you (the file it downloaded once) or one you made with
        OpenSSL. It is stored non-extractable: this page can sign with it but can never show it
        again.
      </p>
      <form onSubmit={importKey}>
        <label for="import-pem">Private key (PEM)</label>
        <textarea
          id="import-pem"
          class="mono"
          rows={8}
          spellcheck={false}
          autocomplete="off"
          placeholder="-----BEGIN RSA PRIVATE KEY----- … (paste, or drop the file here)"
          value={pem}
          onInput={(e) => setPem(e.currentTarget.value)}
          onPaste={onPaste}
          ref={area}
        />
        <label for="import-file">Choose a key file…</label>
        <input
          id="import-file"
          type="file"
          accept=".pem,.key,.txt,application/x-pem-file,text/plain"
          onChange={(e) => {
            const input = e.currentTarget;
            void readFile(input.files?.[0]).then(() => (input.value = ''));
          }}
        />
        <label for="import-name">Name for imported key</label>
        <input
          id="import-name"
          type="text"
          autocomplete="off"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={busy} aria-busy={busy ? 'true' : 'false'}>
          Import key
        </button>
      </form>
      <ActionMessages status={status} error={error} />
    </section>
  );
}
