import { encode } from 'uqr';

/** The quiet zone ISO/IEC 18004 asks for around a QR code, in modules. */
const QUIET_ZONE = 4;

/**
 * `text` as a QR code: a `data:` URL of an SVG image, black modules on a white square that
 * includes the 4-module quiet zone, so it scans the same in the page's light and dark schemes.
 *
 * Byte mode, the text's UTF-8 bytes with no ECI header (a PEM is ASCII: every reader takes it as
 * is). Error correction M (15% of the code may be lost): a 2048-bit SPKI PEM (451 bytes with its
 * final newline) takes version 17, 85 modules a side. L would shrink it only to version 14 (73)
 * while halving what glare or a moiré pattern on a screen may hide. Raised to Q or H when the same
 * version holds it (uqr's boostEcc), at no cost.
 */
export function qrImageUrl(text: string): string {
  const { size, data } = encode([...new TextEncoder().encode(text)], {
    ecc: 'M',
    boostEcc: true,
    border: QUIET_ZONE,
  });
  // One subpath per run of dark modules in a row: a few KB for a PEM, instead of a rect each.
  let path = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      path += `M${start} ${y}h${x + 1 - start}v1H${start}z`;
    }
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
