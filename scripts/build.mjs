// Bundles the client, the language server and the CLI into dist/ and copies the wasm files they load.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [
    {
      // The ESM build of web-tree-sitter relies on import.meta.url, which a CJS bundle lacks:
      // bundle its CommonJS build instead.
      name: 'web-tree-sitter-cjs',
      setup(b) {
        const cjs = require.resolve('web-tree-sitter');
        b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: cjs }));
      },
    },
  ],
};

await Promise.all([
  build({ ...common, entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode'] }),
  build({ ...common, entryPoints: [path.join(root, 'server/src/server.ts')], outfile: path.join(dist, 'server.js') }),
  // The language server's analysis worker thread (loaded beside server.js and cli.js).
  build({ ...common, entryPoints: [path.join(root, 'server/src/lsp/analysis-worker.ts')], outfile: path.join(dist, 'analysis-worker.js') }),
  // The CLI: cli.js starts cli-main.js from V8's code cache (server/src/cli/start.ts).
  build({ ...common, entryPoints: [path.join(root, 'server/src/cli/main.ts')], outfile: path.join(dist, 'cli-main.js') }),
  build({ ...common, sourcemap: false, entryPoints: [path.join(root, 'server/src/cli/start.ts')], outfile: path.join(dist, 'cli.js'), banner: { js: '#!/usr/bin/env node' } }),
]);

copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
for (const f of readdirSync(path.join(root, 'server/wasm'))) {
  if (f.endsWith('.wasm')) copyFileSync(path.join(root, 'server/wasm', f), path.join(dist, f));
}

// V8's code cache of the CLI bundle, from one check of the example project (its exit status is the
// example's findings). A stale or missing cache only costs the compilation it would have saved.
const cache = path.join(dist, 'cli-main.js.cache');
rmSync(cache, { force: true });
const run = spawnSync(process.execPath, [path.join(dist, 'cli.js'), '--', 'check', path.join(root, 'examples/webstack'), '--format', 'json'], {
  env: { ...process.env, DOCKWALL_WRITE_CODE_CACHE: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (run.status !== 0 && run.status !== 1) console.warn(`build: the CLI's code cache was not written (check exited ${run.status})`);
