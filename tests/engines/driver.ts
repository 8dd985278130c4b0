// The cross-engine driver layer: one small interface that the flows in tests/engines/ are written
// against, with three implementations (chromium.ts: Playwright; firefox.ts: puppeteer-core over
// WebDriver BiDi; webkit.ts: plain W3C WebDriver over fetch). An engine only has to evaluate a
// script in the page, click an element natively and take an element's screenshot: finding
// elements by role and accessible name, filling fields and waiting all happen here, the same way
// in every engine, so a flow that passes in one engine means the same in the others.

/** A string matches the accessible name exactly (whitespace collapsed); a RegExp matches part. */
export type Text = string | RegExp;

/** An element found as a user finds it: by its role and accessible name. */
export interface Target {
  role: string;
  name?: Text;
  /** Only elements inside this one (e.g. a region by its heading). */
  within?: Target;
  /** Only elements whose text contains this. */
  hasText?: Text;
  /** Only elements holding a match of this (searched inside each). */
  has?: Target;
}

/** What each engine implements. */
export interface EnginePage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Evaluates a JavaScript expression in the page; a promise is awaited; the result is JSON. */
  evaluate(expression: string): Promise<unknown>;
  /** Runs the text of a classic script (statements) in the page, as the engine injects one. */
  runScript(source: string): Promise<void>;
  /** Clicks, as a mouse does, the element an expression evaluates to. */
  clickElement(expression: string): Promise<void>;
  /** A PNG showing the element an expression evaluates to, as the screen shows it. */
  screenshotElement(expression: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** One browser profile: its own storage, shared by its tabs. */
export interface EngineProfile {
  newTab(): Promise<EnginePage>;
  close(): Promise<void>;
}

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface Engine {
  name: EngineName;
  /** The browser's product and version, e.g. "Firefox 153.8.0esr". */
  version: string;
  /** A fresh profile: empty storage, no service worker. */
  newProfile(): Promise<EngineProfile>;
  close(): Promise<void>;
}

type WireText = string | { re: string; flags: string } | undefined;
interface WireTarget {
  role: string;
  name: WireText;
  within?: WireTarget;
  hasText: WireText;
  has?: WireTarget;
}

const wireText = (text: Text | undefined): WireText =>
  text instanceof RegExp ? { re: text.source, flags: text.flags } : text;
const wire = (target: Target): WireTarget => ({
  role: target.role,
  name: wireText(target.name),
  hasText: wireText(target.hasText),
  ...(target.within ? { within: wire(target.within) } : {}),
  ...(target.has ? { has: wire(target.has) } : {}),
});

/**
 * Runs in the page (self-contained: serialized with toString). The visible elements that match a
 * target. Roles and names follow the ARIA rules the page relies on: explicit role, else the
 * element's implicit role; name from aria-labelledby, aria-label, the <label>s, a fieldset's
 * legend, an image's alt, or the element's own text.
 */
function findInPage(target: WireTarget, root?: ParentNode): Element[] {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const matches = (value: string, want: WireText) =>
    want === undefined ||
    (typeof want === 'string' ? value === want : new RegExp(want.re, want.flags).test(value));
  const roleOf = (el: Element): string => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(' ')[0]!;
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select')
      return (el as HTMLSelectElement).multiple || (el as HTMLSelectElement).size > 1
        ? 'listbox'
        : 'combobox';
    if (tag === 'input') {
      if (['button', 'submit', 'reset'].includes(type)) return 'button';
      if (type === 'checkbox' || type === 'radio') return type;
      if (['text', 'password', 'email', 'url', 'search', 'tel'].includes(type)) return 'textbox';
      return type;
    }
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'ul' || tag === 'ol') return 'list';
    if (tag === 'li') return 'listitem';
    if (tag === 'section') return nameOf(el) ? 'region' : 'generic';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'fieldset') return 'group';
    if (tag === 'table') return 'table';
    if (tag === 'tr') return 'row';
    if (tag === 'td') return 'cell';
    if (tag === 'th') return el.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader';
    if (tag === 'img') return 'img';
    if (tag === 'option') return 'option';
    if (tag === 'main') return 'main';
    if (tag === 'nav') return 'navigation';
    return 'generic';
  };
  function nameOf(el: Element): string {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy)
      return norm(
        labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent)
          .join(' '),
      );
    const label = el.getAttribute('aria-label');
    if (label) return norm(label);
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length) return norm([...labels].map((l) => l.textContent).join(' '));
    const tag = el.tagName.toLowerCase();
    if (tag === 'fieldset') return norm(el.querySelector('legend')?.textContent);
    if (tag === 'table') return norm(el.querySelector('caption')?.textContent);
    if (tag === 'img') return norm(el.getAttribute('alt'));
    if (['button', 'a', 'option', 'summary', 'th', 'td'].includes(tag) || /^h[1-6]$/.test(tag))
      return norm(el.textContent);
    return norm(el.getAttribute('title'));
  }
  const visible = (el: Element) =>
    el.tagName === 'OPTION' ||
    (el.getClientRects().length > 0 &&
      getComputedStyle(el).visibility !== 'hidden' &&
      !el.closest('[hidden], [inert], [aria-hidden="true"]'));
  const roots: ParentNode[] = target.within ? findInPage(target.within, root) : [root ?? document];
  const found = new Set<Element>();
  for (const root of roots)
    for (const el of root.querySelectorAll('*'))
      if (
        roleOf(el) === target.role &&
        visible(el) &&
        matches(nameOf(el), target.name) &&
        (target.hasText === undefined ||
          (typeof target.hasText === 'string'
            ? norm(el.textContent).includes(target.hasText)
            : matches(norm(el.textContent), target.hasText))) &&
        (target.has === undefined || findInPage(target.has, el).length > 0)
      )
        found.add(el);
  return [...found];
}

