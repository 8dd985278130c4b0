// Chromium through Playwright (Debian's /usr/bin/chromium, as the Playwright suite runs it).
import { chromium, type ElementHandle, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import type { Engine, EnginePage } from './driver';
import { VIEWPORT } from './viewport';

function tab(page: Page): EnginePage {
  // The page asks before a reload drops keys kept only in memory: say yes, as the user would.
  page.on('dialog', (dialog) => void dialog.accept());
  const element = async (expression: string) => {
    const handle = (await page.evaluateHandle(expression)).asElement() as ElementHandle | null;
    if (!handle) throw new Error(`not an element: ${expression.slice(-80)}`);
    return handle;
  };
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    evaluate: (expression) => page.evaluate(expression),
    runScript: async (source) => void (await page.evaluate(source)),
    clickElement: async (expression) => (await element(expression)).click(),
    screenshotElement: async (expression) => (await element(expression)).screenshot(),
    close: () => page.close(),
  };
}

export async function launchChromium(): Promise<Engine> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    async newProfile() {
      const context = await browser.newContext({ viewport: VIEWPORT });
      return { newTab: async () => tab(await context.newPage()), close: () => context.close() };
    },
    close: () => browser.close(),
  };
}
