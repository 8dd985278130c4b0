// lazy.ts for the single file: the same exports with static imports, swapped in by
// `vite build --mode single` (src/build/single-file.ts). The single file inlines everything anyway,
// and an `import()` kept lazy there costs bytes (the bundler wraps each module it reaches in an
// init function and keeps a namespace object of it). Its preloads have nothing to start.
import { userMessage } from '../common/messages';
import { mintWithBackup } from '../create/mint-backup';
import { recordFromPastedGenerateAnswer } from '../common/generated-key';
import { passphraseProblem } from '../../core/passphrase';
import { qrImageUrl } from '../keys/qr-image';
import { toImportBox } from './file-drop';

export { KeyPage } from '../keys/KeyPage';
export { KeyOnKalshi } from '../kalshi/KeyOnKalshi';
export { StorageAlert } from '../settings/StorageNotice';
export { RotationNotice } from './RotationNotice';
export { UpdateBanner } from './UpdateBanner';
export { SharedOriginNotice } from './SharedOriginNotice';
export { ImportPanel } from '../import/ImportPanel';
export { GenerateKey } from '../kalshi/GenerateKey';
export { SignPanel } from '../sign/SignPanel';
export { DoctorPanel } from '../doctor/DoctorPanel';
export { KalshiView } from '../kalshi/KalshiView';
export { SettingsView } from '../settings/SettingsView';

export { BackupOptions } from '../create/BackupOptions';
export { BotSnippets } from '../keys/BotSnippets';
export { RelaySend } from '../sign/RelaySend';

export const loadUserMessage = () => Promise.resolve(userMessage);
export const loadToImportBox = () => Promise.resolve(toImportBox);
export const loadMintWithBackup = () => Promise.resolve(mintWithBackup);
export const loadPassphraseProblem = () => Promise.resolve(passphraseProblem);
export const loadRecordFromPastedGenerateAnswer = () =>
  Promise.resolve(recordFromPastedGenerateAnswer);
export const loadQrImageUrl = () => Promise.resolve(qrImageUrl);

const loaded = (): void => {};
export const preloadKeyPage = loaded;
export const preloadBotSnippets = loaded;
export const preloadMintBackup = loaded;
export const preloadPbes2 = loaded;
