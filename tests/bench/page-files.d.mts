/** Lists the files (relative to dist) the hosted index.html can load, index.html first. */
export function hostedPageFiles(dist: string): string[];
