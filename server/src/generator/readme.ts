import { emqxEdgeFolder, hostPortOf } from "./docker.ts";
import { namesOf } from "./names.ts";
import { serviceTitle } from "./service.ts";
import type { HaSpec } from "./spec.ts";
import { failoverEstimate, formatEstimate } from "./timing.ts";

/** The operator's page: what the files are, how to install and start them, and how to test a failover. */
export function renderReadme(spec: HaSpec): string {
  const n = namesOf(spec);
  const vipAddress = spec.vip.split("/")[0]!;
  const estimate = formatEstimate(failoverEstimate(spec));
  const title = serviceTitle(spec.service);
  const timers = `check every ${spec.checkInterval} s, ${spec.checkFall} failure${spec.checkFall > 1 ? "s" : ""} to fall, adverts every ${spec.advertInt} s`;
  const common = [
    `# ${spec.name}: keepalived primary/standby pair`,
    "",
    `Clients connect to the virtual IP **${vipAddress}**. keepalived keeps it on the primary (${spec.primary}) while`,
    `${title} is healthy there, and moves it to the standby (${spec.standby}) when it is not.`,
    `Expected failover time with these timers (${timers}): **${estimate}**.`,
    "",
    `VRRP: virtual_router_id ${spec.vrid}, unicast, interface ${spec.interface}, password \`${spec.password}\` (the same in both`,
    "configs; VRRP sends it in clear text, so it only keeps a misconfigured neighbour out). Priorities",
    `${spec.priorityPrimary}/${spec.priorityStandby}; a failing check adds ${spec.weight}, so the primary drops to ${spec.priorityPrimary + spec.weight}, below the standby.`,
    "",
  ];
  return [...common, ...(spec.deployment === "docker" ? dockerSteps(spec, vipAddress) : bareMetalSteps(spec, vipAddress)), ...footer(n.checkScriptFile)].join("\n");
}

function bareMetalSteps(spec: HaSpec, vip: string): string[] {
  const n = namesOf(spec);
  const emqx = spec.service.kind === "emqx-edge";
  return [
    "## Files",
    "",
    `- \`${n.configFile("primary")}\`: /etc/keepalived/keepalived.conf on the primary (${spec.primary})`,
    `- \`${n.configFile("standby")}\`: /etc/keepalived/keepalived.conf on the standby (${spec.standby})`,
    `- \`${n.checkScriptFile}\`, \`${n.notifyScriptFile}\`: /etc/keepalived/ on both nodes`,
    "",
    "## Install (both nodes, Debian/Ubuntu)",
    "",
    "```sh",
    "sudo apt-get update",
    "sudo apt-get install -y keepalived curl netcat-openbsd iproute2",
    ...(emqx ? [`wget https://www.emqx.com/en/downloads/emqx-edge/${spec.emqxEdgeVersion}/${emqxEdgeFolder(spec)}.zip`, `unzip ${emqxEdgeFolder(spec)}.zip`] : []),
    "sudo mkdir -p /etc/keepalived",
    `sudo install -m 0755 ${n.checkScriptFile} ${n.notifyScriptFile} /etc/keepalived/`,
    "# on the primary:",
    `sudo install -m 0644 ${n.configFile("primary")} /etc/keepalived/keepalived.conf`,
    "# on the standby:",
    `sudo install -m 0644 ${n.configFile("standby")} /etc/keepalived/keepalived.conf`,
    "sudo keepalived -t -f /etc/keepalived/keepalived.conf   # checks the file: no output, exit 0",
    "```",
    "",
    "## Start (both nodes)",
    "",
    "```sh",
    ...(emqx ? ["cd /path/to/" + emqxEdgeFolder(spec), "./nanomq start -d"] : [`# start ${serviceTitle(spec.service)} first`]),
    "sudo systemctl enable --now keepalived",
    "```",
    "",
    "## Test the failover",
    "",
    "```sh",
    `ip addr show ${spec.interface} | grep ${vip}   # on the primary: the VIP is here`,
    ...(emqx ? ["sudo pkill nanomq                              # on the primary: stop the broker"] : [`# on the primary: stop ${serviceTitle(spec.service)}`]),
    `ip addr show ${spec.interface} | grep ${vip}   # on the standby, after ${formatEstimate(failoverEstimate(spec))}: the VIP moved`,
    ...(emqx ? ["./nanomq start -d                              # on the primary: it takes the VIP back once healthy"] : []),
    "journalctl -u keepalived                       # state changes, on either node",
    "```",
    "",
  ];
}

function dockerSteps(spec: HaSpec, vip: string): string[] {
  const n = namesOf(spec);
  const primary = n.container("primary");
  const standby = n.container("standby");
  return [
    "## Files",
    "",
    "```",
    `${spec.name}-ha/`,
    "├── docker-compose.yml",
    "├── Dockerfile",
    "├── entrypoint.sh",
    `├── ${emqxEdgeFolder(spec)}/   (download and extract it here)`,
    "└── HA/",
    `    ├── ${n.configFile("primary")}`,
    `    ├── ${n.configFile("standby")}`,
    `    ├── ${n.checkScriptFile}`,
    `    └── ${n.notifyScriptFile}`,
    "```",
    "",
    `The containers use the Docker network ${spec.dockerSubnet}: ${spec.primary} and ${spec.standby}, VIP ${spec.vip}.`,
    "Docker does not know the VIP: start no other container on this network with a fixed or automatic address that",
    "could take it.",
    "",
    `Who follows a failover: the VIP ${vip} lives on this Docker network, so clients on this host and containers`,
    `attached to the network reach the broker that holds it. The published ports are not the VIP: host port ${hostPortOf(spec, "primary")} goes to`,
    `the primary's container and ${hostPortOf(spec, "standby")} to the standby's (for debugging, as in the guide), so a client on another`,
    "machine that connects through them does not follow a failover. For clients elsewhere, run keepalived on the",
    "hosts themselves (the bare-metal setup: `keepalived-ha init` without --docker) with a VIP of their LAN.",
    "",
    "## Install and start",
    "",
    "```sh",
    `wget https://www.emqx.com/en/downloads/emqx-edge/${spec.emqxEdgeVersion}/${emqxEdgeFolder(spec)}.zip`,
    `unzip ${emqxEdgeFolder(spec)}.zip`,
    "docker compose build",
    "docker compose up -d",
    "```",
    "",
    "## Test the failover",
    "",
    "```sh",
    `docker exec ${primary} ip addr show eth0 | grep ${vip}   # the VIP is on the primary`,
    `docker exec ${primary} pkill nanomq                      # stop the primary's broker`,
    `docker exec ${standby} ip addr show eth0 | grep ${vip}   # after ${formatEstimate(failoverEstimate(spec))}: the VIP moved`,
    `docker exec ${primary} ./nanomq start                    # the primary takes the VIP back once healthy`,
    `docker logs ${standby}                                   # keepalived's state changes`,
    "```",
    "",
  ];
}

function footer(checkScript: string): string[] {
  return [
    "## Changing the setup",
    "",
    "Both configs must keep the same virtual_router_id, password and VIP, and each must name the other as",
    `\`unicast_peer\`; otherwise both nodes hold the VIP at once. \`${checkScript}\` must stay executable and writable`,
    "by root only, or keepalived disables the check. Regenerate with `keepalived-ha init --force` rather than editing",
    "one file of the pair.",
    "",
  ];
}
