// The selected key's public key as the user carries it away.
// - As a QR code (issue 14): what a phone sees of the page is decoded by ZBar (Debian's zbar-tools,
//   a C decoder that shares nothing with the page's encoder) back to the exact text of "Public key
//   (PEM)", in the light and the dark colour scheme.
// - In "Public key (PEM)": each 64-column PEM line on one visual line, whole, from 360 px up.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, keyHeading, mintKey, test, ui } from './fixtures';

const ZBARIMG = process.env.ZBARIMG_PATH || '/usr/bin/zbarimg';
// Only QR codes, read as bytes: with every symbology on, ZBar once read a 1D barcode out of the
// QR code's modules in a Firefox screenshot and printed its digits instead of the PEM.
const QR_ONLY = ['-Sdisable', '-Sqrcode.enable', '-Sbinary'];

/** ZBar's reading of a PNG: the QR code's bytes exactly (-Sbinary adds no newline, no recoding). */
function decodeQr(png: Buffer): string {
  expect(
    existsSync(ZBARIMG),
    `${ZBARIMG} is missing: install Debian's zbar-tools (npm test does it) or set ZBARIMG_PATH`,
  ).toBe(true);
  const dir = mkdtempSync(join(tmpdir(), 'kk-qr-'));
  try {
    writeFileSync(join(dir, 'qr.png'), png);
    return execFileSync(ZBARIMG, ['--quiet', '--raw', ...QR_ONLY, join(dir, 'qr.png')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString('latin1');
  } catch (error) {
    // Exit status 4: ZBar found no code in the image.
    if ((error as { status?: number }).status === 4) return '(no QR code found)';
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The image as the page shows it, with some of the page around it, as a phone would frame it. */
async function screenshotAround(page: Page, image: Locator): Promise<Buffer> {
  await image.scrollIntoViewIfNeeded();
  const box = (await image.boundingBox())!;
  const margin = 24;
  return page.screenshot({
    clip: {
      x: box.x - margin,
      y: box.y - margin,
      width: box.width + 2 * margin,
      height: box.height + 2 * margin,
    },
  });
}

/**
 * Reads the image's pixels in the page: the side of a module (the first dark run from the top-left
 * is the finder pattern, 7 modules wide) and the light margin before it, in modules.
 */
function measureQr(image: Locator) {
  return image.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const size = Math.round(img.getBoundingClientRect().width);
    const canvas = Object.assign(document.createElement('canvas'), { width: size, height: size });
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0, size, size);
    const { data } = context.getImageData(0, 0, size, size);
    const dark = (x: number, y: number) => data[(y * size + x) * 4]! < 128;
    let first = -1;
    for (let d = 0; d < size && first < 0; d++) if (dark(d, d)) first = d;
    let run = 0;
    while (first + run < size && dark(first + run, first)) run++;
    const module = run / 7;
    // Light on every side: the whole outer ring as wide as the top-left margin.
    let lightRing = true;
    for (let i = 0; i < size; i++)
      for (let j = 0; j < first - 1; j++)
        if (dark(i, j) || dark(j, i) || dark(i, size - 1 - j) || dark(size - 1 - j, i))
          lightRing = false;
    return { size, module, quietModules: first / module, lightRing };
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`"Show as QR code" shows the public key PEM as a QR code that decodes to the exact text (${colorScheme})`, async ({
    page,
    watch,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    const pem = await mintKey(page, `QR ${colorScheme}`);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      colorScheme === 'dark' ? 'rgb(17, 20, 24)' : 'rgb(247, 247, 245)',
    );

    const show = page.getByRole('button', { name: 'Show as QR code', exact: true });
    await show.click();
    const image = page.getByRole('img', { name: 'QR code of the public key', exact: true });
    await expect(image).toBeVisible();
    await expect(show).toHaveAttribute('aria-pressed', 'true');

    expect(decodeQr(await screenshotAround(page, image))).toBe(pem);
    expect(decodeQr(await image.screenshot())).toBe(pem);

    // Big enough for a phone camera, with the 4-module quiet zone of ISO/IEC 18004, light.
    const measured = await measureQr(image);
    expect(measured.size).toBeGreaterThanOrEqual(300);
    expect(measured.module).toBeGreaterThanOrEqual(3.5);
    expect(measured.quietModules).toBeCloseTo(4, 0);
    expect(measured.lightRing).toBe(true);

    // The same button hides it again.
    await show.click();
    await expect(image).toHaveCount(0);
    await expect(show).toHaveAttribute('aria-pressed', 'false');
    watch.expectClean();
  });
}

test('the QR code follows the key whose page is shown and decodes to that key’s PEM', async ({
  page,
}) => {
  await page.goto('/');
  const first = await mintKey(page, 'First');
  const firstPage = page.url();
  const second = await mintKey(page, 'Second');
  const secondPage = page.url();
  expect(second).not.toBe(first);

  await page.goto(firstPage);
  await expect(keyHeading(page, 'First')).toBeVisible();
  await page.getByRole('button', { name: 'Show as QR code', exact: true }).click();
  const image = page.getByRole('img', { name: 'QR code of the public key', exact: true });
  expect(decodeQr(await image.screenshot())).toBe(first);

  // A link from one key's page to another's (as after a rotation): the code shown is the new key's.
  await page.goto(secondPage);
  await expect(keyHeading(page, 'Second')).toBeVisible();
  await expect(image).toBeVisible();
  await expect.poll(async () => decodeQr(await image.screenshot())).toBe(second);
  expect(await ui(page).publicKeyPem.inputValue()).toBe(second);
});

for (const width of [1280, 360]) {
  test(`at ${width} px every line of "Public key (PEM)" is one visual line, whole, without scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    const pem = await mintKey(page, 'Wide');
    // The final newline opens one more (empty) line in a textarea.
    const lines = pem.split('\n').length;
    const box = await ui(page).publicKeyPem.evaluate((area: HTMLTextAreaElement) => {
      const style = getComputedStyle(area);
      return {
        whiteSpace: style.whiteSpace,
        lineHeight: parseFloat(style.lineHeight),
        padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom),
        scrollHeight: area.scrollHeight,
        scrollWidth: area.scrollWidth,
        clientWidth: area.clientWidth,
      };
    });
    expect(box.whiteSpace).toBe('pre');
    // Soft-wrapped, each 64-column line would take two.
    expect(box.scrollHeight).toBeLessThanOrEqual(lines * box.lineHeight + box.padding + 1);
    // All 64 columns fit the box: nothing of a line is hidden behind a sideways scroll.
    expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );
  });
}
