export * from './match.js';
export * from './normalise.js';
