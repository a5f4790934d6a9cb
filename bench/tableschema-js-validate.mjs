// Validates a CSV against a Table Schema with tableschema-js (npm package `tableschema`,
// frictionlessdata), for the comparison in bench/validate.sh. Counts rows and errors and prints
// one JSON line: {"rows","errors","invalidRows","seconds","rowsPerSecond","firstErrors"}.
//
// Usage: node bench/tableschema-js-validate.mjs --schema SCHEMA.json [--delimiter ,] FILE.csv
//
// tableschema-js implements Table Schema v1, so the descriptor is adapted without changing what
// it checks (the same rows are valid or invalid as for opgv):
//   - `categories` (v2) become `constraints.enum` with the category values;
//   - `pattern` is anchored as ^(?:…)$: the spec matches the whole value, tableschema-js calls
//     RegExp.exec (a match anywhere would do);
//   - `$schema`, `title` and `description` are dropped (not part of its v1 profile).
// Not adapted: German notation. tableschema-js 1.12 reads "1.234,56" with decimalChar "," and
// groupChar "." as 123456 (it replaces the decimal comma by "." first and then strips every
// "." as group character), and integers take no groupChar. bench/validate.sh therefore hands it
// the international-notation copy of the German file (same rows, schema sozialraum-intl.json).
//
// The time covers Schema.load, Table.load and the whole iteration (cast, constraints, primary
// key), not Node's start-up; bench/validate.sh also measures the wall time of the process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function usage(message) {
  process.stderr.write(`tableschema-js-validate: ${message}\n` +
    'Usage: node bench/tableschema-js-validate.mjs --schema SCHEMA.json [--delimiter ,] FILE.csv\n');
  process.exit(2);
}

let schemaPath = '';
let delimiter = ',';
let file = '';
const args = process.argv.slice(2);
for (let i = 0; i < args.length; ++i) {
  const arg = args[i];
  if (arg === '--schema') schemaPath = args[++i] ?? '';
  else if (arg.startsWith('--schema=')) schemaPath = arg.slice('--schema='.length);
  else if (arg === '--delimiter') delimiter = args[++i] ?? '';
  else if (arg.startsWith('--delimiter=')) delimiter = arg.slice('--delimiter='.length);
  else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else file = arg;
}
if (!schemaPath || !file) usage('--schema and FILE are required');
if (delimiter.length !== 1) usage('--delimiter must be one character');

let tableschema;
try {
  tableschema = require('tableschema');
} catch {
  process.stderr.write("tableschema-js-validate: the npm package 'tableschema' is missing; run 'npm ci' in the repository root.\n");
  process.exit(3);
}
const { Schema, Table } = tableschema;

function adapt(descriptor) {
  const out = structuredClone(descriptor);
  delete out.$schema;
  delete out.title;
  delete out.description;
  for (const field of out.fields ?? []) {
    const constraints = field.constraints ?? {};
    if (Array.isArray(field.categories)) {
      if (!constraints.enum) {
        constraints.enum = field.categories.map((c) => (c !== null && typeof c === 'object' ? c.value : c));
      }
      delete field.categories;
      delete field.categoriesOrdered;
    }
    if (typeof constraints.pattern === 'string') constraints.pattern = `^(?:${constraints.pattern})$`;
    if (Object.keys(constraints).length > 0) field.constraints = constraints;
  }
  return out;
}

const descriptor = adapt(JSON.parse(readFileSync(schemaPath, 'utf8')));
const started = process.hrtime.bigint();
const schema = await Schema.load(descriptor);
if (!schema.valid) {
  process.stderr.write(`tableschema-js-validate: schema not valid for tableschema-js: ${schema.errors.map((e) => e.message).join('; ')}\n`);
  process.exit(2);
}
const table = await Table.load(file, { schema, delimiter });
const iterator = await table.iter({ cast: true, forceCast: true });

let rows = 0;
let errors = 0;
let invalidRows = 0;
const firstErrors = [];
for await (const row of iterator) {
  ++rows;
  if (row instanceof Error) {
    ++invalidRows;
    const list = Array.isArray(row.errors) && row.errors.length > 0 ? row.errors : [row];
    errors += list.length;
    for (const e of list) if (firstErrors.length < 5) firstErrors.push(`row ${row.rowNumber ?? '?'}: ${e.message}`);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({
  rows, errors, invalidRows, seconds, rowsPerSecond: seconds > 0 ? rows / seconds : 0, firstErrors,
}) + '\n');