const FIND = findInPage.toString();
const describe = (t: Target): string =>
  `${t.role}${t.name !== undefined ? ` "${String(t.name)}"` : ''}${
    t.hasText !== undefined ? ` with text ${String(t.hasText)}` : ''
  }${t.has ? ` holding ${describe(t.has)}` : ''}${t.within ? ` in ${describe(t.within)}` : ''}`;

export interface WaitOptions {
  timeout?: number;
  message?: string;
}

/** Polls `check` until it returns something other than undefined/false, or fails after timeout. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  { timeout = 10_000, message = 'condition' }: WaitOptions = {},
): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end)
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${message} (last: ${String(last)})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A tab of the page under test, driven the same way in every engine. */
export class Tab {
  constructor(
    readonly engine: EngineName,
    private readonly page: EnginePage,
  ) {}

  goto(url: string): Promise<void> {
    return this.page.goto(url);
  }

  reload(): Promise<void> {
    return this.page.reload();
  }

  close(): Promise<void> {
    return this.page.close();
  }

  /** Runs `fn` in the page with JSON arguments; it must not use anything from this file. */
  async evaluate<A extends unknown[], R>(
    fn: (...args: A) => R | Promise<R>,
    ...args: A
  ): Promise<Awaited<R>> {
    return (await this.page.evaluate(
      `(${fn.toString()})(...${JSON.stringify(args)})`,
    )) as Awaited<R>;
  }

  /** Runs a classic script's text in the page (a library such as axe-core). */
  runScript(source: string): Promise<void> {
    return this.page.runScript(source);
  }

  /** How many visible elements match `target` now. */
  async count(target: Target): Promise<number> {
    return (await this.page.evaluate(
      `(${FIND})(${JSON.stringify(wire(target))}).length`,
    )) as number;
  }

  /** An expression for the one element `target` names, after waiting until there is exactly one. */
  private async one(target: Target, timeout?: number): Promise<string> {
    await waitFor(async () => (await this.count(target)) === 1, {
      timeout,
      message: `exactly one ${describe(target)}`,
    });
    return `(${FIND})(${JSON.stringify(wire(target))})[0]`;
  }

