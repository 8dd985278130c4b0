// Minting with a one-time backup, loaded only when "Also save a backup of the private key" is
// chosen: it needs the private key export (and pbes2.ts for a passphrase), which a plain
// "Generate key" does not, so the page's first load leaves them out.
import { generateKeyPair } from '../../core/keys';
import { exportPrivateKeyPem, importPrivateKeyPem } from '../../core/key-files';
import type { BackupChoice } from './BackupOptions';
import { downloadText, fileSlug } from '../common/download';

/**
 * A new key pair whose private key is exported exactly once, as the backup file (encrypted when
 * there is a passphrase), then re-imported non-extractable. The key is stored from the plain
 * PKCS#8 in memory, so an encrypted backup costs one key derivation, not two.
 */
export async function mintWithBackup(
  { format, passphrase }: BackupChoice,
  name: string,
): Promise<{ pair: CryptoKeyPair; file: string }> {
  const { privateKey } = await generateKeyPair({ extractable: true });
  const pem = await exportPrivateKeyPem(privateKey);
  const file = `${fileSlug(name)}-private-${format}${passphrase ? '-encrypted' : ''}.pem`;
  downloadText(
    file,
    passphrase
      ? await exportPrivateKeyPem(privateKey, 'pkcs8', { passphrase })
      : format === 'pkcs8'
        ? pem
        : await exportPrivateKeyPem(privateKey, format),
  );
  // Re-import so only a non-extractable handle survives; the extractable one goes out of scope here.
  return { pair: await importPrivateKeyPem(pem), file };
}
