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

/**
 * The benchmark configuration with mistakes sown through it at fixed intervals (misspelt and deprecated keywords,
 * values out of range, duplicates, VRID conflicts, undefined track scripts, long and commented passwords, a
 * semicolon, a self peer, a sync group, a virtual server), so that every kind of single-file check has work at
 * scale. Deterministic: the guard (compare-diagnostics.ts) and the property tests compare its diagnostics.
 */
export function variedBenchConfig(instances: number): string {
  const lines = benchConfig(instances).split("\n");
  const out: string[] = [];
  let instance = -1;
  for (const line of lines) {
    if (line.startsWith("vrrp_instance ")) instance++;
    const i = instance;
    if (i < 0) {
      out.push(line);
      continue;
    }
    if (i % 47 === 12 && line.startsWith("vrrp_instance ")) {
      out.push(`vrrp_instance VI_${i - 1} {`);
      continue;
    }
    if (line === "  state BACKUP" && i % 7 === 1) out.push("  state MASTER", "  nopreempt");
    else if (line.startsWith("  priority ") && i % 11 === 2) out.push("  priority 256");
    else if (line.startsWith("  priority ") && i % 29 === 7) out.push(line, "  priority 101");
    else if (line === "  advert_int 1" && i % 13 === 3) out.push("  advert_intt 1");
    else if (line === "  advert_int 1" && i % 43 === 11) out.push(line, "  linkbeat_use_polling");
    else if (line === "  interface eth0" && i % 31 === 8) out.push("  interface eth0;");
    else if (line === "    chk_service" && i % 19 === 5) out.push("    chk_missing weight 300");
    else if (line === "    auth_pass s3cr3t12" && i % 23 === 6) out.push("    auth_pass verylongpassword");
    else if (line === "    auth_pass s3cr3t12" && i % 37 === 9) out.push("    auth_pass Ed3!HaPx");
    else if (line.startsWith("  unicast_src_ip ") && i % 17 === 4) continue;
    else if (line === "  unicast_peer {" && i % 17 === 4) out.push("  unicast_peer {", "  }");
    else if (line.startsWith("    10.") && !line.includes("/") && i % 17 === 4) continue;
    else if (line === "  }" && out[out.length - 1] === "  }" && out[out.length - 2] === "  unicast_peer {") continue;
    else if (line.startsWith("    10.") && !line.includes("/") && i % 41 === 10) out.push(line, line.replace(/\.11$/, ".10"));
    else if (line.startsWith("  virtual_router_id ") && i % 17 === 4) out.push("  virtual_router_id 42");
    else out.push(line);
  }
  out.pop();
  out.push(
    "vrrp_sync_group SG_1 {",
    "  group {",
    "    VI_1",
    "    VI_2",
    "    VI_missing",
    "  }",
    "}",
    "virtual_server 10.0.0.1 80 {",
    "  lb_algo rr",
    "  real_server 10.0.0.2 80 {",
    "    weight 1",
    "  }",
    "}",
  );
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
