export * from './accounts.js';
export * from './education.js';
export * from './geo.js';
export * from './imports.js';
export * from './labour-market.js';
export * from './learning-centres.js';
export * from './occupations.js';
export * from './signals.js';
