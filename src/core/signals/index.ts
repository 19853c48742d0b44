export * from './aggregate.js';
export * from './classify.js';
export * from './evidence.js';
export * from './method.js';
export * from './retirements.js';
export * from './score.js';
export * from './series.js';
export * from './types.js';
