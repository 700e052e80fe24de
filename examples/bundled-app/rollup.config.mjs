// Content-hashed bundle names, so the edge can serve them as immutable.
export default {
  input: 'src/main.js',
  output: { dir: 'dist/assets', format: 'es', entryFileNames: 'app-[hash].js' },
};
