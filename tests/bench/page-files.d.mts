/**
 * Lists the files (relative to dist) the hosted index.html can load, index.html first; with
 * `firstLoad`, only what a first visit loads before the page works (no on-demand chunks).
 */
export function hostedPageFiles(dist: string, options?: { firstLoad?: boolean }): string[];
