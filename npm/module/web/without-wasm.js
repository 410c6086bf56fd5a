// Where WebAssembly is off or refused (iOS Lockdown Mode, a CSP without 'wasm-unsafe-eval'):
// the main module's functions on the package's JS engine, fetched only then.
/** @returns {Promise<Record<string, Function>>} */
export async function jsEngine() {
  // @ts-ignore: the engine is built into pkg/engine beside this module's folder
  return (await import('../engine/index.js')).api;
}
