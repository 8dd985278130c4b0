// Every on-demand boundary of the page, in one place: the views, panels and code a first visit does
// not need. In the hosted build each `import()` here is a chunk of its own, precached by the service
// worker (every file of the build is), so offline use is unchanged. The single file has no chunks:
// `vite build --mode single` swaps in lazy-single.ts (src/build/single-file.ts), the same exports
// with static imports, so there every component is there from the start and nothing waits.
import { onDemand, preload } from './on-demand';

// Views behind a route, and the notices the shell shows now and then.
export const KeyPage = /* @__PURE__ */ onDemand(() =>
  import('../keys/KeyPage').then((m) => m.KeyPage),
);
export const KeyOnKalshi = /* @__PURE__ */ onDemand(() =>
  import('../kalshi/KeyOnKalshi').then((m) => m.KeyOnKalshi),
);
export const StorageAlert = /* @__PURE__ */ onDemand(() =>
  import('../settings/StorageNotice').then((m) => m.StorageAlert),
);
export const RotationNotice = /* @__PURE__ */ onDemand(() =>
  import('./RotationNotice').then((m) => m.RotationNotice),
);
export const UpdateBanner = /* @__PURE__ */ onDemand(() =>
  import('./UpdateBanner').then((m) => m.UpdateBanner),
);
// Its checks of the address (core/shared-origin.ts) need not hold up "Create a key".
export const SharedOriginNotice = /* @__PURE__ */ onDemand(() =>
  import('./SharedOriginNotice').then((m) => m.SharedOriginNotice),
);
export const ImportPanel = /* @__PURE__ */ onDemand(() =>
  import('../import/ImportPanel').then((m) => m.ImportPanel),
);
export const GenerateKey = /* @__PURE__ */ onDemand(() =>
  import('../kalshi/GenerateKey').then((m) => m.GenerateKey),
);
export const SignPanel = /* @__PURE__ */ onDemand(() =>
  import('../sign/SignPanel').then((m) => m.SignPanel),
);
export const DoctorPanel = /* @__PURE__ */ onDemand(() =>
  import('../doctor/DoctorPanel').then((m) => m.DoctorPanel),
);
export const KalshiView = /* @__PURE__ */ onDemand(() =>
  import('../kalshi/KalshiView').then((m) => m.KalshiView),
);
export const SettingsView = /* @__PURE__ */ onDemand(() =>
  import('../settings/SettingsView').then((m) => m.SettingsView),
);

// Parts of a view that wait for a choice: the backup fields, the bot snippets, sending through a
// relay (the single file cannot send: connect-src 'none', so there it is left out altogether).
export const BackupOptions = /* @__PURE__ */ onDemand(() =>
  import('../create/BackupOptions').then((m) => m.BackupOptions),
);
export const BotSnippets = /* @__PURE__ */ onDemand(() =>
  import('../keys/BotSnippets').then((m) => m.BotSnippets),
);
export const RelaySend = /* @__PURE__ */ onDemand(() =>
  import('../sign/RelaySend').then((m) => m.RelaySend),
);

// Functions loaded at their first call. Failures are rare, so their words come with the first one
// (messages.ts); a pasted answer from Kalshi, a dropped file, a backup, a passphrase or a QR code
// brings its own code along.
export const loadUserMessage = () => import('../common/messages').then((m) => m.userMessage);
export const loadToImportBox = () => import('./file-drop').then((m) => m.toImportBox);
export const loadMintWithBackup = () =>
  import('../create/mint-backup').then((m) => m.mintWithBackup);
export const loadPassphraseProblem = () =>
  import('../../core/passphrase').then((m) => m.passphraseProblem);
export const loadRecordFromPastedGenerateAnswer = () =>
  import('../common/generated-key').then((m) => m.recordFromPastedGenerateAnswer);
export const loadQrImageUrl = () => import('../keys/qr-image').then((m) => m.qrImageUrl);

// Started early, so the code is there by the time it is used: a key's page is asked for at once
// (it shows the moment a key has been made), the rest on the choice that leads to them.
export const preloadKeyPage = () => preload(() => import('../keys/KeyPage'));
export const preloadBotSnippets = () => preload(() => import('../keys/BotSnippets'));
export const preloadMintBackup = () => preload(loadMintWithBackup);
export const preloadPbes2 = () => preload(() => import('../../core/pbes2'));
