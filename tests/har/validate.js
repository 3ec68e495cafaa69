// Validates HAR files with npm's har-validator (the schema HTTP tools use)
// and checks what DevTools' importer reads without a guard: every entry has
// cookies/headers/queryString arrays, cache {}, timings send/wait/receive.
// Usage: node validate.js NODE_MODULES_DIR FILE.har...
'use strict';
const fs = require('fs');
const path = require('path');
const validator = require(path.resolve(process.argv[2], 'har-validator'));

function devtoolsProblems(har) {
  const problems = [];
  (har.log.entries || []).forEach((e, i) => {
    const at = `log.entries[${i}]`;
    for (const k of ['cookies', 'headers', 'queryString'])
      if (!Array.isArray(e.request[k])) problems.push(`${at}.request.${k} is not an array`);
    for (const k of ['cookies', 'headers'])
      if (!Array.isArray(e.response[k])) problems.push(`${at}.response.${k} is not an array`);
    if (typeof e.cache !== 'object' || e.cache === null) problems.push(`${at}.cache is not an object`);
    for (const k of ['send', 'wait', 'receive'])
      if (typeof e.timings[k] !== 'number') problems.push(`${at}.timings.${k} is not a number`);
    if (Number.isNaN(Date.parse(e.startedDateTime))) problems.push(`${at}.startedDateTime does not parse`);
  });
  return problems;
}

(async () => {
  let failed = 0;
  for (const file of process.argv.slice(3)) {
    let har;
    try {
      har = JSON.parse(fs.readFileSync(file, 'utf8'));
      await validator.har(har);
      const p = devtoolsProblems(har);
      if (p.length) throw new Error(p.join('; '));
    } catch (err) {
      failed++;
      const detail = err.errors ? JSON.stringify(err.errors.slice(0, 5)) : err.message;
      console.error(`${file}: ${detail}`);
    }
  }
  console.log(`${process.argv.length - 3 - failed} valid, ${failed} invalid`);
  process.exit(failed ? 1 : 0);
})();
