// Preloaded (node -r) into an untimed aviary run: at exit, writes the bundle files the run loaded
// (the entry and every chunk) to $BENCH_LOADED_FILE, so the benchmark can report what a deploy parses.
const fs = require('node:fs');
process.on('exit', () => {
  const files = Object.keys(require.cache).filter((f) => !f.endsWith('loaded.cjs'));
  try {
    fs.writeFileSync(process.env.BENCH_LOADED_FILE, files.join('\n') + '\n');
  } catch {
    /* best effort */
  }
});
