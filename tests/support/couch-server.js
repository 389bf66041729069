// The sync tests' CouchDB-protocol server: express-pouchdb on PouchDB's in-memory adapter
// (installed, pinned, under target/test-tools by `scripts/setup-debian.sh --tests`).
//
//   node couch-server.js [PORT] [--without-bulk-get]
//
// --without-bulk-get leaves out `_bulk_get`, as on CouchDB 1.x (the client's fallback).
// Listens on 127.0.0.1 only, on PORT (0 or absent: a free port the system picks) and prints
// `listening PORT` on stdout once it answers. Everything is in memory: a restart starts empty.
// It exits when its standard input closes, so that a test process that dies (even killed)
// leaves no server behind: the Rust helper (src-tauri/core/tests/common/couch.rs) keeps that
// pipe open for the server's life.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const express = require('express');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'))
  .defaults({ adapter: 'memory' });
const expressPouchDB = require('express-pouchdb');

const port = Number(process.argv[2] || 0);
// The full CouchDB emulation (authentication, _security, _local…) with its configuration in
// memory; its log (which authentication needs) in a temporary file removed at exit, not a
// log.txt in the working folder.
const logPath = path.join(os.tmpdir(), `passerelle-couch-${process.pid}.log`);
const exclude = process.argv.includes('--without-bulk-get') ? ['routes/bulk-get'] : [];
const couch = expressPouchDB(PouchDB, {
  mode: 'fullCouchDB',
  inMemoryConfig: true,
  logPath,
  overrideMode: { exclude },
});
process.on('exit', () => fs.rmSync(logPath, { force: true }));
const app = express();
app.use('/', couch);

const server = app.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
server.on('error', (error) => {
  process.stderr.write(`couch-server: ${error.message}\n`);
  process.exit(1);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