  /** Clicks the element natively (the engine's own pointer input), once it is enabled. */
  async click(target: Target): Promise<void> {
    const el = await this.one(target);
    // Enabled, and still: a notice shown above it just now moves it, and a click sent to where it
    // was would land on something else (what Playwright's actionability checks prevent).
    await waitFor(
      async () =>
        this.page.evaluate(`new Promise((resolve) => {
          const el = ${el};
          const at = () => JSON.stringify(el.getBoundingClientRect());
          const before = at();
          setTimeout(() => resolve(el.disabled !== true && at() === before), 60);
        })`) as Promise<boolean>,
      { message: `${describe(target)} to be enabled and still` },
    );
    // WebKitGTK under load now and then sends WebDriver's click to a point away from the element
    // (seen: 345 px below it, on the panel's background). A click that reached something else did
    // nothing there, so it is sent again; one that never arrives fails the test.
    for (let attempt = 1; ; attempt++) {
      await this.page.evaluate(`((el) => {
        window.__kkClicked = false;
        addEventListener('click', (event) => { window.__kkClicked = el.contains(event.target); }, { capture: true, once: true });
      })(${el})`);
      await this.page.clickElement(el);
      const reached = await this.page
        .evaluate('window.__kkClicked')
        // The click navigated or reloaded the page: it arrived.
        .catch(() => true);
      if (reached !== false) return;
      if (attempt === 3) throw new Error(`3 clicks on ${describe(target)} did not reach it`);
    }
  }

  /**
   * Sets a field's value as typing does: the native value setter, then `input` and `change`
   * events (what Playwright's fill does). A textbox by label, or any target.
   */
  async fill(field: string | Target, value: string): Promise<void> {
    const el = await this.one(typeof field === 'string' ? { role: 'textbox', name: field } : field);
    await this.page.evaluate(`((el, value) => {
      el.focus();
      const proto = Object.getPrototypeOf(el);
      Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    })(${el}, ${JSON.stringify(value)})`);
  }

  /** Chooses the option whose text is `option` in the combobox labelled `label`. */
  async select(label: string | Target, option: Text): Promise<void> {
    const target = typeof label === 'string' ? { role: 'combobox', name: label } : label;
    const el = await this.one(target);
    const want = wireText(option);
    await waitFor(
      async () =>
        this.page.evaluate(`((el, want) => {
          const norm = (s) => s.replace(/\\s+/g, ' ').trim();
          const option = [...el.options].find((o) =>
            typeof want === 'string' ? norm(o.textContent) === want : new RegExp(want.re, want.flags).test(norm(o.textContent)));
          if (!option) return false;
          el.value = option.value;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
          return true;
        })(${el}, ${JSON.stringify(want)})`) as Promise<boolean>,
      { message: `option ${String(option)} in ${describe(target)}` },
    );
  }

  /** Ticks or unticks a checkbox by clicking it, as a user does. */
  async check(target: string | Target, on = true): Promise<void> {
    const t = typeof target === 'string' ? { role: 'checkbox', name: target } : target;
    const el = await this.one(t);
    if ((await this.page.evaluate(`${el}.checked`)) !== on) await this.click(t);
    await waitFor(async () => (await this.page.evaluate(`${el}.checked`)) === on, {
      message: `${describe(t)} ${on ? 'ticked' : 'unticked'}`,
    });
  }

  /** The value of a field (a textbox by label, or any target), '' when there is none. */
  async value(field: string | Target): Promise<string> {
    const target = typeof field === 'string' ? { role: 'textbox', name: field } : field;
    return (await this.page.evaluate(
      `(${FIND})(${JSON.stringify(wire(target))}).map((el) => el.value).join('\\n')`,
    )) as string;
  }

