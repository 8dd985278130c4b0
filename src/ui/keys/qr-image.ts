import { correction, generate } from 'lean-qr/nano';

/** The quiet zone ISO/IEC 18004 asks for around a QR code, in modules. */
const QUIET_ZONE = 4;

/**
 * `text` as a QR code: a `data:` URL of an SVG image, black modules on a white square that
 * includes the 4-module quiet zone, so it scans the same in the page's light and dark schemes.
 *
 * lean-qr's nano build, 1.5 KB gzip smaller than its full one: byte mode, the text's UTF-8 bytes
 * after an ECI header naming UTF-8 (a PEM is ASCII, which every reader takes either way), error
 * correction M (15% of the code may be lost). A 2048-bit SPKI PEM (451 bytes with its final
 * newline) takes version 17, 85 modules a side; L would shrink it only to version 14 (73) while
 * halving what glare or a moiré pattern on a screen may hide.
 */
export function qrImageUrl(text: string): string {
  const code = generate(text, {
    minCorrectionLevel: correction.M,
  });
  const side = code.size + 2 * QUIET_ZONE;
  // One subpath per run of dark modules in a row: a few KB for a PEM, instead of a rect each.
  let path = '';
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      if (!code.get(x, y)) continue;
      const start = x;
      while (code.get(x + 1, y)) x++;
      path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x + 1 - start}v1H${start + QUIET_ZONE}z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
