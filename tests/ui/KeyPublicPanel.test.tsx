// @vitest-environment happy-dom
// "Show as QR code" in the selected key's panel. The browser test (tests/e2e/public-key.spec.ts)
// decodes the image with ZBar; here: its name, the toggle, and that it follows the selected key.
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/core';
import { newKeyRecord } from '../../src/storage/new-record';
import type { KeyRecord } from '../../src/storage/types';
import { KeyPublicPanel } from '../../src/ui/keys/KeyPublicPanel';
import { closeStores } from './helpers';

afterEach(() => {
  cleanup();
  closeStores();
});

const showQr = () => screen.getByRole('button', { name: 'Show as QR code' });
const qrImage = () => screen.queryByRole('img', { name: 'QR code of the public key' });
const svgOf = (img: HTMLElement) =>
  decodeURIComponent(img.getAttribute('src')!.replace('data:image/svg+xml,', ''));

describe('Show as QR code', () => {
  it('is off until a key is selected', () => {
    render(<KeyPublicPanel record={undefined} />);
    expect(showQr()).toBeDisabled();
    expect(qrImage()).toBeNull();
  });

  it('shows the public key as an image named "QR code of the public key", black on white, and hides it again', async () => {
    const user = userEvent.setup();
    const record = await newKeyRecord(await generateKeyPair(), 'QR');
    render(<KeyPublicPanel record={record} />);
    expect(showQr()).toHaveAttribute('aria-pressed', 'false');

    await user.click(showQr());
    const image = await screen.findByRole('img', { name: 'QR code of the public key' });
    expect(showQr()).toHaveAttribute('aria-pressed', 'true');
    expect(image.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    // Its own white square (quiet zone included) and black modules, whatever the page's colours:
    // a 2048-bit SPKI PEM is version 17 at level M, 85 modules and 4 of quiet zone each side.
    const svg = svgOf(image);
    expect(svg).toContain('viewBox="0 0 93 93"');
    expect(svg).toContain('<rect width="93" height="93" fill="#fff"/>');
    expect(svg).toMatch(/<path d="M[^"]+" fill="#000"\/>/);

    await user.click(showQr());
    expect(qrImage()).toBeNull();
    expect(showQr()).toHaveAttribute('aria-pressed', 'false');
  });

  it('follows the selected key and never shows the code of the key selected before', async () => {
    const user = userEvent.setup();
    const [first, second] = await Promise.all(
      ['First', 'Second'].map(async (name) => newKeyRecord(await generateKeyPair(), name)),
    );
    const panel = (record: KeyRecord) => <KeyPublicPanel record={record} />;
    const { rerender } = render(panel(first!));
    await user.click(showQr());
    const before = svgOf(await screen.findByRole('img', { name: 'QR code of the public key' }));

    rerender(panel(second!));
    const shown = qrImage();
    if (shown) expect(svgOf(shown)).not.toBe(before);
    await expect
      .poll(() => {
        const image = qrImage();
        return image && svgOf(image) !== before;
      })
      .toBe(true);
  });
});
