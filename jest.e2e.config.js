// Browser tests: playwright-core driving Debian's chromium against a real server process.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/support/e2e-global-setup.js',
  globalTeardown: '<rootDir>/test/support/e2e-global-teardown.js',
  testTimeout: 120_000,
};
