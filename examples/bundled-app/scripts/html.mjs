// Writes dist/index.html pointing at the hashed bundle rollup just produced.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const bundle = readdirSync('dist/assets').find((name) => name.startsWith('app-') && name.endsWith('.js'));
const html = readFileSync('index.html', 'utf8').replace('%BUNDLE%', `/assets/${bundle}`);
writeFileSync('dist/index.html', html);
console.log(`dist/index.html -> /assets/${bundle}`);
