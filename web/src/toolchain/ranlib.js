#!/usr/bin/env node
// wasmbox-ranlib: ranlib for the archives of wasmbox-cc's objects.
import { archiver, reportErrors } from './driver.js';

reportErrors('wasmbox-ranlib', () => archiver(process.argv.slice(2), 'ranlib'));
