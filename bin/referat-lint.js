#!/usr/bin/env node
'use strict';
const fs = require('fs');
const path = require('path');
// A closed pipe (referat-lint ... | head) ends the output quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
// The npm package's bundle in lib/, or a checkout's build in out/.
const bundled = path.join(__dirname, '..', 'lib', 'cli.js');
require(fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'out', 'server', 'src', 'cli.js'))
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
