/** What `init()` can load the WebAssembly module from (browsers and bundlers). */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. In browsers and bundlers, await it once before calling any
 * function (with no argument it fetches the .wasm next to the module). In Node the module is
 * ready as soon as it is imported, and this resolves at once, so one code path serves both.
 */
export function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;
export default init;

/** Synchronous init from bytes or a compiled module (browsers); a no-op in Node. */
export function initSync(module?: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;
