#!/usr/bin/env node
'use strict';
// The language server over standard input and output (or --node-ipc / --socket=N): the npm package's
// bundle in lib/, or a checkout's build in out/.
const fs = require('fs');
const path = require('path');

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) process.argv.push('--stdio');
const bundled = path.join(__dirname, '..', 'lib', 'server.js');
require(fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'out', 'server', 'src', 'server.js'));
