import { render } from 'preact';
import { createKeyStore, getSetting } from './storage/key-store';
import { App } from './ui/shell/App';
import { KEEP_ON_FILE_SETTING } from './ui/common/settings';
import './ui/styles.css';

// From file:// keys stay in memory unless the user opted in (StorageNotice says why).
const fileOrigin = location.protocol === 'file:';
// No top-level await: it turns off Rolldown's chunk optimizations, so every on-demand chunk would
// split Preact out of the first-load script into a chunk of its own (more bytes at start).
void (fileOrigin ? getSetting<boolean>(KEEP_ON_FILE_SETTING) : Promise.resolve(false)).then(
  (keep) => {
    const keepOnFile = fileOrigin && keep === true;
    const root = document.getElementById('app')!;
    // Preact renders beside what is already there: index.html's "could not start" text, or the DOM
    // of a copy saved with "Save page as".
    root.replaceChildren();
    // The service worker registers from UpdateBanner (use-service-worker.ts), inside the app.
    render(
      <App
        store={createKeyStore(undefined, { sessionOnly: fileOrigin && !keepOnFile })}
        fileOrigin={fileOrigin}
      />,
      root,
    );
  },
);
