import { render } from 'preact';
import { replaceContentIfFramed } from './frame-guard';
import { createKeyStore } from './storage/key-store';
import { getSetting } from './storage/settings';
import { installTrustedTypesPolicy } from './trusted-types';
import { App } from './ui/shell/App';
import { KEEP_ON_FILE_SETTING } from './ui/common/settings';
import './ui/styles.css';

// First: the CSP requires Trusted Types, and the service worker's URL passes only through this
// policy. The single file registers no service worker, and its CSP allows no policy at all.
if (__BUILD_FLAVOR__ === 'hosted') installTrustedTypesPolicy(window);

// From file:// keys stay in memory unless the user opted in (StorageSettings says why). Only the
// single file runs from file:// (the hosted build's module script does not load from disk).
const fileOrigin = __BUILD_FLAVOR__ === 'single' && location.protocol === 'file:';
const root = document.getElementById('app')!;
// Framed, the page shows one sentence and opens nothing: no key store, no service worker.
if (!replaceContentIfFramed(window, root)) {
  // No top-level await: it turns off Rolldown's chunk optimizations, so every on-demand chunk would
  // split Preact out of the first-load script into a chunk of its own (more bytes at start).
  void (fileOrigin ? getSetting<boolean>(KEEP_ON_FILE_SETTING) : Promise.resolve(false)).then(
    (keep) => {
      const keepOnFile = fileOrigin && keep === true;
      // Preact renders beside what is already there: index.html's "could not start" text, or the
      // DOM of a copy saved with "Save page as".
      root.replaceChildren();
      // The service worker registers from UpdateBanner, inside the app.
      render(
        <App
          store={createKeyStore(undefined, { sessionOnly: fileOrigin && !keepOnFile })}
          fileOrigin={fileOrigin}
          keptOnFile={keepOnFile}
        />,
        root,
      );
    },
  );
}
