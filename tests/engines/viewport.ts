/** The window every engine's tabs get: the desktop size of the Playwright suite. */
export const VIEWPORT = { width: 1200, height: 900 };
