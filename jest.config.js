/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
  testMatch: ['<rootDir>/{server,scripts,plugin,test}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.local/', '/dist/'],
};
