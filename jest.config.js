// API and unit tests. ESM throughout (run with --experimental-vm-modules, see package.json).
const swc = [
  '@swc/jest',
  {
    jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } },
    module: { type: 'es6' },
  },
];

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/{unit,integration}/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': swc },
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/src/$1' },
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
  testTimeout: 60_000,
  // Jest's default leaves one core of two idle. Each test file has a database of its own (a
  // PGlite copy, or a PostgreSQL database cloned from the run's template), so files run side
  // by side safely; JEST_WORKERS overrides (CI gives the PostgreSQL run three, as its workers
  // spend much of their time waiting on the server).
  maxWorkers: Number(process.env.JEST_WORKERS) || 2,
};
