/**
 * `npm run bench -- <name>`: runs one benchmark script from this folder. Each prints what
 * it measured; none asserts a threshold (speed goals are read, not unit-tested).
 */
const benches: Record<string, () => Promise<unknown>> = {
  bundle: () => import('./bundle'),
  coverage: () => import('./coverage'),
  faults: () => import('./faults'),
  load: () => import('./load'),
  locate: () => import('./locate'),
  map: () => import('./map'),
  matching: () => import('./matching'),
  passwords: () => import('./passwords'),
  realtime: () => import('./realtime'),
};

const chosen = process.argv[2];
if (!chosen || !(chosen in benches)) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
await benches[chosen]!();
export {};
