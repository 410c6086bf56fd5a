// The module's .wasm, inlined as base64, in a file of its own: the inlined entry imports it,
// and the browser entry only where its .wasm did not load beside it (esbuild, Rollup).
// generated: the .wasm's bytes
const wasmBase64 = '';

/** The module's bytes, by the platform's own decoder: the standard one where there is one,
 *  Node's and Bun's Buffer (Node 20's atob takes 100 ms here), else atob, native in browsers. */
export function wasmBytes() {
  // @ts-ignore: Uint8Array.fromBase64 is newer than TypeScript's libraries here
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(wasmBase64);
  // @ts-ignore: Buffer exists only in Node, Bun and Deno
  if (globalThis.Buffer) return globalThis.Buffer.from(wasmBase64, 'base64');
  const text = atob(wasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}
