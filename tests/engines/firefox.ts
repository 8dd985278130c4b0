// Firefox ESR through puppeteer-core over WebDriver BiDi: Debian's /usr/bin/firefox-esr, nothing
// downloaded. (Playwright 1.65's BiDi Firefox stops at its first page with ESR 153.)
import { existsSync } from 'node:fs';
import puppeteer, { type ElementHandle, type Page } from 'puppeteer-core';
import type { Engine, EnginePage } from './driver';
import { VIEWPORT } from './viewport';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

function tab(page: Page): EnginePage {
  page.on('dialog', (dialog) => void dialog.accept());
  const element = async (expression: string) => {
    const handle = (await page.evaluateHandle(expression)) as ElementHandle<Element>;
    if (!handle.asElement()) throw new Error(`not an element: ${expression.slice(-80)}`);
    return handle;
  };
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (expression) => page.evaluate(expression),
    runScript: async (source) => void (await page.evaluate(source)),
    clickElement: async (expression) => {
      const handle = await element(expression);
      await handle.click();
      await handle.dispose();
    },
    screenshotElement: async (expression) => {
      const handle = await element(expression);
      const png = Buffer.from(await handle.screenshot({ type: 'png' }));
      await handle.dispose();
      return png;
    },
    close: () => page.close(),
  };
}

export async function launchFirefox(): Promise<Engine> {
  if (!existsSync(FIREFOX_PATH))
    throw new Error(
      `Firefox not found at ${FIREFOX_PATH}: install Debian's firefox-esr (npm test does it) or set FIREFOX_PATH.`,
    );
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: VIEWPORT,
  });
  const [product, version] = (await browser.version()).split('/');
  return {
    name: 'firefox',
    version: `${product === 'firefox' ? 'Firefox' : product} ${version}`,
    async newProfile() {
      const context = await browser.createBrowserContext();
      return {
        newTab: async () => {
          const page = await context.newPage();
          await page.setViewport(VIEWPORT);
          return tab(page);
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
