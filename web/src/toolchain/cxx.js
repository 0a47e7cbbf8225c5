#!/usr/bin/env node
// wasmbox-c++: wasmbox-cc for C++.
import { main, reportErrors } from './driver.js';

reportErrors('wasmbox-c++', () => main(process.argv.slice(2), true));
