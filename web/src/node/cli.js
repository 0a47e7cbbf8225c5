#!/usr/bin/env node
// The `wasmbox` command. Node 20 can crash returning from a long wasm call
// into bytecode it flushed meanwhile (see ../shared/TOOLCHAIN-NOTES), so
// flushing is turned off before any other module is loaded. `wasmbox cc`
// runs one 75 MB module a few times: V8's baseline compiler alone makes
// that faster than tiering up (bench:cc measures both).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-flush-bytecode');
const command = process.argv[2];
if (command === 'cc' || command === 'c++') setFlagsFromString('--liftoff-only');
const { runCli } = await import('./run-command.js');
runCli(process.argv.slice(2));
