import type { HaSpec } from "./spec.ts";

/** Where keepalived looks for its configuration and where the guide puts the scripts, on a host and in the image. */
export const KEEPALIVED_DIR = "/etc/keepalived";

export type Role = "primary" | "standby";

/** Every name derived from the cluster name, so configs, scripts, compose and README agree. */
export interface Names {
  /** EMQX_EDGE: router_id and instance prefix. */
  upper: string;
  /** emqx_edge: vrrp_script name suffix and script file name. */
  snake: string;
  instance: string;
  vrrpScript: string;
  checkScriptFile: string;
  checkScriptPath: string;
  notifyScriptFile: string;
  notifyScriptPath: string;
  routerId(role: Role): string;
  /** keepalived-primary.conf */
  configFile(role: Role): string;
  /** Docker: compose service, container and host name. */
  container(role: Role): string;
  dockerNetwork: string;
}

export function namesOf(spec: Pick<HaSpec, "name">): Names {
  const snake = spec.name.replaceAll("-", "_");
  const upper = snake.toUpperCase();
  const checkScriptFile = `check_${snake}.sh`;
  return {
    upper,
    snake,
    instance: `${upper}_HA`,
    vrrpScript: `check_${snake}`,
    checkScriptFile,
    checkScriptPath: `${KEEPALIVED_DIR}/${checkScriptFile}`,
    notifyScriptFile: "notify.sh",
    notifyScriptPath: `${KEEPALIVED_DIR}/notify.sh`,
    routerId: (role) => `${upper}_${role.toUpperCase()}`,
    configFile: (role) => `keepalived-${role}.conf`,
    container: (role) => `${spec.name}-${role}`,
    dockerNetwork: `${spec.name}-ha-net`,
  };
}
