// Build step after tsc: bundles the compiled CLI (dist/src/cli.js) and its npm packages into dist/bundle/ (entry hulpwijzer.js plus a few chunks),
// and the analyser's training worker into one file beside them, so the server starts without resolving and reading thousands of files.
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { writeBuiltNetworks, BUILT_NETWORKS_FILE } from '../nlu/builtNetworks.js';
import { corpusSplit } from '../nlu/corpus.js';
import { HOLIDAY_COUNTRY } from '../routing/publicHolidays.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO_ROOT = path.dirname(DIST);
export const BUNDLE_ENTRY = path.join(DIST, 'src', 'cli.js');
/** Every output file lands directly in this directory, so one relative path per source file holds for all of them. */
export const BUNDLE_DIR = path.join(DIST, 'bundle');
export const BUNDLE_FILE = path.join(BUNDLE_DIR, 'hulpwijzer.js');

/**
 * Left as run-time imports: native addons (they load a .node file next to their package) and
 * packages whose own files are looked up at run time (the Web Chat browser bundle is served from disk).
 */
export const EXTERNAL = ['better-sqlite3', 'pg-native', '@node-rs/argon2', 'argon2', 'botframework-webchat'];

/** `import.meta.url` of a compiled file as code in the bundle directory sees it: the URL of that original file. */
export function metaUrlExpression(file: string, bundleDir: string = BUNDLE_DIR): string {
  const rel = path.relative(bundleDir, file).split(path.sep).join('/');
  return `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
}

/**
 * Our modules find their data files (locales, questionnaires, routing data, web assets...) relative to
 * their own URL. In the bundle many modules share one import.meta.url, so each of our files gets its
 * original dist path back; the build copies the data files next to those paths. npm packages keep
 * theirs (none of the bundled ones reads files next to itself on the paths we use). import.meta.dirname
 * and import.meta.filename stay as they are: they name the bundle file that runs.
 */
function ownMetaUrl(distDir: string, bundleDir: string): Plugin {
  const ours = (file: string) => !path.relative(distDir, file).startsWith('..') && !file.split(path.sep).includes('node_modules');
  return {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!ours(args.path)) return undefined;
        const contents = await readFile(args.path, 'utf8');
        return { contents: contents.replaceAll('import.meta.url', metaUrlExpression(args.path, bundleDir)), loader: 'js' };
      });
    },
  };
}

/**
 * JSON files (the analyser's corpus and word lists, locales, package data such as mime-db) become
 * `module.exports = JSON.parse("...")` instead of esbuild's object literal: V8 reads a JSON string several times faster
 * than the same data as JavaScript (the worker's 2.6 MB corpus was most of its compile time). The value is the same
 * object JSON.parse gives at run time; as CommonJS it serves both a default import and a require().
 */
export function jsonAsParse(): Plugin {
  return {
    name: 'json-as-parse',
    setup(b) {
      b.onLoad({ filter: /\.json$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        // Parsed here too, so a broken file fails the build (as esbuild's own loader would) and the string is minified.
        const minified = JSON.stringify(JSON.parse(text));
        return { contents: `module.exports = JSON.parse(${JSON.stringify(minified)});`, loader: 'js' };
      });
    },
  };
}

/**
 * date-holidays' data for the countries read, instead of all ~200 (an 800 KB object literal that every start compiled and
 * built, for one country): the same entries, so the same calendar for those countries. Holiday names stay whole.
 */
export function holidayData(countries: readonly string[] = [HOLIDAY_COUNTRY]): { holidays: Record<string, unknown> } {
  // The package's CommonJS copy of the same data (its ES module one has no type declarations).
  const { data } = createRequire(import.meta.url)('date-holidays/data') as { data: { holidays: Record<string, unknown> } };
  return { ...data, holidays: Object.fromEntries(countries.map((c) => [c, data.holidays[c]])) };
}

function holidaysOnlyFor(countries: readonly string[] = [HOLIDAY_COUNTRY]): Plugin {
  return {
    name: 'holidays-only-for',
    setup(b) {
      b.onLoad({ filter: /[\\/]date-holidays[\\/]src[\\/]data\.js$/ }, () => ({
        contents: `export const data = JSON.parse(${JSON.stringify(JSON.stringify(holidayData(countries)))});`,
        loader: 'js',
      }));
    },
  };
}

/**
 * What hulpwijzer takes from nlp.js's language packages is their stemmers (src/nlu/features.ts), but each package's
 * index also loads its sentiment lexicon, tokenizers, stop words and trigram tables: ~40 ms of every start, in both the
 * main thread and the training worker. Our own imports of these packages get the stemmer's file alone, the very class the
 * index re-exports (resolved from the package itself, so its own dependency versions hold). Imports from npm packages
 * keep the whole index.
 */
export const STEMMERS_ONLY: Record<string, { name: string; file: string }> = {
  '@nlpjs/lang-en': { name: 'StemmerEn', file: '@nlpjs/lang-en-min/src/stemmer-en.js' },
  '@nlpjs/lang-nl': { name: 'StemmerNl', file: '@nlpjs/lang-nl/src/stemmer-nl.js' },
};

export function stemmersOnly(): Plugin {
  const filter = new RegExp(`^(?:${Object.keys(STEMMERS_ONLY).map((name) => name.replace(/[/-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'stemmers-only',
    setup(b) {
      b.onResolve({ filter }, async (args) => {
        if (args.importer.split(path.sep).includes('node_modules') || args.namespace === 'stemmers-only') return undefined;
        // The package's own directory, so the stemmer file resolves as the package resolves it.
        const index = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, namespace: 'stemmers-only' });
        if (index.errors.length > 0) return { errors: index.errors };
        return { path: args.path, namespace: 'stemmers-only', pluginData: { resolveDir: path.dirname(index.path) } };
      });
      b.onLoad({ filter: /.*/, namespace: 'stemmers-only' }, (args) => {
        const only = STEMMERS_ONLY[args.path]!;
        return { contents: `exports.${only.name} = require(${JSON.stringify(only.file)});`, loader: 'js', resolveDir: (args.pluginData as { resolveDir: string }).resolveDir };
      });
    },
  };
}

/**
 * Packages botbuilder-dialogs loads when it loads, for prompts hulpwijzer never shows or reads only once a conversation
 * is under way: together ~5.3 MB of JavaScript that every `serve` would otherwise parse and run before it can answer. Each becomes a stand-in that
 * loads the real package from node_modules (a run-time require, like EXTERNAL) the first time anything else is read
 * from it. `eager` names what botbuilder-dialogs reads at load, taken from a small package that is bundled anyway.
 * - recognizers-text-suite (2 MB, all recognizers again in one file): only its Culture names ("nl-nl"...), read at load
 *   by promptCultureModels; they are the same strings as on Culture of @microsoft/recognizers-text, which the choice
 *   and number recognizers (used by our choice prompts) bundle anyway.
 * - recognizers-text-date-time (1.8 MB): only DateTimePrompt calls it.
 * - botbuilder's Azure sign-in, token checks, speak-SSML parsing and file transcripts (botframework-connector's MSAL,
 *   Azure identity and JWT, SetSpeakMiddleware, FileTranscriptStore): our own adapter uses none of them, and botbuilder
 *   reads them only inside those classes' methods (botframework-streaming is not here: botbuilder reads it at load).
 * - recognizers-text-number (845 KB) and recognizers-text-choice (376 KB): read only when a prompt recognises an answer
 *   (ChoicePrompt's numbers and ordinals, ConfirmPrompt's yes/no), so the first such answer loads them (~90 ms once, beside
 *   the ~130 ms their first recognition takes anyway) instead of every start.
 * - tr46 (290 KB, most of it a Unicode table built at load): whatwg-url (node-fetch's URL parser, in botframework-connector)
 *   calls it only when parsing a host name; hulpwijzer makes no outbound Bot Framework calls.
 * `esModule` is the package's own __esModule flag (TypeScript's import helpers read it at load; test/build checks it).
 * Every package here exports a plain object: a stand-in cannot be called like a function.
 */
export const DEFERRED: Record<string, { esModule: boolean; eager?: string }> = {
  '@microsoft/recognizers-text-suite': { esModule: true, eager: `Culture: require('@microsoft/recognizers-text').Culture` },
  '@microsoft/recognizers-text-date-time': { esModule: true },
  '@azure/identity': { esModule: true },
  '@azure/msal-node': { esModule: false },
  jsonwebtoken: { esModule: false },
  htmlparser2: { esModule: true },
  'fs-extra': { esModule: false },
  '@microsoft/recognizers-text-number': { esModule: true },
  '@microsoft/recognizers-text-choice': { esModule: true },
  tr46: { esModule: false },
};

/**
 * The stand-in module for a DEFERRED package (CommonJS source; `require` of the package itself stays a run-time require).
 * Listing its keys names only what is answered without loading: esbuild's ES-module wrapper for an import of CommonJS
 * (botbuilder-dialogs' TypeScript sources import these packages) copies every listed key at load. Everything else is
 * found through the prototype, which loads the package the first time it is read.
 */
export function deferredModule(name: string, esModule: boolean, eager = ''): string {
  return [
    `let real;`,
    `const load = () => (real ??= require(${JSON.stringify(name)}));`,
    // __esModule answers without loading: TypeScript's __importStar and __importDefault read it at load.
    `const own = { __esModule: ${esModule}, ${eager} };`,
    `const rest = new Proxy({}, {`,
    `  get: (_target, key) => load()[key],`,
    `  has: (_target, key) => key in load(),`,
    `});`,
    `module.exports = new Proxy(own, {`,
    `  get: (target, key) => (key in target ? target[key] : load()[key]),`,
    `  has: (target, key) => key in target || key in load(),`,
    `  ownKeys: () => Reflect.ownKeys(own),`,
    `  getPrototypeOf: () => rest,`,
    `});`,
  ].join('\n');
}

function deferPackages(packages: Record<string, { esModule: boolean; eager?: string }> = DEFERRED): Plugin {
  const filter = new RegExp(`^(?:${Object.keys(packages).map((name) => name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'defer-packages',
    setup(b) {
      b.onResolve({ filter }, (args) => {
        // The stand-in's own require of the package: left for Node to resolve at run time.
        if (args.namespace === 'deferred') return { path: args.path, external: true };
        return { path: args.path, namespace: 'deferred', pluginData: { resolveDir: args.resolveDir } };
      });
      b.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => ({
        contents: deferredModule(args.path, packages[args.path]?.esModule ?? false, packages[args.path]?.eager),
        loader: 'js',
        // The eager part resolves its package from where the original import was.
        resolveDir: (args.pluginData as { resolveDir: string }).resolveDir,
      }));
    },
  };
}

/**
 * botbuilder's packages ship their TypeScript sources beside an ES2015 build (lib/) in which every async function is a
 * generator driven by a __awaiter helper: several promises and closures per await, on every step of every dialog. The
 * bundle compiles these packages from their own src/ instead (native async functions for Node 20): a turn takes about a
 * fifth less CPU. Every import of them, from our code or from other packages, resolves to the one copy in src/, so there
 * is one ActivityHandler or Dialog class to be an instance of. The tests and `tsx` keep using lib/.
 */
export const FROM_TYPESCRIPT_SOURCES = ['botbuilder-core', 'botbuilder-dialogs'];

/** The options their lib/ was compiled with where esbuild's defaults for Node 20 differ: fields declared without a value are not redefined. */
export const SOURCES_TSCONFIG = { compilerOptions: { useDefineForClassFields: false } };

/** `name` or `name/lib/x/y.js` of a FROM_TYPESCRIPT_SOURCES package: the TypeScript file it was compiled from. */
export function typeScriptSourceOf(specifier: string, packageRoot: string): string {
  const deep = /^(?:@[^/]+\/)?[^/]+\/lib\/(.+)\.js$/.exec(specifier);
  return path.join(packageRoot, 'src', deep ? `${deep[1]}.ts` : 'index.ts');
}

/**
 * The same one-registration-per-process botbuilder's DialogStateManager would gain from not building a new
 * DialogsComponentRegistration (service collection, every memory scope and path resolver, ~6 us) for each of the
 * ~9 DialogContexts of a turn, only to replace an identical entry in a map keyed by class name. Done in the source
 * because the bundle's classes are bound at build time. botbuilder-dialogs 4.23.3 is its last release (the SDK is
 * archived); the build fails if the line is not there exactly once.
 */
export const SHARED_REGISTRATION = {
  file: path.join('botbuilder-dialogs', 'src', 'memory', 'dialogStateManager.ts'),
  from: 'ComponentRegistration.add(new DialogsComponentRegistration());',
  to: 'ComponentRegistration.add((sharedDialogsComponentRegistration ??= new DialogsComponentRegistration()));',
  declaration: 'let sharedDialogsComponentRegistration: DialogsComponentRegistration | undefined;\n',
};

export function shareDialogsRegistration(source: string): string {
  const { from, to, declaration } = SHARED_REGISTRATION;
  const count = source.split(from).length - 1;
  if (count !== 1) throw new Error(`${SHARED_REGISTRATION.file}: expected "${from}" once, found it ${count} times`);
  // Declared first: module code runs before any DialogStateManager is made, but a declaration above its use reads plainly.
  return declaration + source.replace(from, to);
}

function fromTypeScriptSources(packages: readonly string[] = FROM_TYPESCRIPT_SOURCES): Plugin {
  const names = packages.map((name) => name.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
  const filter = new RegExp(`^(?:${names})(?:/lib/.+\\.js)?$`);
  return {
    name: 'from-typescript-sources',
    setup(b) {
      b.onResolve({ filter }, (args) => {
        const name = args.path.split('/lib/')[0]!;
        // Resolved from where the import is, as Node would, so the version next to the importer is the one used.
        const manifest = createRequire(path.join(args.resolveDir || REPO_ROOT, 'importer.js')).resolve(`${name}/package.json`);
        return { path: typeScriptSourceOf(args.path, path.dirname(manifest)) };
      });
      b.onLoad({ filter: /dialogStateManager\.ts$/ }, async (args) => {
        if (!args.path.endsWith(SHARED_REGISTRATION.file)) return undefined;
        return { contents: shareDialogsRegistration(await readFile(args.path, 'utf8')), loader: 'ts' };
      });
    },
  };
}

export async function bundle(entry = BUNDLE_ENTRY, outdir = BUNDLE_DIR, distDir = DIST): Promise<void> {
  const common = {
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS packages call require(); in an ES module it has to be made, resolving from dist/ like Node would.
    banner: { js: "import { createRequire as __hulpwijzerCreateRequire } from 'node:module';\nconst require = __hulpwijzerCreateRequire(import.meta.url);" },
    // No keepNames: it wraps every function made at run time in a __name() call, ~30% of a turn's CPU here. Without
    // minifying, only identifiers that clash between modules are renamed (a few OpenTelemetry classes); our error
    // classes keep their names, which the bundle test checks.
    keepNames: false,
    // Stack traces map back to the TypeScript with `node --enable-source-maps`.
    sourcemap: 'linked',
    logLevel: 'warning',
    tsconfigRaw: SOURCES_TSCONFIG,
    plugins: [fromTypeScriptSources(), ownMetaUrl(distDir, outdir), deferPackages(), jsonAsParse(), holidaysOnlyFor(), stemmersOnly()],
    metafile: true,
  } satisfies BuildOptions;
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: { hulpwijzer: entry },
      // The CLI imports each command lazily; splitting keeps that, so `score` does not parse botbuilder.
      splitting: true,
      chunkNames: 'chunk-[hash]',
    }),
    // The worker thread `serve` trains the analyser in (src/nlu/trainWorker.ts), as one file without shared chunks: it loads
    // only what training needs, and the CLI's chunks stay as they were. backgroundTraining.ts finds it next to the file
    // actually running (import.meta.dirname, which the plugin leaves alone), i.e. here.
    build({ ...common, entryPoints: { trainWorker: path.join(distDir, 'src', 'nlu', 'trainWorker.js') } }),
  ]);
  // Chunk names carry a content hash, so old ones would pile up. Removed only after the new set is
  // written (not by emptying the directory first), so a server starting meanwhile still finds its chunks.
  const written = new Set(results.flatMap((result) => Object.keys(result.metafile.outputs)).map((file) => path.resolve(file)));
  written.add(path.resolve(outdir, BUILT_NETWORKS_FILE));
  // The analyser's networks, trained once here instead of at every start (~1 s, the longest part of a cold start).
  writeBuiltNetworks(corpusSplit('train'), outdir);
  for (const name of readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (!written.has(file)) rmSync(file, { force: true });
  }
}

// Silent like tsc: `npm start` prints only the server's own log.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundle();
