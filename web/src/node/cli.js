#!/usr/bin/env node
// The `wasmbox` command. Node 20 can crash returning from a long wasm call
// into bytecode it flushed meanwhile (see ../shared/TOOLCHAIN-NOTES), so
// flushing is turned off before any other module is loaded.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-flush-bytecode');
const { runCli } = await import('./run-command.js');
runCli(process.argv.slice(2));
