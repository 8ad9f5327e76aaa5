import { existsSync } from "node:fs";
import { run } from "./process.ts";

/**
 * Why the lab cannot run on this machine, or undefined when it can. The lab needs root (network and mount
 * namespaces), iproute2 and util-linux, Debian's keepalived and mosquitto, and what the generated health check
 * calls (bash, curl, nc from netcat-openbsd). CI installs them with:
 *   apt-get install -y keepalived mosquitto netcat-openbsd curl iproute2 util-linux
 */
export function labUnavailable(): string | undefined {
  if (process.platform !== "linux") return `the lab needs Linux network namespaces (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "the lab needs root for network and mount namespaces (run it as root, e.g. sudo npm run lab)";
  const tools: Array<[string, string[], string]> = [
    ["ip", ["-V"], "iproute2"],
    ["unshare", ["--version"], "util-linux"],
    ["keepalived", ["--version"], "keepalived"],
    ["mosquitto", ["-h"], "mosquitto"],
    ["nc", ["-h"], "netcat-openbsd"],
    ["curl", ["--version"], "curl"],
    ["bash", ["--version"], "bash"],
  ];
  const missing = tools.filter(([command, args]) => run(command, args, 10_000).error !== undefined).map(([command, , pkg]) => `${command} (${pkg})`);
  if (missing.length > 0) return `missing: ${missing.join(", ")} (apt-get install -y keepalived mosquitto netcat-openbsd curl iproute2 util-linux)`;
  if (!existsSync("/etc/keepalived")) return "/etc/keepalived does not exist to bind the lab's node folders over (the keepalived package creates it)";
  const probe = `kha-lab-${process.pid}-probe`;
  if (run("ip", ["netns", "add", probe]).status !== 0) return "cannot create network namespaces here (ip netns add failed)";
  const mount = run("ip", ["netns", "exec", probe, "unshare", "--mount", "--propagation", "private", "true"]);
  run("ip", ["netns", "delete", probe]);
  if (mount.status !== 0) return `cannot create a mount namespace inside a network namespace (${mount.stderr.trim()})`;
  return undefined;
}
