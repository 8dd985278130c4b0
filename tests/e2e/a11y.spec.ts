// Issue 3/4: axe-core finds no violations in any view empty, on a key's page, and with an error
// shown, on a desktop and on a phone, in both colour schemes. axe does not read ::placeholder, so
// the hints inside empty fields get their own contrast check, in every view.
import { expectNoAxeViolations } from './axe';
import type { Page } from '@playwright/test';
import {
  expect,
  importPem,
  mintKey,
  openKey,
  openView,
  signRequest,
  test,
  ui,
  type ViewName,
} from './fixtures';

const VIEWS: ViewName[] = [
  'Keys',
  'Create a key',
  'Import a key',
  'Sign a request',
  'Check a signature',
  'Keys on Kalshi',
  'Relay and offline',
];

/** Opens each view in turn and collects what `inView` finds there, labelled by the view. */
async function inEveryView<T>(page: Page, inView: () => Promise<T[]>): Promise<[string, T][]> {
  const found: [string, T][] = [];
  for (const view of VIEWS) {
    await openView(page, view);
    await expect(ui(page).heading).toBeVisible();
    for (const item of await inView()) found.push([view, item]);
  }
  return found;
}

/** The page's `contrast(a, b)`: the WCAG 2 contrast ratio of two computed CSS colours. */
type Contrast = { contrast: (a: string, b: string) => number };
function defineContrast() {
  const luminance = (color: string) => {
    const [r, g, b] = color
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  (window as unknown as Contrast).contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((m, n) => n - m);
    return (x! + 0.05) / (y! + 0.05);
  };
}

// Each axe scan of the whole page takes 2-4 s on a quiet 2-core machine and 10 s or more on a busy
// one; a test makes up to nine of them.
test.describe.configure({ timeout: 180_000 });

for (const scheme of ['light', 'dark'] as const) {
  test(`no axe violations (${scheme}): empty, with keys, with an error`, async ({
    page,
    watch,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(ui(page).createKey).toBeVisible();
    for (const view of VIEWS) {
      await openView(page, view);
      await expect(ui(page).heading).toBeVisible();
      await expectNoAxeViolations(page, `"${view}" empty`);
    }

    await mintKey(page, 'Axe key');
    await ui(page).kalshiKeyId.fill('7c9e6679-7425-40de-944b-e07fc1f90ae7');
    await expectNoAxeViolations(page, 'with a key');

    const result = await importPem(page, 'this is not a PEM');
    expect(result.ok).toBe(false);
    await expectNoAxeViolations(page, 'with an error shown');
    expect(watch.pageErrors).toEqual([]);
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`no axe violations at 360 px (${scheme}): signed, checked, deleting`, async ({
    page,
    watch,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(ui(page).createKey).toBeVisible();
    await expectNoAxeViolations(page, 'empty at 360 px');

    await mintKey(page, 'Phone key');
    await ui(page).kalshiKeyId.fill('not-a-uuid');
    await expectNoAxeViolations(page, 'a key page with a key ID warning at 360 px');
    await signRequest(page, { method: 'GET', path: '/trade-api/v2/portfolio/balance' });
    const curl = await ui(page).curlCommand.inputValue();
    await ui(page).path.fill('no leading slash');
    await expect(ui(page).alerts.first()).toBeVisible();
    await expectNoAxeViolations(page, 'signed, with a path error, at 360 px');
    await openView(page, 'Check a signature');
    await page.getByRole('textbox', { name: 'Paste a curl command or HTTP request' }).fill(curl);
    await page.getByRole('button', { name: 'Fill from pasted request' }).click();
    await page.getByRole('button', { name: 'Check signature' }).click();
    await expect(page.getByRole('textbox', { name: 'String Kalshi expects' })).toBeVisible();
    await expectNoAxeViolations(page, 'checked at 360 px');

    await openKey(page, 'Phone key');
    await page.getByRole('button', { name: 'Delete from this browser', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoAxeViolations(page, 'with the delete dialog open at 360 px');
    expect(watch.pageErrors).toEqual([]);
  });

  test(`placeholder hints are readable (${scheme}): contrast at least 4.5:1`, async ({ page }) => {
    await page.addInitScript(defineContrast);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(ui(page).createKey).toBeVisible();
    const low = await inEveryView(page, () =>
      page.evaluate(() => {
        const { contrast } = window as unknown as Contrast;
        const fields = document.querySelectorAll<HTMLInputElement>('[placeholder]:enabled');
        return [...fields]
          .filter((field) => field.placeholder && !field.value)
          .map((field) => {
            const ratio = contrast(
              getComputedStyle(field, '::placeholder').color,
              getComputedStyle(field).backgroundColor,
            );
            return { field: field.labels?.[0]?.textContent ?? field.id, ratio };
          })
          .filter(({ ratio }) => ratio < 4.5);
      }),
    );
    expect(low, 'placeholders under 4.5:1 against their field').toEqual([]);
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`text fields and menus stand out from their panel (${scheme}): border at least 3:1`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.addInitScript(defineContrast);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await mintKey(page, 'Border key');
    // WCAG 1.4.11: an empty field is found only by its border, its fill being almost the panel's.
    const fieldsBelow3 = () =>
      page.evaluate(() => {
        const { contrast } = window as unknown as Contrast;
        const fields = document.querySelectorAll<HTMLInputElement>(
          'input:not([type=checkbox], [type=radio], [type=file]):enabled, select:enabled, textarea:enabled',
        );
        return [...fields]
          .filter((field) => field.getClientRects().length)
          .map((field) => {
            const style = getComputedStyle(field);
            const panel = getComputedStyle(
              field.closest('section, dialog, header') ?? document.body,
            );
            const ratio = Math.min(
              contrast(style.borderTopColor, panel.backgroundColor),
              contrast(style.borderTopColor, style.backgroundColor),
            );
            return { field: field.labels?.[0]?.textContent ?? field.ariaLabel ?? field.id, ratio };
          })
          .filter(({ ratio }) => ratio < 3);
      });
    const faint = [
      ...(await fieldsBelow3()).map((found) => ['a key page', found] as const),
      ...(await inEveryView(page, fieldsBelow3)),
    ];
    expect(faint, 'fields whose border is under 3:1').toEqual([]);
  });
}
