#!/usr/bin/env node
// Runs `cnibench <args>` from the TypeScript sources (through tsx), as a separate process that tests can signal.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
