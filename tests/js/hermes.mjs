// Runs a React Native style program in Hermes, the engine of React Native apps: the program is
// bundled as an app's release build is (Metro with the React Native Babel preset), then run by
// the `hermes` command line of the hermes-engine-cli package. Everything comes from npm, pinned
// and installed once into a cached folder under target/, apart from consumer.mjs's TOOLS (a
// Metro of their own, whose versions follow React Native's).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cachedInstall } from './consumer.mjs';

/**
 * The tools, pinned. Metro 0.84 and the 0.86 preset are the newest that still run on Node 20
 * (later ones want Node 22). @babel/runtime is here because the preset's code imports its
 * helpers, which an app has among its own dependencies and a test project does not.
 */
export const HERMES_TOOLS = {
  metro: '0.84.6',
  '@react-native/babel-preset': '0.86.3',
  '@react-native/metro-babel-transformer': '0.86.3',
  '@babel/core': '7.29.17',
  '@babel/runtime': '7.29.17',
  'hermes-engine-cli': '0.12.0',
};

/** Where hermes-engine-cli keeps the `hermes` binary for this platform. */
const HERMES_BIN = { linux: 'linux64-bin/hermes', darwin: 'osx-bin/hermes', win32: 'win64-bin/hermes.exe' }[process.platform];

/** The folder where HERMES_TOOLS are installed, once (consumer.mjs's cachedInstall). */
export const hermesTools = () => cachedInstall('hermes-tools', HERMES_TOOLS, (folder) => {
  // A tarball may lose the executable bit of the binary it ships.
  chmodSync(join(folder, 'node_modules', 'hermes-engine-cli', HERMES_BIN), 0o755);
});

/**
 * Put before the bundle: the bare Hermes command line has `print` but no `console`, which a
 * React Native app gets from its runtime. Everything it logs goes to standard output.
 */
const CONSOLE_PRELUDE = `if (typeof globalThis.console === 'undefined') {
  globalThis.console = { log: print, info: print, warn: print, error: print, debug: print };
}
`;

/**
 * Bundles `entryFile` (relative to `projectDir`, a project with its own node_modules) into
 * projectDir/dist/bundle.js and runs it in Hermes; returns its outputs and exit status, and
 * throws with both outputs when Hermes fails (a syntax it lacks, an uncaught error).
 */
export async function runInHermes(projectDir, entryFile) {
  const tools = hermesTools();
  const toolsRequire = createRequire(join(tools, 'package.json'));
  const Metro = toolsRequire('metro');
  const { getDefaultConfig, mergeConfig } = toolsRequire('metro-config');
  const { FileStore } = toolsRequire('metro-cache');
  const packageDir = (name) => dirname(toolsRequire.resolve(`${name}/package.json`));
  // Caches in the tools folder keep a warm run fast and leave the system's tmp alone.
  const cache = join(tools, 'cache');
  mkdirSync(join(cache, 'file-map'), { recursive: true });
  // Metro's defaults and these settings only: no metro.config.js is looked for.
  const config = mergeConfig(await getDefaultConfig(projectDir), {
    // Metro only bundles files in its file map: its module system (metro-runtime) and the
    // Babel helpers live in the tools folder, outside the project.
    watchFolders: [projectDir, packageDir('metro-runtime'), packageDir('@babel/runtime')],
    resolver: {
      // Hermes in a React Native app: the package's "react-native" export, as a require.
      // Adding 'import' would pick @babel/runtime's ES module helpers, which fail to load.
      unstable_enablePackageExports: true,
      unstable_conditionNames: ['require', 'react-native'],
      resolverMainFields: ['react-native', 'browser', 'main'],
      // Only @babel/runtime comes from the tools: any other missing module still fails.
      extraNodeModules: { '@babel/runtime': packageDir('@babel/runtime') },
      useWatchman: false,
    },
    transformer: {
      // The preset of React Native apps, which (unlike Metro's own transformer) lowers the
      // syntax Hermes lacks, such as classes, under runBuild's default transform profile
      // ('hermes-stable' would keep them, for newer Hermes). It resolves from the tools folder.
      // A babel.config.js in the project would still be used, as in an app.
      babelTransformerPath: toolsRequire.resolve('@react-native/metro-babel-transformer'),
      enableBabelRCLookup: false,
      // Named by package by default, which the project's node_modules do not have.
      asyncRequireModulePath: toolsRequire.resolve('metro-runtime/src/modules/asyncRequire'),
    },
    serializer: {
      // A plain script: no React Native polyfills or InitializeCore before the entry.
      getPolyfills: () => [],
      getModulesRunBeforeMainModule: () => [],
    },
    cacheStores: [new FileStore({ root: join(cache, 'transforms') })],
    fileMapCacheDirectory: join(cache, 'file-map'),
    // One worker transforms in this process: spawning workers costs more than a small
    // program's transforms.
    maxWorkers: 1,
    reporter: { update() {} },
  });
  // A release build; the platform only picks *.android.js files, Hermes runs either.
  const { code } = await Metro.runBuild(config, { entry: entryFile, dev: false, minify: false, platform: 'android' });
  const bundle = join(projectDir, 'dist', 'bundle.js');
  mkdirSync(dirname(bundle), { recursive: true });
  writeFileSync(bundle, CONSOLE_PRELUDE + code);

  // Hermes compiles the source before running it, in time that grows with the square of one
  // function's size: about 2.5 s for a 1.2 MB wasm2js-style function, most of a warm run.
  const hermes = join(tools, 'node_modules', 'hermes-engine-cli', HERMES_BIN);
  const { stdout, stderr, status, error } = spawnSync(hermes, [bundle], { cwd: projectDir, encoding: 'utf8' });
  if (error || status !== 0) {
    throw new Error(`hermes ${bundle} failed (${error?.message ?? `exit code ${status}`})\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  }
  return { stdout, stderr, status };
}
