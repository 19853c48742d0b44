export * from './education.js';
export * from './geo.js';
export * from './imports.js';
export * from './labour-market.js';
export * from './occupations.js';
