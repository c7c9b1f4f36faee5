// Tests run one file at a time: the end-to-end suites share one real fleet of Docker hosts.
const { ESM_ONLY } = require('./test/support/esm-resolver');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, isolatedModules: true } },
    ],
    // @actions/github 9 and the Octokit under it ship ES modules only: compiled to CommonJS like our sources.
    '^.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node10', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  resolver: '<rootDir>/test/support/esm-resolver.js',
  testTimeout: 120000,
  verbose: true,
  reporters: ['default', '<rootDir>/test/support/count-reporter.js'],
};
