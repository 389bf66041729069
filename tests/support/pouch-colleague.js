// A "fourth colleague" for the sync tests: a PouchDB replica (in memory, empty at start) that
// edits documents and syncs with a CouchDB-protocol server, as another application would.
//
//   node pouch-colleague.js SERVER_URL DATABASE < operations.json
//
// SERVER_URL may carry credentials (http://user:password@host:port). The standard input is a
// JSON array of operations, run in order:
//   {"op": "put", "doc": {...}}        creates, or updates the current revision when the doc
//                                      has no _rev (the colleague's edit of what it has)
//   {"op": "delete", "id": "..."}      deletes the current revision
//   {"op": "sync"}                     PouchDB.sync both ways, once, until done
//   {"op": "pull"} / {"op": "push"}    one way only
//   {"op": "dump"}                     prints one line of JSON: every document with its
//                                      _conflicts ({"rows": [{id, rev, doc}]})
// Any failure prints the error on stderr and exits with status 1.
'use strict';

const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'));

async function currentRev(local, id) {
  try {
    return (await local.get(id))._rev;
  } catch (error) {
    if (error.status === 404) return undefined;
    throw error;
  }
}

async function run(serverUrl, database, operations) {
  const local = new PouchDB(`colleague-${process.pid}`, { adapter: 'memory' });
  const remote = new PouchDB(`${serverUrl.replace(/\/$/, '')}/${database}`);
  for (const operation of operations) {
    switch (operation.op) {
      case 'put': {
        const doc = Object.assign({}, operation.doc);
        if (!doc._rev) {
          const rev = await currentRev(local, doc._id);
          if (rev) doc._rev = rev;
        }
        await local.put(doc);
        break;
      }
      case 'delete':
        await local.remove(operation.id, await currentRev(local, operation.id));
        break;
      case 'sync':
        await local.sync(remote);
        break;
      case 'pull':
        await local.replicate.from(remote);
        break;
      case 'push':
        await local.replicate.to(remote);
        break;
      case 'dump': {
        const all = await local.allDocs({ include_docs: true, conflicts: true });
        const rows = all.rows.map((row) => ({ id: row.id, rev: row.value.rev, doc: row.doc }));
        process.stdout.write(`${JSON.stringify({ rows })}\n`);
        break;
      }
      default:
        throw new Error(`unknown operation ${JSON.stringify(operation)}`);
    }
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const [serverUrl, database] = process.argv.slice(2);
  run(serverUrl, database, JSON.parse(input)).catch((error) => {
    process.stderr.write(`pouch-colleague: ${error.stack || error}\n`);
    process.exit(1);
  });
});
