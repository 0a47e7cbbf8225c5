#!/usr/bin/env node
// wasmbox-ar: ar for the objects wasmbox-cc makes.
import { archiver, reportErrors } from './driver.js';

reportErrors('wasmbox-ar', () => archiver(process.argv.slice(2), 'ar'));
