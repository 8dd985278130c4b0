// Constants that vite.config.ts `define`s at build time.
declare const __BUILD_FLAVOR__: 'single' | 'hosted';
declare const __SINGLE_FILE_NAME__: string;
/** Hex SHA-256 of dist/kalshi-keys.html, or '' when the single file was not built first. */
declare const __SINGLE_FILE_SHA256__: string;
/** Hex SHA-256 of relay/kalshi-relay.mjs (copied beside the hosted page), or '' outside a build. */
declare const __RELAY_FILE_SHA256__: string;
