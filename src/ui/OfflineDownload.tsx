/**
 * The link to the single-file build for air-gapped machines, with its SHA-256 so a user can check
 * the copy they carry over (the build is reproducible). Hidden where there is nothing to link:
 * in the single file itself, and in a hosted build made without the single file first.
 */
export function OfflineDownload() {
  if (__BUILD_FLAVOR__ !== 'hosted' || !__SINGLE_FILE_SHA256__) return null;
  return (
    <p>
      <a href={`./${__SINGLE_FILE_NAME__}`} download={__SINGLE_FILE_NAME__}>
        Download for offline use
      </a>{' '}
      (one HTML file) SHA-256: <code>{__SINGLE_FILE_SHA256__}</code>
    </p>
  );
}
