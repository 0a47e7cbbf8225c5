#!/usr/bin/env node
// wasmbox-cc: compile and link C into a module for the box.
import { main, reportErrors } from './driver.js';

reportErrors('wasmbox-cc', () => main(process.argv.slice(2), false));
