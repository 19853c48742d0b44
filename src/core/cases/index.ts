export * from './need.js';
export * from './need-evidence.js';
export * from './needs-import.js';
export * from './organisation-number.js';
export * from './report.js';
export * from './status.js';
