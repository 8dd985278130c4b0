import { useEffect, useState } from 'preact/hooks';
import { loadQrImageUrl } from '../shell/lazy';

type QrCode = { src?: string; error?: string };

/**
 * The QR code image of `text` while `shown`. The encoder (qr-image.ts and lean-qr, ~3.8 KB gzip
 * that only an air-gapped minter needs) is its own chunk, imported at the first use. It imports no
 * Preact, so the build need not split Preact out of the first-load script into a shared chunk.
 */
export function useQrCode(text: string, shown: boolean): QrCode {
  const [made, setMade] = useState<QrCode & { text: string }>();
  useEffect(() => {
    if (!shown || !text) return;
    let live = true;
    loadQrImageUrl().then(
      (qrImageUrl) => live && setMade({ text, src: qrImageUrl(text) }),
      // A deploy that removed the chunk while this page was open.
      () => live && setMade({ text, error: 'The QR code could not load: reload the page.' }),
    );
    return () => {
      live = false;
    };
  }, [text, shown]);
  // Never the code of a key selected before.
  return shown && made?.text === text ? made : {};
}
