// Shared Vitest setup. DOM tests opt in per file with `// @vitest-environment happy-dom`.
import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/preact';
import { vi } from 'vitest';

// The unit suite's time limits, all here. CI runs it on two cores shared with other jobs, where
// RSA keygen, 600,000-iteration PBKDF2 and a panel loaded on demand each take seconds; only a
// failing test waits the whole time. A findBy or waitFor gives up well before its test does, so a
// missing element fails with Testing Library's message (what it looked for), not "timed out".
const TEST_TIMEOUT_MS = 30_000;
vi.setConfig({ testTimeout: TEST_TIMEOUT_MS, hookTimeout: TEST_TIMEOUT_MS });
configure({ asyncUtilTimeout: TEST_TIMEOUT_MS - 10_000 });
