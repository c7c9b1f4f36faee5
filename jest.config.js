// Tests run one file at a time: the end-to-end suites share one real fleet of Docker hosts.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, isolatedModules: true } }],
  },
  testTimeout: 120000,
  verbose: true,
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
};
