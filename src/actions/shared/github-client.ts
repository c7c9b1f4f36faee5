// The GitHub REST client of the actions: Octokit from @actions/github (the runner's proxy settings,
// GitHub Enterprise API roots), handed to the engine as the Deployments routes it records a rollout with.
import type { ConnectDeploymentsApi, DeploymentsApi } from '../../github/deployments';
import type { Logger } from '../../log';

/**
 * Loaded on first use: Octokit is about 220 kB of bundle that a deploy recording no GitHub
 * deployment never parses. Octokit's own notices (deprecated routes) go to the engine's logger.
 */
export const connectOctokit: ConnectDeploymentsApi = async (
  token: string,
  apiUrl: string,
  log: Logger,
): Promise<DeploymentsApi> => {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token, {
    baseUrl: apiUrl,
    userAgent: 'aviary',
    log: {
      debug: (m: string) => log.debug(m),
      info: (m: string) => log.debug(m),
      warn: (m: string) => log.warn(m),
      error: (m: string) => log.warn(m),
    },
  });
  return octokit.rest.repos;
};
