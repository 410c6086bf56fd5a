/**
 * Resolves at once: in Node the module is ready as soon as it is loaded. It exists so that
 * code written for browsers (`await init()` before any call) runs unchanged in Node.
 */
export function init(): Promise<void>;
export default init;

/** Does nothing in Node (the module is already loaded); kept for the same reason as init(). */
export function initSync(): void;
