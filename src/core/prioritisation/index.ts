export * from './decision.js';
export * from './draft.js';
export * from './method.js';
export * from './past-list.js';
export * from './sector.js';
export * from './worked-example.js';
