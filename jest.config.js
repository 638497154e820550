/**
 * Three projects, so the fast ones can run alone: `npm run test:unit` (core, services and adapters against the
 * in-process emulators), `npm run test:e2e` (the whole local stack, the deployment template), `npm run
 * test:browser` (the plug-in in headless Chromium). `npm test` runs all three.
 * @type {import('jest').Config}
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  testPathIgnorePatterns: ['/node_modules/', '/.local/', '/dist/', '/.tsbuild/'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{contract,server,scripts,plugin}/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.browser\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/{e2e,deploy}/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.browser\\.test\\.ts$'],
    },
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/{plugin,test}/**/*.browser.test.ts'] },
  ],
};
