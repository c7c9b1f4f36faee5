// What `sync` changes: the version a group runs now, read from its hosts' own records, and, per
// host, whether it must get that version and why. Pure, so the plan printed is the plan run.

/** What one host of the group runs, as `status` reads it from the host. */
export interface HostVersion {
  name: string;
  image?: string; // the reference recorded on the current container
  digest?: string; // its recorded digest (aviary.digest), if any
  since?: string; // when it was deployed (aviary.deployed-at, else created)
  state?: string; // running, exited…; undefined when nothing runs
  healthy: boolean; // running and passing the group's checks now
}

export interface SyncTarget {
  image: string; // what the hosts that change will run: pinned by digest when one is recorded
  digest?: string;
  /** Why this version: "given", or which hosts run it healthy and since when. */
  source: string;
}

export interface SyncStep {
  host: string;
  change: boolean;
  reason: string;
}

/** `repo:tag` or `repo:tag@sha256:…` → `repo@sha256:…`: every host gets exactly the same bytes. */
export function pinned(image: string, digest?: string): string {
  if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) return image;
  const name = image.split('@')[0];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return `${colon > slash ? name.slice(0, colon) : name}@${digest}`;
}

/**
 * The newest version that some host runs and that passes its checks there: the group's version.
 * Unhealthy or stopped containers do not count (a half-failed deploy is not what to copy); among
 * healthy ones the latest deployed wins, so a group caught between two versions goes forward.
 */
export function chooseVersion(hosts: HostVersion[]): SyncTarget | undefined {
  const healthy = hosts.filter((h) => h.healthy && h.image);
  if (!healthy.length) return undefined;
  const newest = [...healthy].sort((a, b) => (b.since ?? '').localeCompare(a.since ?? ''))[0];
  const key = versionKey(newest);
  const same = healthy.filter((h) => versionKey(h) === key).map((h) => h.name);
  return {
    image: pinned(newest.image!, newest.digest),
    digest: newest.digest,
    source: `the newest healthy version: on ${same.join(', ')}, deployed ${newest.since ?? 'at an unknown time'}`,
  };
}

function versionKey(h: { image?: string; digest?: string }): string {
  return h.digest || h.image || '';
}

/** Whether a host runs the target: same digest when both are known, else the same reference. */
export function runsTarget(h: HostVersion, target: SyncTarget): boolean {
  if (!h.image) return false;
  if (target.digest && h.digest) return h.digest === target.digest;
  return h.image === target.image || pinned(h.image, h.digest) === target.image;
}

/** Per host: does it change, and why. Hosts that run the target, running, are left alone. */
export function planSync(hosts: HostVersion[], target: SyncTarget): SyncStep[] {
  return hosts.map((h) => {
    if (!h.image || !h.state) return { host: h.name, change: true, reason: 'runs nothing (a new host)' };
    if (!runsTarget(h, target)) return { host: h.name, change: true, reason: `runs another version (${h.image})` };
    if (h.state !== 'running')
      return { host: h.name, change: true, reason: `runs it, but its container is ${h.state}` };
    return {
      host: h.name,
      change: false,
      reason: h.healthy ? 'runs it, healthy' : 'runs it (not healthy now: left alone, see status)',
    };
  });
}
