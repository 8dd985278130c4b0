/**
 * Lists the files (relative to dist) the hosted index.html can load, index.html first; with
 * `firstLoad`, only what it loads at start (static imports), not the chunks loaded on demand.
 */
export function hostedPageFiles(dist: string, options?: { firstLoad?: boolean }): string[];
