// The safety promise checked on the hosts themselves, through each engine's own API: one container
// named as the service, running, of a version a deploy recorded in its aviary.* labels, answering
// its health endpoint with that version; no deploy lock left; nothing half-made left running.
import { DeployFixture } from './deploy-fixture';
import { hostProblems } from './faults';

export interface HostVerdict {
  host: string;
  /** The version the service's container answers on /version, or '' when it answers nothing. */
  version: string;
  /** Runs a healthy, recorded version. */
  healthy: boolean;
  problems: string[];
  /** Record containers of the service left on the host besides a lock (heartbeats, taken-over locks, intents). */
  records: string[];
}

/**
 * Every host's verdict. `versions` are the tags the test deployed (what /version may answer); a
 * host is healthy only when its container is the one named as the service, runs, carries the
 * records of a deploy (aviary.service, .deployment, .image, .digest) for the image it really runs,
 * and answers /health "ok" and /version with that image's tag.
 */
export async function checkHosts(fx: DeployFixture, names: string[], versions: string[]): Promise<HostVerdict[]> {
  // The suite's shared reading first: running, /version, /health, leftovers, the lock by its name.
  const shared = await hostProblems(fx, names, versions);
  return Promise.all(
    names.map(async (name): Promise<HostVerdict> => {
      const host = fx.host(name);
      const problems = shared.filter((p) => p.startsWith(`${name}: `));
      const list = await host.docker.listContainers({ all: true });
      // A lock is a container of the service's lock name, or one labelled for it, whatever its name.
      const locks = list.filter(
        (c) =>
          c.Names.includes(`/aviary-lock.${fx.service}`) ||
          c.Labels?.['aviary.lock.service'] === fx.service ||
          (c.Labels?.['aviary.record.service'] === fx.service && c.Labels?.['aviary.record.kind'] === 'lock'),
      );
      // Other records of the service (heartbeats, taken-over locks, intents): not a problem, but counted.
      const records = list
        .filter(
          (c) =>
            !locks.includes(c) &&
            (c.Labels?.['aviary.record.service'] === fx.service ||
              c.Names.some(
                (n) => n.startsWith(`/aviary-lock.${fx.service}.`) || n.startsWith(`/aviary-intent.${fx.service}.`),
              )),
        )
        .map((c) => c.Names[0].slice(1));
      if (locks.length && !problems.some((p) => p.includes('deploy lock')))
        problems.push(`${name}: a deploy lock of ${fx.service} remains (${locks.map((c) => c.Names[0]).join(', ')})`);
      const named = list.filter((c) => c.Names.includes(`/${fx.service}`));
      let recorded = false;
      let version = '';
      if (named.length === 1 && named[0].State === 'running') {
        const info = await host.docker.getContainer(named[0].Id).inspect();
        const labels = info.Config.Labels ?? {};
        const missing = ['aviary.service', 'aviary.deployment', 'aviary.image', 'aviary.digest'].filter(
          (l) => !labels[l],
        );
        if (missing.length)
          problems.push(
            `${name}: ${fx.service} (${info.Config.Image}) carries no record of a deploy: ${missing.join(', ')} missing`,
          );
        else if (labels['aviary.service'] !== fx.service)
          problems.push(`${name}: ${fx.service} is labelled for service ${labels['aviary.service']}`);
        else if (labels['aviary.image'] !== info.Config.Image)
          problems.push(
            `${name}: ${fx.service} runs ${info.Config.Image} but its record says ${labels['aviary.image']}`,
          );
        else {
          const image = await host.docker
            .getImage(info.Image)
            .inspect()
            .catch(() => undefined);
          const digests = (image?.RepoDigests ?? []).map((d) => d.slice(d.indexOf('@') + 1));
          if (!digests.includes(labels['aviary.digest']))
            problems.push(
              `${name}: ${fx.service} runs image ${info.Image.slice(0, 19)} (${digests.join(', ') || 'no digest'}), not the recorded ${labels['aviary.digest']}`,
            );
          else recorded = true;
        }
        version = await fx.version(host);
        // A tag names the version the test image answers; a digest reference (the root action's) does not.
        const ref = labels['aviary.image'] ?? '';
        const tag = ref.includes('@') ? undefined : ref.slice(ref.lastIndexOf(':') + 1);
        if (recorded && tag !== undefined && version !== tag)
          problems.push(
            `${name}: answers /version ${JSON.stringify(version)}, but its record says ${labels['aviary.image']}`,
          );
      }
      const down = problems.some((p) =>
        /no \S+ container|is (exited|created|paused|restarting|dead)|answers \/version|\/health answers|carries no record|labelled for|runs .* but its record|not the recorded/.test(
          p,
        ),
      );
      return { host: name, version, healthy: recorded && !down, problems: problems.sort(), records };
    }),
  );
}

/** The hosts that do not run a healthy recorded version. */
export function withoutHealthyVersion(verdicts: HostVerdict[]): string[] {
  return verdicts.filter((v) => !v.healthy).map((v) => v.host);
}

/** All problems of all hosts, one per line. */
export function allProblems(verdicts: HostVerdict[]): string[] {
  return verdicts.flatMap((v) => v.problems);
}
