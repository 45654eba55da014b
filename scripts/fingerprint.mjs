// Fingerprints the site's long-lived assets (src/server/assets.rs reads the result):
//   - copies each file to a name with its content hash: pkg/atlas.css -> pkg/atlas.<16 hex>.css;
//   - writes brotli (quality 11) and gzip (level 9) copies next to the hashed and the plain names,
//     which the server sends as they are when the client accepts them;
//   - writes SITE/asset-hashes.txt, one `key: hash` per line (the keys js and wasm are the ones
//     Leptos's HydrationScripts reads with its hash_files option).
// Hashed copies of earlier builds are removed, so the site holds one version of each file.
// Usage: node scripts/fingerprint.mjs SITE_ROOT
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const site = process.argv[2];
if (!site) {
  console.error('usage: node scripts/fingerprint.mjs SITE_ROOT');
  process.exit(2);
}

// Keys and the files they stand for; keep in step with KEYS in src/server/assets.rs.
const assets = [
  ['js', 'pkg/atlas.js'],
  ['wasm', 'pkg/atlas.wasm'],
  ['css', 'pkg/atlas.css'],
  ['echarts', 'js/echarts.min.js'],
  ['charts', 'js/charts.js'],
];

const compress = (file) => {
  const bytes = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
};

const lines = [];
for (const [key, path] of assets) {
  const file = join(site, path);
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    console.error(`fingerprint: ${file} is missing (${error.code}); the build did not finish`);
    process.exit(1);
  }
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const stem = name.slice(0, dot);
  const extension = name.slice(dot + 1);
  const hashedName = `${stem}.${hash}.${extension}`;
  // Earlier builds' copies: the stem, a dot, 16 hex digits, the extension (and .br/.gz).
  const earlier = new RegExp(`^${stem.replace(/\./g, '\\.')}\\.[0-9a-f]{16}\\.${extension}(\\.br|\\.gz)?$`);
  for (const entry of readdirSync(dirname(file))) {
    if (earlier.test(entry) && !entry.startsWith(hashedName)) rmSync(join(dirname(file), entry));
  }
  const hashed = join(dirname(file), hashedName);
  copyFileSync(file, hashed);
  compress(file);
  compress(hashed);
  lines.push(`${key}: ${hash}`);
  console.log(`[fingerprint] ${path} -> ${join(dirname(path), hashedName)}`);
}
writeFileSync(join(site, 'asset-hashes.txt'), lines.join('\n') + '\n');
