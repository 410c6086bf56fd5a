'use strict';
// The population module has no JS engine: it is for a million users a call, which only
// WebAssembly runs in time.
throw new Error("soei-rewards/population needs WebAssembly, which is off here; 'soei-rewards' itself runs without it");
