/**
 * Generates the benchmark configurations: one global_defs, one vrrp_script and N unicast vrrp_instance blocks,
 * each with a peer, authentication, a VIP, a track_script and a notify line. 2,000 instances give 44,010 lines,
 * the shape of the file keepalived's own `-t` timing was taken on (ground-truth notes, "Timing").
 *
 *   node scripts/gen-bench-config.ts 2000 > big.conf
 */

/** Lines of the header (global_defs + vrrp_script) and of each instance: lines = HEADER + N * PER_INSTANCE. */
export const HEADER_LINES = 10;
export const INSTANCE_LINES = 22;

/** The instance count whose file has about `lines` lines. */
export function instancesForLines(lines: number): number {
  return Math.max(1, Math.round((lines - HEADER_LINES) / INSTANCE_LINES));
}

/** Distinct /24 per instance, so that no two instances share a unicast peer (no VRID conflict). */
function subnet(i: number): string {
  return `10.${(i >> 8) & 255}.${i & 255}`;
}

export function benchConfig(instances: number): string {
  const out: string[] = [
    "global_defs {",
    "  router_id BENCH",
    "  enable_script_security",
    "  script_user root",
    "}",
    "vrrp_script chk_service {",
    '  script "/usr/bin/true"',
    "  interval 2",
    "  weight -30",
    "}",
  ];
  for (let i = 0; i < instances; i++) {
    const net = subnet(i);
    out.push(
      `vrrp_instance VI_${i} {`,
      "  state BACKUP",
      "  interface eth0",
      `  virtual_router_id ${(i % 255) + 1}`,
      `  priority ${100 + (i % 50)}`,
      "  advert_int 1",
      `  unicast_src_ip ${net}.10`,
      "  unicast_peer {",
      `    ${net}.11`,
      "  }",
      "  authentication {",
      "    auth_type PASS",
      "    auth_pass s3cr3t12",
      "  }",
      "  virtual_ipaddress {",
      `    ${net}.100/24 dev eth0`,
      "  }",
      "  track_script {",
      "    chk_service",
      "  }",
      '  notify_master "/usr/bin/true MASTER"',
      "}",
    );
  }
  return `${out.join("\n")}\n`;
}

if (import.meta.main) {
  const count = Number(process.argv[2] ?? "2000");
  if (!Number.isInteger(count) || count < 1) {
    console.error("usage: node scripts/gen-bench-config.ts INSTANCES");
    process.exit(1);
  }
  process.stdout.write(benchConfig(count));
}
