/**
 * Lists the files (relative to dist) the hosted index.html can load, index.html first.
 * `firstLoad`: only what a first visit downloads before the page works, not on-demand chunks.
 */
export function hostedPageFiles(dist: string, options?: { firstLoad?: boolean }): string[];
