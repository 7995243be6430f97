export * from './vocabulary.js';
export * from './observation.js';
export * from './levels.js';
export * from './errors.js';
export * from './ledger.js';
export * from './dataset.js';
export * from './c-printf.js';
export * from './display.js';
