// The key manager as a newcomer meets it (issue 19's "Done when"): the next step in view on a
// first visit, every view one link from the home, a key's whole life on its page with safe
// defaults, and every view whole (no overflow, nothing cut off, axe clean) on a desktop and a
// phone, light and dark. Kalshi is the local mock, reached through the real relay.
import { constants, sign } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
  expect,
  keyHeading,
  keyItem,
  mintKey,
  navLink,
  openKey,
  openView,
  setRelayUrl,
  test,
  ui,
} from './fixtures';
import { importBootstrap, lifecycle } from './lifecycle-steps';
import { nodeRsaKey } from '../helpers/keys';

const VIEWS = [
  ['Keys', '#/', 'Your Kalshi API keys'],
  ['Create a key', '#/new', 'Create a key'],
  ['Import a key', '#/import', 'Import a key'],
  ['Sign a request', '#/sign', 'Sign a request'],
  ['Check a signature', '#/check', 'Check a signature'],
  ['Keys on Kalshi', '#/kalshi', 'Keys on Kalshi'],
  ['Relay and offline', '#/settings', 'Relay and offline'],
] as const;

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

for (const size of SIZES) {
  test(`a first visit at ${size.width}x${size.height} shows "Create a key" without scrolling`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await expect(ui(page).heading).toHaveText('Your Kalshi API keys');
    await expect(ui(page).createKey).toBeInViewport({ ratio: 1 });
    await expect(ui(page).createKey).toBeEnabled();
    // The navigation is there too, whole on a phone as well (it wraps; no menu button).
    for (const [name] of VIEWS) await expect(navLink(page, name)).toBeVisible();
  });
}

test('every view is one link from the home; back, forward and a reload keep the view', async ({
  page,
  watch,
}) => {
  await page.goto('/');
  for (const [name, hash, heading] of VIEWS) {
    await openView(page, 'Keys');
    await navLink(page, name).click();
    await expect(page).toHaveURL(new RegExp(`${hash.replace(/[/#]/g, '\\$&')}$`));
    await expect(ui(page).heading).toHaveText(heading);
    await expect(ui(page).heading).toBeFocused();
  }
  // The last two moves were Keys, then Relay and offline.
  await page.goBack();
  await expect(ui(page).heading).toHaveText('Your Kalshi API keys');
  await page.goBack();
  await expect(ui(page).heading).toHaveText('Keys on Kalshi');
  await page.goForward();
  await expect(ui(page).heading).toHaveText('Your Kalshi API keys');
  await page.goForward();
  await expect(ui(page).heading).toHaveText('Relay and offline');
  await navLink(page, 'Check a signature').click();
  await page.reload();
  await expect(ui(page).heading).toHaveText('Check a signature');
  await expect(navLink(page, 'Check a signature')).toHaveAttribute('aria-current', 'page');
  watch.expectClean();
});

test('a key made with an encrypted backup, then a second key: the second downloads nothing; a deep link opens a key after a reload', async ({
  page,
}) => {
  const downloads: string[] = [];
  page.on('download', (download) => downloads.push(download.suggestedFilename()));
  await page.goto('/#/new');
  await page.getByLabel('Key name').fill('Bot with backup');
  await page.getByRole('radio', { name: 'Encrypted backup' }).check();
  await page.getByRole('button', { name: 'Suggest a passphrase' }).click();
  await expect(page.getByLabel(/^Suggested passphrase/)).toHaveValue(/^[a-z2-9-]{29}$/);
  await ui(page).generateKey.click();
  await expect(keyHeading(page, 'Bot with backup')).toBeVisible();
  await expect.poll(() => downloads).toEqual(['bot-with-backup-private-pkcs8-encrypted.pem']);
  // "Use this key in your bot" is on the key's page, since it has a backup.
  await expect(page.getByRole('heading', { name: 'Use this key in your bot' })).toBeVisible();

  // The second key: the form is back at "No backup", and nothing is downloaded.
  await openView(page, 'Create a key');
  await expect(page.getByRole('radio', { name: 'No backup' })).toBeChecked();
  await page.getByLabel('Key name').fill('Second');
  await ui(page).generateKey.click();
  await expect(keyHeading(page, 'Second')).toBeVisible();
  const second = page.url();
  await page.waitForTimeout(500);
  expect(downloads).toEqual(['bot-with-backup-private-pkcs8-encrypted.pem']);

  // A deep link to a key's page opens it after a reload, and from a new tab.
  await page.reload();
  await expect(keyHeading(page, 'Second')).toBeVisible();
  const other = await page.context().newPage();
  await other.goto(second);
  await expect(keyHeading(other, 'Second')).toBeVisible();
  await other.close();
});

