// Jest's resolver, plus the "import" export condition for the packages that ship ES modules only
// (@actions/github 9 and the Octokit under it): jest resolves CommonJS requires, which they do not offer.
// Resolved from the requiring file as Node would, so each package gets its own nested dependencies.
const ESM_ONLY = [
  '@actions/github',
  '@actions/http-client',
  '@octokit',
  'universal-user-agent',
  'before-after-hook',
  'json-with-bigint',
  'content-type',
];

function esmOnly(request) {
  return ESM_ONLY.some((name) => request === name || request.startsWith(`${name}/`));
}

module.exports = (request, options) =>
  options.defaultResolver(
    request,
    esmOnly(request) ? { ...options, conditions: ['import', 'default', 'node'] } : options,
  );
module.exports.ESM_ONLY = ESM_ONLY;
