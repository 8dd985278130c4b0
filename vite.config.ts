import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import preact from '@preact/preset-vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import type { ChunkingContext } from 'rolldown';

// Two production flavours from one source (`npm run build` makes both, single first):
//  - `vite build --mode single`: dist/kalshi-keys.html, everything inlined, runs from file://,
//    CSP with the hashes of its one script and one style, connect-src 'none'.
//  - `vite build`: the hosted build (relative URLs, any sub-path), a service worker that
//    precaches it, CSP with script-src 'self' and the connect-src a relay needs.

export const SINGLE_FILE_NAME = 'kalshi-keys.html';
/** The relay users run, copied beside the hosted page for "Download relay (kalshi-relay.mjs)". */
export const RELAY_FILE_NAME = 'kalshi-relay.mjs';
const root = fileURLToPath(new URL('.', import.meta.url));
const sha256 = (data: string | Uint8Array, encoding: 'hex' | 'base64') =>
  createHash('sha256').update(data).digest(encoding);

const COMMON_CSP = [
  "default-src 'none'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  // No string reaches an HTML or script sink unchecked: an injected `innerHTML = …` throws.
  "require-trusted-types-for 'script'",
];

/**
 * Where the hosted page may connect: the relay on this computer, over http or https, at any port.
 * Nothing else: the page never talks to Kalshi itself (Kalshi answers no web page), and a remote
 * relay needs the page served with a CSP that names it (docs/hosting.md). Not [::1]: CSP host
 * sources cannot name an IPv6 address (Chromium ignores `http://[::1]:*` as invalid).
 */
export const LOOPBACK_SOURCES = ['127.0.0.1', 'localhost'].flatMap((host) =>
  ['http', 'https'].map((scheme) => `${scheme}://${host}:*`),
);

/** The hosted CSP: a meta CSP cannot be relaxed at run time, so connect-src allows only loopback. */
export const HOSTED_CSP = [
  ...COMMON_CSP,
  "script-src 'self'",
  "style-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  // One policy, made by src/trusted-types.ts before anything else: the page's own script URLs.
  'trusted-types default',
  `connect-src ${LOOPBACK_SOURCES.join(' ')}`,
].join('; ');

