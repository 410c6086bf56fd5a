'use strict';
// Where WebAssembly is off (`node --jitless`): the main module's functions on the package's
// JS engine, loaded only then.
module.exports = require('../engine/index.cjs').api;
