/**
 * From file://, when "Keep keys on this computer" was already on as the page opened. Every HTML
 * file opened from this computer shares that storage in Chromium and can write the setting, so
 * the page says it before a key is added instead of storing keys unannounced.
 */
export function KeptOnFileNotice() {
  return (
    <p role="alert" class="notice warning">
      “Keep keys on this computer” was on when this page opened: keys you create or import here are
      stored where any HTML file opened on this computer can use them to sign. If you did not turn
      it on, another file did: untick it before you add a key.
    </p>
  );
}
