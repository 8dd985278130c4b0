// Test harness of the cross-engine suite: the engine named by ENGINE (chromium, firefox or webkit;
// tests/engines/run.mjs sets it), launched once per file; a fresh profile and tab per test; the
// built site (dist/) served on 127.0.0.1, where WebCrypto is available (a secure context).
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { serveStatic, type StaticServer } from '../e2e/static-server';
import { Tab, type Engine, type EngineName, type EngineProfile } from './driver';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import { launchWebKit } from './webkit';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

export const ENGINE_NAME = (process.env.ENGINE ?? 'chromium') as EngineName;
const LAUNCH: Record<EngineName, () => Promise<Engine>> = {
  chromium: launchChromium,
  firefox: launchFirefox,
  webkit: launchWebKit,
};
if (!LAUNCH[ENGINE_NAME])
  throw new Error(`ENGINE=${ENGINE_NAME}: use one of ${Object.keys(LAUNCH).join(', ')}.`);

export interface Suite {
  engine: Engine;
  /** dist/ served at the domain root of a loopback port, e.g. http://127.0.0.1:40123/ */
  site: StaticServer;
  /** A new profile (empty storage) with one tab open at `url` (the site by default). */
  open(url?: string): Promise<{ tab: Tab; profile: Profile }>;
}

/** A profile whose tabs share storage, as the tabs of one browser window do. */
export interface Profile {
  newTab(url?: string): Promise<Tab>;
  /** Closes the profile's tabs (as closing the browser does). */
  close(): Promise<void>;
}

/** Sets up the engine and the site for the test file that calls it. */
export function engineSuite(): Suite {
  const suite = {} as Suite;
  let profiles: EngineProfile[] = [];
  beforeAll(async () => {
    [suite.engine, suite.site] = await Promise.all([LAUNCH[ENGINE_NAME](), serveStatic(DIST, '/')]);
    console.log(`${suite.engine.version} (${ENGINE_NAME})`);
  }, 60_000);
  afterEach(async () => {
    await Promise.all(profiles.map((p) => p.close().catch(() => undefined)));
    profiles = [];
  });
  afterAll(async () => {
    await suite.engine?.close();
    await suite.site?.close();
  });
  suite.open = async (url) => {
    const raw = await suite.engine.newProfile();
    profiles.push(raw);
    const profile: Profile = {
      async newTab(at = suite.site.url) {
        const tab = new Tab(ENGINE_NAME, await raw.newTab());
        await tab.goto(at);
        return tab;
      },
      close: async () => {
        profiles = profiles.filter((p) => p !== raw);
        await raw.close();
      },
    };
    return { tab: await profile.newTab(url), profile };
  };
  return suite;
}