test('import asks for the environment and keeps it', async ({ page }) => {
  await page.goto('/#/import');
  const pem = nodeRsaKey().pkcs1Pem;
  await ui(page).importName.fill('Production bot');
  await ui(page).environment.selectOption({ label: 'Production' });
  await ui(page).privateKeyPem.fill(pem);
  await ui(page).importKey.click();
  await expect(keyHeading(page, 'Production bot')).toBeVisible();
  await expect(page.getByText(/^Production · Not registered/)).toBeVisible();
  await openView(page, 'Keys');
  await expect(keyItem(page, 'Production bot')).toContainText('Production');
});

test('register with the default scopes, then rotate from the key page with a reload in the middle: the old key is then never chosen, offered or accepted', async ({
  page,
  kalshiMock,
  kalshiRelay,
  watch,
}) => {
  test.setTimeout(120_000);
  const l = lifecycle(page);
  await page.goto('/');
  await setRelayUrl(page, kalshiRelay.url);
  await importBootstrap(page, kalshiMock, 'Bootstrap');
  await mintKey(page, 'Trading bot');

  // Register from the key's page, straight through: "Read and trade", signed by the bootstrap key.
  await expect(l.scopes.getByRole('button', { name: 'Read and trade' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(l.signWith).toHaveValue(/.+/);
  await l.register.click();
  await expect(ui(page).kalshiKeyId).toHaveValue(/^[\da-f-]{36}$/);
  const tradingId = await ui(page).kalshiKeyId.inputValue();
  const sent = kalshiMock.requests.find(
    (r) => r.method === 'POST' && r.path === '/trade-api/v2/api_keys',
  )!;
  expect(JSON.parse(String(sent.body)).scopes).toEqual(['read', 'write::trade']);
  expect(kalshiMock.registeredKeys.get(tradingId)!.scopes).toEqual(['read', 'write::trade']);

  // Rotate the bootstrap key (Kalshi has not said its scopes: the page asks, Read and trade).
  await openKey(page, 'Bootstrap');
  await expect(l.scopes).toBeVisible();
  await l.rotate.click();
  await expect(page.getByRole('dialog', { name: /Delete old key “Bootstrap”/ })).toBeVisible();
  // A reload before confirming: the rotation waits on the key's page and on the home.
  await page.reload();
  await expect(keyHeading(page, 'Bootstrap')).toBeVisible();
  await expect(l.continueRotation).toBeVisible();
  await openView(page, 'Keys');
  await expect(page.getByRole('link', { name: 'Continue rotation' })).toBeVisible();
  await page.getByRole('link', { name: 'Continue rotation' }).click();
  await l.continueRotation.click();
  await l.deleteOldKey.click();
  // Then the new key's page.
  await expect(page.getByRole('status').filter({ hasText: 'Rotation done' })).toBeVisible();
  await expect(ui(page).heading).toHaveText(/^Bootstrap \(\d{4}-\d\d-\d\d\)$/);
  expect(kalshiMock.registeredKeys.has(kalshiMock.bootstrapKeyId)).toBe(false);

  // The retired key: last on the home, dimmed; not the Sign view's key; not offered to sign.
  await openView(page, 'Keys');
  await expect(ui(page).keyItems.last()).toContainText(/Bootstrap\s*Demo\s*Retired/);
  await openView(page, 'Sign a request');
  await expect(ui(page).signingKey.locator('option:checked')).not.toHaveText('Bootstrap');
  await expect(ui(page).signingKey.locator('option', { hasText: /^Bootstrap$/ })).toHaveCount(0);
  await openView(page, 'Keys on Kalshi');
  await expect(l.viewSignWith.locator('option', { hasText: /^Bootstrap \(demo\)/ })).toHaveCount(0);
  await expect(l.viewSignWith.locator('option', { hasText: /^Bootstrap \(\d/ })).toHaveCount(1);
  // Opened by its address, Sign refuses it with the reason.
  await openView(page, 'Keys');
  await keyItem(page, 'Bootstrap').getByRole('link').click();
  await expect(page.getByText('Retired: deleted on Kalshi on')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rotate key' })).toHaveCount(0);
  const retiredId = /#\/key\/(.+)$/.exec(page.url())![1];
  await page.goto(`/#/sign?key=${retiredId}`);
  await ui(page).signRequest.click();
  await expect(page.getByRole('alert').filter({ hasText: /retired/ })).toContainText(
    'Kalshi deleted its key ID, so Kalshi rejects what it signs',
  );
  await expect(ui(page).accessSignature).toHaveValue('');
  watch.expectClean();
});

test("the doctor's wrong-salt and seconds verdicts are sentences in the error colour", async ({
  page,
}) => {
  const { privateKey, publicPem } = nodeRsaKey();
  const path = '/trade-api/v2/portfolio/balance';
  const pss = (message: string, saltLength: number) =>
    sign('sha256', Buffer.from(message), {
      key: privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength,
    }).toString('base64');
  await page.goto('/#/check');
  await page
    .getByRole('combobox', { name: 'Key to check against' })
    .selectOption({ label: 'Paste a public key…' });
  await page.getByLabel('Public key to check against').fill(publicPem);
  await page.getByLabel('URL or path').fill(path);
  const danger = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--danger').trim(),
  );
  const colourOf = (p: Page) => p.locator('.verdict').evaluate((el) => getComputedStyle(el).color);
  const asRgb = (p: Page, css: string) =>
    p.evaluate((value) => {
      const probe = document.createElement('span');
      probe.style.color = value;
      document.body.append(probe);
      const rgb = getComputedStyle(probe).color;
      probe.remove();
      return rgb;
    }, css);

  for (const [timestamp, signature, sentence] of [
    [
      String(Date.now()),
      (ts: string) => pss(`${ts}GET${path}`, 222),
      'Kalshi would reject this: the signature uses a 222-byte salt; Kalshi needs 32.',
    ],
    [
      String(Math.floor(Date.now() / 1000)),
      (ts: string) => pss(`${ts}GET${path}`, 32),
      'Kalshi would reject this: the timestamp is in seconds; Kalshi needs milliseconds.',
    ],
  ] as const) {
    await page.getByLabel('KALSHI-ACCESS-TIMESTAMP value').fill(timestamp);
    await page.getByLabel('KALSHI-ACCESS-SIGNATURE value').fill(signature(timestamp));
    await page.getByRole('button', { name: 'Check signature' }).click();
    const verdict = page.getByRole('alert').filter({ hasText: sentence });
    await expect(verdict).toBeVisible();
    expect(await colourOf(page)).toBe(await asRgb(page, danger));
  }
});

/** Horizontal overflow of the page, and elements whose text is cut off (clipped, not scrolling). */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('main *, header *, .notices *')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || el.closest('dialog:not([open])')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.right > root.clientWidth + 1 && rect.width > 0)
        problems.push(`${el.tagName}#${el.id || el.className} ends at ${rect.right}`);
      const clips = ['hidden', 'clip'].includes(style.overflowX);
      if (clips && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${el.tagName}#${el.id || el.className} cuts off its text`);
    }
    // The public key's lines are whole, without scrolling.
    const pem = document.getElementById('public-pem') as HTMLTextAreaElement | null;
    if (pem && pem.scrollWidth > pem.clientWidth + 1)
      problems.push(`Public key (PEM): ${pem.scrollWidth} > ${pem.clientWidth}`);
    return problems;
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every view, a key's page and a rotation in progress, at 1280x800 and 390x844 (${scheme}): whole, axe clean`, async ({
    page,
    kalshiMock,
    watch,
  }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await importBootstrap(page, kalshiMock, 'Bootstrap');
    await mintKey(page, 'Trading bot');
    const heights: Record<string, number> = {};
    const states: [string, () => Promise<void>][] = [
      ...VIEWS.map(([name]): [string, () => Promise<void>] => [name, () => openView(page, name)]),
      ["a key's page", () => openKey(page, 'Trading bot')],
      [
        "a key's page, rotation in progress",
        async () => {
          await openKey(page, 'Bootstrap');
          const { rotate, continueRotation } = lifecycle(page);
          // Once the page has read whether a rotation is stored: "Rotate key" enabled, or the
          // rotation started at the first size, to continue.
          await expect(rotate.and(page.locator(':enabled')).or(continueRotation)).toBeVisible();
          if (!(await continueRotation.isVisible())) {
            await rotate.click();
            // No relay: the step waits for its curl command to be run.
            await expect(page.getByLabel('Command to run')).toHaveValue(/^curl -i/);
          }
        },
      ],
    ];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const [state, open] of states) {
        await open();
        await expect(ui(page).heading).toBeVisible();
        expect(await layoutProblems(page), `${state} at ${size.width} px`).toEqual([]);
        await expectNoAxeViolations(page, `${state} at ${size.width} px, ${scheme}`);
        if (size.width === 1280)
          heights[state] = await page.evaluate(() => document.documentElement.scrollHeight);
      }
    }
    test.info().annotations.push({
      type: 'document heights at 1280x800',
      description: JSON.stringify(heights),
    });
    console.log(`document heights at 1280x800 (${scheme}): ${JSON.stringify(heights)}`);
    watch.expectClean();
  });
}
