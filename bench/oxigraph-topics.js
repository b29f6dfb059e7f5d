// A peer of make bench: Oxigraph (npm `oxigraph`, in memory) loads a Turtle file and runs
// every compare topic. Usage: node oxigraph-topics.js FILE.ttl QUERY_DIR RUNS
// Prints one JSON line as each part is done (so that a caller that stops it keeps what was
// measured): the load's wall and CPU ms, then per topic the best wall and CPU ms of RUNS
// runs and its row count. make bench runs it with RUNS 1, several times: repeated in one
// process, the later topics slowed down for seconds.
'use strict';
const fs = require('fs');
const path = require('path');
const oxigraph = require('oxigraph');

function timed(fn) {
  const wall = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = fn();
  const used = process.cpuUsage(cpu);
  return { result, wall: Number(process.hrtime.bigint() - wall) / 1e6, cpu: (used.user + used.system) / 1e3 };
}

function best(values) {
  return Math.min(...values);
}

const [file, queryDir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const store = new oxigraph.Store();
const load = timed(() => store.load(fs.readFileSync(file, 'utf8'), { format: 'text/turtle' }));
process.stdout.write(JSON.stringify({ load: { wall: load.wall, cpu: load.cpu }, triples: store.size }) + '\n');
for (const name of fs.readdirSync(queryDir).filter((n) => n.endsWith('.rq')).sort()) {
  const query = fs.readFileSync(path.join(queryDir, name), 'utf8');
  const times = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t = timed(() => store.query(query));
    rows = Array.isArray(t.result) ? t.result.length : 1;
    times.push(t);
  }
  process.stdout.write(JSON.stringify({ topic: name.replace(/\.rq$/, ''), wall: best(times.map((t) => t.wall)),
    cpu: best(times.map((t) => t.cpu)), rows }) + '\n');
}
