// Prints raw, gzip and brotli sizes of the files the browser downloads.
// Usage: node scripts/bundle-sizes.mjs FILE... ; with BUNDLE_SIZES_JSON=path also writes them as JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8) + ' KB';
const rows = process.argv.slice(2).map((file) => {
  const bytes = readFileSync(file);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
});
console.log('bundle sizes'.padEnd(40) + '     raw'.padStart(11) + '    gzip'.padStart(11) + '  brotli'.padStart(11));
for (const row of rows) console.log(row.file.padEnd(40) + kb(row.raw) + kb(row.gzip) + kb(row.brotli));
if (process.env.BUNDLE_SIZES_JSON) writeFileSync(process.env.BUNDLE_SIZES_JSON, JSON.stringify(rows, null, 2));