  /** The text of every match, whitespace collapsed, one per element. */
  async texts(target: Target): Promise<string[]> {
    return (await this.page.evaluate(
      `(${FIND})(${JSON.stringify(wire(target))}).map((el) => el.textContent.replace(/\\s+/g, ' ').trim())`,
    )) as string[];
  }

  /** An attribute of the one element `target` names (null when absent). */
  async attribute(target: Target, name: string): Promise<string | null> {
    const el = await this.one(target);
    return (await this.page.evaluate(`${el}.getAttribute(${JSON.stringify(name)})`)) as
      string | null;
  }

  /** Waits until `target` matches `count` elements (1 by default). */
  async waitForCount(target: Target, count = 1, options: WaitOptions = {}): Promise<void> {
    let seen = -1;
    await waitFor(async () => (seen = await this.count(target)) === count, {
      message: `${count} × ${describe(target)}`,
      ...options,
    }).catch((error: Error) => {
      throw new Error(`${error.message} (saw ${seen})`);
    });
  }

  /** Waits until the field's value matches. Returns the value. */
  async waitForValue(field: string | Target, want: Text, options: WaitOptions = {}) {
    let seen = '';
    const ok = (v: string) => (typeof want === 'string' ? v === want : want.test(v));
    return waitFor(async () => ok((seen = await this.value(field))) && seen, {
      message: `${typeof field === 'string' ? field : describe(field)} to be ${String(want)}`,
      ...options,
    }).catch((error: Error) => {
      throw new Error(`${error.message} (value: ${JSON.stringify(seen.slice(0, 300))})`);
    });
  }

  /** Waits until some match of `target` has text matching `want`; returns that text. */
  async waitForText(target: Target, want: Text, options: WaitOptions = {}): Promise<string> {
    let seen: string[] = [];
    const ok = (v: string) => (typeof want === 'string' ? v.includes(want) : want.test(v));
    return waitFor(async () => (seen = await this.texts(target)).find(ok), {
      message: `${describe(target)} to show ${String(want)}`,
      ...options,
    }).catch((error: Error) => {
      throw new Error(`${error.message} (texts: ${JSON.stringify(seen).slice(0, 600)})`);
    });
  }

  /** A PNG of the element as the screen shows it (in WebKit: the whole window, it in view). */
  async screenshot(target: Target): Promise<Buffer> {
    const el = await this.one(target);
    await this.page.evaluate(`${el}.scrollIntoView({ block: 'center' })`);
    // Whole in the window and no longer moving (a scroll may still be under way).
    await waitFor(
      async () =>
        this.page.evaluate(`new Promise((resolve) => {
          const el = ${el};
          const before = JSON.stringify(el.getBoundingClientRect());
          setTimeout(() => {
            const box = el.getBoundingClientRect();
            resolve(JSON.stringify(box) === before && box.top >= 0 && box.left >= 0 &&
              box.bottom <= innerHeight && box.right <= innerWidth);
          }, 100);
        })`) as Promise<boolean>,
      { message: `${describe(target)} still and in view` },
    );
    return this.page.screenshotElement(el);
  }

  /**
   * Gives files to a file input (by label) as the file picker does: the input's `files`, then a
   * `change` event. Bytes go over as arrays of numbers.
   */
  async setFiles(label: string, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const el = await this.one({ role: 'file', name: label });
    await this.page.evaluate(`((el, files) => {
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
      el.files = transfer.files;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    })(${el}, ${JSON.stringify(files.map((f) => ({ name: f.name, bytes: [...f.bytes] })))})`);
  }

  /** Drops files on the element, as a file dragged from the desktop is dropped. */
  async dropFiles(target: Target, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const el = await this.one(target);
    await this.page.evaluate(`((el, files) => {
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
      for (const type of ['dragenter', 'dragover', 'drop'])
        el.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    })(${el}, ${JSON.stringify(files.map((f) => ({ name: f.name, bytes: [...f.bytes] })))})`);
  }
}
