/**
 * `dist/cli.js`, the CLI's entry: runs the CLI bundle (`dist/cli-main.js`) from V8's code cache
 * (`dist/cli-main.js.cache`, written by the build after one `dockwall check`), so that a run
 * starts without compiling the bundle's functions again (about 90 ms of CPU per process).
 *
 * The cache only saves time: V8 checks it against the source and its own version and flags and
 * compiles the source as usual when it does not fit (`cachedDataRejected`) or is missing. The
 * bundle runs as the main module, as if Node had loaded it itself.
 *
 * `DOCKWALL_WRITE_CODE_CACHE=1` writes the cache when the process exits (scripts/build.mjs).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

const file = path.join(__dirname, 'cli-main.js');
const cacheFile = `${file}.cache`;

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

const source = readFileSync(file, 'utf8');
const script = new Script(Module.wrap(source), { filename: file, cachedData: readCache() });
if (process.env.DOCKWALL_WRITE_CODE_CACHE === '1') {
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}
const main = new Module(file, module);
main.filename = file;
main.loaded = true;
const req = createRequire(file);
// The bundle starts the CLI when it is the main module (`require.main === module`).
Object.defineProperty(req, 'main', { value: main });
const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
wrapper.call(main.exports, main.exports, req, main, file, path.dirname(file));
