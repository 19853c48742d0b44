#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx semafor` works right after `npm ci`, without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
