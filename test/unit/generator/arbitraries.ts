import fc from "fast-check";
import { formatIpv4 } from "../../../server/src/generator/ipv4.ts";
import type { HaSpecInput } from "../../../server/src/generator/index.ts";
import { passwordProblem } from "../../../server/src/generator/password.ts";

/** Valid spec inputs of every shape the generator takes: the generator must turn each into a clean pair. */

/** A unicast first octet: not 0, loopback, multicast or reserved. */
const firstOctet = fc.integer({ min: 1, max: 223 }).filter((n) => n !== 127);

/** A subnet of `prefix` and three distinct host addresses in it (neither network nor broadcast, nor the first host). */
function lan(minPrefix: number, maxPrefix: number): fc.Arbitrary<{ base: number; prefix: number; hosts: [number, number, number] }> {
  return fc
    .record({ first: firstOctet, rest: fc.integer({ min: 0, max: 0xffffff }), prefix: fc.integer({ min: minPrefix, max: maxPrefix }) })
    .chain(({ first, rest, prefix }) => {
      const size = 2 ** (32 - prefix);
      const base = Math.floor(((first * 2 ** 24 + rest) >>> 0) / size) * size;
      // Offsets 2..size-2: skips the network address, the first host (Docker's gateway) and the broadcast.
      const offset = fc.integer({ min: 2, max: size - 2 });
      return fc.uniqueArray(offset, { minLength: 3, maxLength: 3 }).map((o) => ({ base, prefix, hosts: [base + o[0]!, base + o[1]!, base + o[2]!] as [number, number, number] }));
    });
}

export const interfaceName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/).filter((n) => n !== "all" && n !== "default");
const clusterName = fc.stringMatching(/^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$/);
const password = fc.stringMatching(/^[A-Za-z0-9\-_.+=%:,/^~*]{1,8}$/).filter((p) => passwordProblem(p) === undefined);
const service = fc.oneof(
  fc.constant("emqx-edge"),
  fc.integer({ min: 1, max: 65535 }).map((p) => `tcp:${p}`),
  fc
    .record({ host: fc.constantFrom("127.0.0.1", "localhost", "[::1]"), port: fc.integer({ min: 1, max: 65535 }), path: fc.stringMatching(/^(\/[a-z0-9._~-]{1,12}){0,3}$/), query: fc.constantFrom("", "?full=1", "?a=1&b=2") })
    .map(({ host, port, path, query }) => `http:http://${host}:${port}${path}${query}`),
);

const timers = fc.record(
  {
    advertInt: fc.integer({ min: 1, max: 255 }),
    checkInterval: fc.integer({ min: 1, max: 300 }),
    checkTimeout: fc.integer({ min: 3, max: 300 }),
    checkFall: fc.integer({ min: 1, max: 100 }),
    checkRise: fc.integer({ min: 1, max: 100 }),
  },
  { requiredKeys: [] },
);

const priorities = fc
  .integer({ min: 3, max: 254 })
  .chain((primary) => fc.record({ primary: fc.constant(primary), standby: fc.integer({ min: 2, max: primary - 1 }) }))
  .chain(({ primary, standby }) =>
    fc.record({
      priorityPrimary: fc.constant(primary),
      priorityStandby: fc.constant(standby),
      weight: fc.option(fc.integer({ min: -253, max: standby - primary - 1 }), { nil: undefined }),
    }),
  );

const common = fc.record(
  { name: clusterName, vrid: fc.integer({ min: 1, max: 255 }), password, emqxEdgeVersion: fc.constantFrom("1.3.0", "1.2.1", "2.0.0") },
  { requiredKeys: [] },
);

const bareMetal: fc.Arbitrary<HaSpecInput> = fc
  .record({ net: lan(8, 29), interface: interfaceName, service, common, timers, priorities })
  .map(({ net, interface: ifname, service, common, timers, priorities }) => ({
    deployment: "bare-metal" as const,
    interface: ifname,
    primary: formatIpv4(net.hosts[0]),
    standby: formatIpv4(net.hosts[1]),
    vip: `${formatIpv4(net.hosts[2])}/${net.prefix}`,
    service,
    ...common,
    ...timers,
    ...priorities,
  }));

const docker: fc.Arbitrary<HaSpecInput> = fc
  .record({ net: lan(8, 24), explicit: fc.boolean(), common, timers, priorities })
  .map(({ net, explicit, common, timers, priorities }) => ({
    deployment: "docker" as const,
    dockerSubnet: `${formatIpv4(net.base)}/${net.prefix}`,
    ...(explicit ? { primary: formatIpv4(net.hosts[0]), standby: formatIpv4(net.hosts[1]), vip: `${formatIpv4(net.hosts[2])}/${net.prefix}` } : {}),
    ...common,
    ...timers,
    ...priorities,
  }));

export const validSpecInput: fc.Arbitrary<HaSpecInput> = fc.oneof(bareMetal, docker);