function insertCsp(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  if (!html.includes('<meta charset="UTF-8" />'))
    throw new Error('index.html needs <meta charset="UTF-8" /> first in <head>');
  return html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    ${meta}`);
}

/** Hosted build: CSP meta, and a service worker whose precache list and version come from the bundle. */
function hostedBuild(): Plugin {
  return {
    name: 'kalshi-keys:hosted',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: (html) => insertCsp(html, HOSTED_CSP) },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        // The relay users download from the page ("Download relay (kalshi-relay.mjs)"), precached
        // with the rest so the download works offline too.
        const relay = readFileSync(`${root}relay/${RELAY_FILE_NAME}`);
        this.emitFile({ type: 'asset', fileName: RELAY_FILE_NAME, source: relay });
        // Each file with its SHA-256: the worker stores and serves only bodies that match, so a
        // page at another path of the same origin cannot swap its own HTML into the cache.
        const digests = new Map<string, string>();
        for (const name of Object.keys(bundle).sort()) {
          if (name === RELAY_FILE_NAME) continue;
          const item = bundle[name]!;
          digests.set(`./${name}`, sha256(item.type === 'chunk' ? item.code : item.source, 'hex'));
        }
        digests.set(`./${RELAY_FILE_NAME}`, sha256(relay, 'hex'));
        const singleFile = `dist/${SINGLE_FILE_NAME}`;
        if (existsSync(singleFile))
          digests.set(`./${SINGLE_FILE_NAME}`, sha256(readFileSync(singleFile), 'hex'));
        const index = digests.get('./index.html');
        if (!index) throw new Error('the hosted build produced no index.html');
        // The folder itself serves index.html (the address users bookmark).
        const precache = { './': index, ...Object.fromEntries(digests) };
        const version = sha256(JSON.stringify(precache), 'hex').slice(0, 16);
        const template = readFileSync(`${root}src/service-worker.js`, 'utf8');
        this.emitFile({
          type: 'asset',
          fileName: 'sw.js',
          source: template
            .replace("'__VERSION__'", JSON.stringify(version))
            .replace("'__PRECACHE__'", JSON.stringify(precache)),
        });
      },
    },
  };
}

/** Single file: after vite-plugin-singlefile has inlined JS and CSS, pin them with CSP hashes. */
function singleFileCsp(): Plugin {
  return {
    name: 'kalshi-keys:single-csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const asset = bundle[SINGLE_FILE_NAME];
        if (!asset || asset.type !== 'asset')
          throw new Error(`${SINGLE_FILE_NAME} was not produced`);
        const html = String(asset.source);
        const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map(
          (m) => m[1]!,
        );
        const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
        if (scripts.length !== 1)
          throw new Error(`expected one inline script, found ${scripts.length}`);
        const hash = (s: string) => `'sha256-${sha256(s, 'base64')}'`;
        const policy = [
          ...COMMON_CSP,
          `script-src ${scripts.map(hash).join(' ')}`,
          `style-src ${styles.length ? styles.map(hash).join(' ') : "'none'"}`,
          // No worker, no service worker: no script URL to pass, so no policy at all.
          "trusted-types 'none'",
          "connect-src 'none'",
        ].join('; ');
        asset.source = insertCsp(html, policy);
      },
    },
  };
}

/**
 * Vite wraps each `import()` in a helper (~600 B gzip in the first-load script) that preloads the
 * chunk's own imports and CSS. Here that buys nothing: on-demand chunks share only Preact with the
 * entry, which is loaded already, there is one stylesheet, and the service worker precaches every
 * chunk. So the helper is only the import itself; a failed load still rejects to the caller.
 */
function plainDynamicImport(): Plugin {
  const id = '\0vite/preload-helper.js';
  return {
    name: 'kalshi-keys:plain-dynamic-import',
    enforce: 'pre',
    apply: 'build',
    resolveId: (source) => (source === id ? id : undefined),
    load: (source) =>
      source === id ? 'export const __vitePreload = (load) => load();' : undefined,
  };
}

/**
 * Keeps every module the page imports statically in the entry chunk. Left to itself the bundler
 * makes one shared chunk per set of on-demand panels that use a module (Field, der, use-action…),
 * and each extra file compresses worse and adds a modulepreload: +1.6 KB gzip on the first load
 * with four on-demand chunks. On-demand chunks import what they share from the entry instead.
 */
function firstLoadInOneChunk(): (id: string, ctx: ChunkingContext) => string | null {
  const firstLoad = new WeakMap<ChunkingContext, Set<string>>();
  return (id, ctx) => {
    let reachable = firstLoad.get(ctx);
    if (!reachable) {
      reachable = new Set([`${root}src/main.tsx`]);
      for (const m of reachable)
        for (const next of ctx.getModuleInfo(m)?.importedIds ?? []) reachable.add(next);
      firstLoad.set(ctx, reachable);
    }
    return reachable.has(id) ? 'index' : null;
  };
}

/** An ESTree node as `this.parse` returns it, with the few fields read below. */
interface EsNode {
  type: string;
  start: number;
  end: number;
  [field: string]: unknown;
}

const isNode = (value: unknown): value is EsNode =>
  !!value && typeof value === 'object' && typeof (value as EsNode).type === 'string';

/** The non-computed keys of an object pattern `{ a, b: c }`, or null for anything else. */
function patternKeys(pattern: unknown): string[] | null {
  if (!isNode(pattern) || pattern.type !== 'ObjectPattern') return null;
  const keys: string[] = [];
  for (const p of pattern.properties as EsNode[]) {
    const key = p.key as EsNode | undefined;
    if (p.type !== 'Property' || p.computed || key?.type !== 'Identifier') return null;
    keys.push(key.name as string);
  }
  return keys;
}

/** The properties read from `name` in `body` (`name.x` only), or null when it is used otherwise. */
function memberReads(body: unknown, name: string): string[] | null {
  const reads: string[] = [];
  let other = false;
  const walk = (node: unknown, parent?: EsNode, field?: string): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, parent, field));
    if (!isNode(node)) return;
    if (node.type === 'Identifier' && node.name === name) {
      const ofMember = parent?.type === 'MemberExpression';
      const read = ofMember && field === 'object' && !parent.computed;
      const key = (ofMember && field === 'property' && !parent.computed) || field === 'key';
      if (read) reads.push((parent.property as EsNode).name as string);
      else if (!key) other = true;
    }
    for (const [f, value] of Object.entries(node))
      if (typeof value === 'object') walk(value, node, f);
  };
  walk(body);
  return other ? null : reads;
}

/**
 * `onDemand(() => import('./x').then((m) => m.X))`: the module and export it loads, or null.
 * In the single file the component is there from the start, so such a call becomes `X` itself:
 * no wrapper that renders nothing until a resolved promise is read (src/ui/shell/on-demand.tsx).
 */
function onDemandExport(node: EsNode | undefined): { from: string; name: string } | null {
  if (!node) return null;
  const [load, ...rest] = (node.arguments as EsNode[] | undefined) ?? [];
  if (node.type !== 'CallExpression' || (node.callee as EsNode).name !== 'onDemand') return null;
  if (rest.length || load?.type !== 'ArrowFunctionExpression') return null;
  const then = load.body as EsNode;
  const callee = then.callee as EsNode | undefined;
  const imported = callee?.object as EsNode | undefined;
  const source = imported?.source as EsNode | undefined;
  const [callback, ...others] = (then.arguments as EsNode[] | undefined) ?? [];
  const param = (callback?.params as EsNode[] | undefined)?.[0];
  const body = callback?.body as EsNode | undefined;
  if (
    then.type !== 'CallExpression' ||
    callee?.type !== 'MemberExpression' ||
    (callee.property as EsNode).name !== 'then' ||
    imported?.type !== 'ImportExpression' ||
    typeof source?.value !== 'string' ||
    !source.value.startsWith('.') ||
    others.length ||
    callback?.type !== 'ArrowFunctionExpression' ||
    param?.type !== 'Identifier' ||
    body?.type !== 'MemberExpression' ||
    body.computed ||
    (body.object as EsNode).name !== param.name
  )
    return null;
  return { from: source.value, name: (body.property as EsNode).name as string };
}

/**
 * The single file inlines every on-demand chunk, and Rolldown keeps each `import()` lazy there by
 * wrapping every module it reaches in an init function (54 of them, ~1.2 KB gzip), and makes a
 * namespace object of each, which keeps every export of the module, used or not. In one file that
 * buys nothing: every byte is parsed anyway and these modules run no code when loaded. So in the
 * single build `import('./x')` becomes a static import: `Promise.resolve({ a: x_a })` when the
 * code reads only named exports of the result (`.then((m) => m.a)`, `const { a } = await …`),
 * and else `Promise.resolve(ns)` of an `import * as ns`. `preload(() => import('./x'))`
 * (src/ui/shell/on-demand.tsx), which only starts loading a module early, becomes `void 0`.
 */
function staticImportsInSingleFile(): Plugin {
  return {
    name: 'kalshi-keys:static-imports',
    apply: 'build',
    transform(code, id) {
      if (!id.startsWith(`${root}src/`) || !code.includes('import(')) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      const imports: string[] = [];
      const rewrite = (node: EsNode, parents: EsNode[]) => {
        const source = node.source as EsNode;
        const [parent, grandparent] = parents;
        const local = `__kk_static_${imports.length}`;
        let names: string[] | null = null;
        if (parent?.type === 'AwaitExpression' && grandparent?.type === 'VariableDeclarator') {
          names = patternKeys(grandparent.id);
        } else if (
          parent?.type === 'MemberExpression' &&
          (parent.property as EsNode).name === 'then' &&
          grandparent?.type === 'CallExpression'
        ) {
          const callback = (grandparent.arguments as EsNode[])[0];
          const [param] = (callback?.params as EsNode[] | undefined) ?? [];
          if (callback?.type === 'ArrowFunctionExpression' && param)
            names =
              param.type === 'Identifier'
                ? memberReads(callback.body, param.name as string)
                : patternKeys(param);
        }
        let text: string;
        if (!names) {
          imports.push(`import * as ${local} from ${code.slice(source.start, source.end)};`);
          text = `Promise.resolve(${local})`;
        } else {
          const unique = [...new Set(names)];
          const specifiers = unique.map((n) => `${n} as ${local}_${n}`).join(', ');
          imports.push(`import { ${specifiers} } from ${code.slice(source.start, source.end)};`);
          text = names.length
            ? `Promise.resolve({ ${unique.map((n) => `${n}: ${local}_${n}`).join(', ')} })`
            : 'Promise.resolve()';
        }
        edits.push({ start: node.start, end: node.end, text });
      };
      const walk = (node: unknown, parents: EsNode[]): void => {
        if (Array.isArray(node)) return node.forEach((n) => walk(n, parents));
        if (!isNode(node)) return;
        const [load] = (node.arguments as EsNode[] | undefined) ?? [];
        if (
          node.type === 'CallExpression' &&
          (node.callee as EsNode).name === 'preload' &&
          load?.type === 'ArrowFunctionExpression' &&
          (load.body as EsNode).type === 'ImportExpression'
        ) {
          edits.push({ start: node.start, end: node.end, text: 'void 0' });
          return;
        }
        // `const X = onDemand(…)`: X itself becomes the import (no alias left for the minifier).
        const [declared, ...more] = (node.declarations as EsNode[] | undefined) ?? [];
        const init = declared && onDemandExport(declared.init as EsNode);
        const exported = parents[0]?.type === 'ExportNamedDeclaration';
        if (node.type === 'VariableDeclaration' && !more.length && init && !exported) {
          const name = (declared!.id as EsNode).name as string;
          imports.push(`import { ${init.name} as ${name} } from ${JSON.stringify(init.from)};`);
          edits.push({ start: node.start, end: node.end, text: '' });
          return;
        }
        const loaded = onDemandExport(node);
        if (loaded) {
          const local = `__kk_static_${imports.length}`;
          imports.push(
            `import { ${loaded.name} as ${local} } from ${JSON.stringify(loaded.from)};`,
          );
          edits.push({ start: node.start, end: node.end, text: local });
          return;
        }
        const source = node.source as EsNode | undefined;
        if (
          node.type === 'ImportExpression' &&
          source?.type === 'Literal' &&
          typeof source.value === 'string' &&
          source.value.startsWith('.')
        )
          rewrite(node, parents);
        for (const value of Object.values(node))
          if (typeof value === 'object') walk(value, [node, ...parents]);
      };
      walk(this.parse(code), []);
      if (!edits.length) return null;
      let out = code;
      for (const { start, end, text } of edits.sort((x, y) => y.start - x.start))
        out = out.slice(0, start) + text + out.slice(end);
      return { code: imports.join('') + out, map: null };
    },
  };
}

/**
 * The automatic JSX runtime writes `jsx('p', { class: 'hint', children: x })` for every element
 * (220 in the single file); the classic one `h('p', { class: 'hint' }, x)`: 0.3 KB gzip less.
 * Both are Preact's own. Both production builds (0.1 KB gzip less in the hosted first load too);
 * the dev server and the tests keep the preset's runtime.
 */
function classicJsx(): Plugin {
  return {
    name: 'kalshi-keys:classic-jsx',
    // After @preact/preset-vite, whose config sets the automatic runtime.
    enforce: 'post',
    config: () => ({
      oxc: {
        jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' },
        jsxInject: "import { h, Fragment } from 'preact'",
      },
    }),
  };
}

function singleFileDigest(mode: string): string {
  if (mode !== 'production') return '';
  const file = `${root}dist/${SINGLE_FILE_NAME}`;
  return existsSync(file) ? sha256(readFileSync(file), 'hex') : '';
}

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    base: './',
    plugins: [
      plainDynamicImport(),
      preact(),
      ...(single
        ? [
            staticImportsInSingleFile(),
            classicJsx(),
            viteSingleFile({ outputFileName: SINGLE_FILE_NAME, removeViteModuleLoader: true }),
            singleFileCsp(),
          ]
        : [...(mode === 'production' ? [classicJsx()] : []), hostedBuild()]),
    ],
    define: {
      __BUILD_FLAVOR__: JSON.stringify(single ? 'single' : 'hosted'),
      __SINGLE_FILE_NAME__: JSON.stringify(SINGLE_FILE_NAME),
      __SINGLE_FILE_SHA256__: JSON.stringify(singleFileDigest(mode)),
      __RELAY_FILE_SHA256__: JSON.stringify(
        mode === 'production' ? sha256(readFileSync(`${root}relay/${RELAY_FILE_NAME}`), 'hex') : '',
      ),
    },
    build: {
      target: 'es2022',
      outDir: 'dist',
      // The single-file build runs first and starts from a clean dist/; the hosted build adds to it.
      emptyOutDir: single,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: single
        ? {}
        : { output: { codeSplitting: { groups: [{ name: firstLoadInOneChunk() }] } } },
    },
    preview: { host: '127.0.0.1', port: 4173, strictPort: true },
    test: {
      include: ['tests/**/*.test.{ts,tsx}'],
      exclude: ['tests/e2e/**', 'node_modules/**'],
      environment: 'node',
      setupFiles: ['tests/setup.ts'],
    },
  };
});
