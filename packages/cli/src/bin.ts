#!/usr/bin/env node
// Entry point of the `strata` binary. Errors print as one line, with a non-zero exit code.
import { buildProgram } from './program.js';

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    const e = error as Error;
    console.error(`strata: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`);
    process.exitCode = 1;
  });
