// `aviary doctor`: check each host before a first deploy, changing nothing.
import { doctor, renderDoctor } from '../doctor/doctor';
import { Command } from './command';
import { deployFlags, readDeploySettings } from './deploy';

export const command: Command = {
  name: 'doctor',
  summary:
    "check each host before a first deploy and print one table per host: the engine answers (version), free disk against the image's size, clock skew, the published ports free or held by the service, the registry reachable from the host, the SSH host key known; nothing is changed",
  usage: 'aviary doctor [flags] [IMAGE]',
  flags: [
    ...deployFlags.filter((f) =>
      [
        'config',
        'image',
        'groups',
        'parallel',
        'username',
        'password-stdin',
        'ssh-key',
        'ssh-known-hosts',
        'no-ssh-host-key-check',
      ].includes(f.name),
    ),
    { name: 'hosts', description: 'only these hosts, comma-separated (default: every host of the groups)' },
    { name: 'json', description: 'print JSON instead of the table', boolean: true },
  ],
  async run(args, log) {
    const settings = readDeploySettings(args, true);
    const hosts = (args.get('hosts') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const report = await doctor(settings, hosts, log);
    log.info(args.get('json') === 'true' ? JSON.stringify(report, null, 2) : renderDoctor(report));
    return report.ok ? 0 : 1;
  },
};
