/**
 * Offers PEM `text` as a file download. Nothing is sent anywhere: the file is a local blob URL.
 */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  // Attached while clicked: older Firefox ignores clicks on detached links. Removed before the
  // next paint, so it is never seen.
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file-name-safe form of a key name: "My key #1" -> "my-key-1". */
export const fileSlug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'kalshi-key';
