// How to get a relay: kalshi-relay.mjs, downloaded from this site (with its SHA-256, as for the
// single file) and started with this page's origin. Part of RelaySend's on-demand chunk: the first
// load does not carry the text.

export interface RelayHelpProps {
  /** This page's origin, for the relay's --origin. */
  origin?: string;
  /** Hex SHA-256 of the kalshi-relay.mjs beside this page; '' when there is none (npm run dev). */
  sha256?: string;
}

export function RelayHelp({
  origin = location.origin,
  sha256 = __RELAY_FILE_SHA256__,
}: RelayHelpProps) {
  const command = `node kalshi-relay.mjs --origin ${origin}`;
  return (
    <div class="hint" id="relay-help">
      <p>
        No relay?{' '}
        {sha256 ? (
          <>
            <a href="./kalshi-relay.mjs" download="kalshi-relay.mjs">
              Download relay (kalshi-relay.mjs)
            </a>{' '}
            SHA-256: <code>{sha256}</code>.{' '}
          </>
        ) : (
          <>
            It is <code>relay/kalshi-relay.mjs</code> in the kalshi-keys repository.{' '}
          </>
        )}
        One file for Node 20 or later: it runs on your computer, holds no key, forwards only to
        Kalshi's API and drops your browser's headers. Start it with:
      </p>
      <pre>
        <code>{command}</code>
      </pre>
      <p>
        and paste the address it prints (http://127.0.0.1:8787) into "Relay URL". It refuses, with
        403, pages it was not started for: the browser then reports a blocked request; stop it and
        start it with the command above. From an https:// page, Chrome asks whether this site may
        access other apps and devices on your computer or network: allow it, or the request is
        blocked.
      </p>
    </div>
  );
}
