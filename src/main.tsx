import { render } from 'preact';
import { createKeyStore } from './storage/key-store';
import { App } from './ui/App';
import './ui/styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
// The service worker registers from UpdateBanner (use-service-worker.ts), inside the app.
render(<App store={createKeyStore()} />, root);
