// What the deploy, rollback and all-in-one actions publish around a rollout: the job summary and,
// with a token and an environment, a GitHub deployment whose status follows the rollout.
import * as fs from 'node:fs';
import { DeployObserver } from '../../deploy';
import { actionsRunUrl, GitHubDeployments } from '../../github/deployments';
import { connectOctokit } from './github-client';
import { Logger } from '../../log';
import { RolloutReport } from '../../report/types';
import { renderSummary } from '../../report/summary';

export interface PublishSettings {
  summary: boolean;
  githubToken?: string;
  environment?: string;
  environmentUrl?: string;
}

export class Publisher implements DeployObserver {
  private readonly deployments?: GitHubDeployments;
  private deploymentId?: number;

  constructor(
    private readonly settings: PublishSettings,
    private readonly log: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    if (settings.githubToken && settings.environment && env.GITHUB_REPOSITORY) {
      this.deployments = new GitHubDeployments({
        apiUrl: env.GITHUB_API_URL,
        token: settings.githubToken,
        repository: env.GITHUB_REPOSITORY,
        log,
        connect: connectOctokit,
      });
    } else if (settings.environment && !settings.githubToken) {
      log.warn('environment is set but github-token is not: no GitHub deployment is recorded');
    }
  }

  /** Opens the GitHub deployment (payload: image, digest, groups) and marks it in progress. */
  async started(report: RolloutReport): Promise<void> {
    if (!this.deployments || report.dryRun) return;
    this.deploymentId = await this.deployments.create({
      sha: this.env.GITHUB_SHA,
      ref: this.env.GITHUB_SHA ? undefined : this.env.GITHUB_REF,
      environment: this.settings.environment!,
      description: `aviary: ${report.service} ${report.image}`,
      payload: {
        image: report.image,
        digest: report.digest,
        groups: [...new Set(report.plan.map((b) => b.group))],
        deployment: report.deployment,
      },
    });
    await this.deployments.setStatus(this.deploymentId, 'in_progress', this.details(report));
  }

  /** Moves the GitHub deployment to its final status and writes the job summary. */
  async finished(report: RolloutReport): Promise<void> {
    if (this.deployments && this.deploymentId !== undefined)
      await this.deployments.finish(this.deploymentId, report.result, this.details(report));
    const file = this.env.GITHUB_STEP_SUMMARY;
    if (this.settings.summary && file) {
      try {
        fs.appendFileSync(file, renderSummary(report) + '\n');
      } catch (err) {
        this.log.warn(`could not write the job summary: ${(err as Error).message}`);
      }
    }
  }

  get githubDeploymentId(): string {
    return this.deploymentId === undefined ? '' : String(this.deploymentId);
  }

  private details(report: RolloutReport) {
    return {
      logUrl: actionsRunUrl(this.env),
      environmentUrl: this.settings.environmentUrl || undefined,
      description: `${report.result} — ${report.hosts.length} host(s)`,
    };
  }
}
