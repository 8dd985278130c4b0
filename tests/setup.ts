// Shared Vitest setup. DOM tests opt in per file with `// @vitest-environment happy-dom`.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/preact';

// findBy* and waitFor give up after 1 s by default: a component that signs with WebCrypto and loads
// a panel on demand can take longer when the whole suite runs on two busy cores. Only a failing
// test waits the extra seconds.
configure({ asyncUtilTimeout: 5000 });
