import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { z } from "zod";
import { formatEstimate, failoverEstimate, generateFiles, parseSpec, SERVICE_FORMS, usedVrids, type HaSpecInput, type SpecField } from "../generator/index.ts";
import { parseCommandArgs } from "./args.ts";
import { EXIT_OK, EXIT_USAGE, type CliIo, type Command, type OptionSpec } from "./command.ts";
import { isKeepalivedConfigFile, SKIPPED_DIRECTORIES } from "./discover.ts";
import { commandHelp } from "./help.ts";

const options = {
  docker: { type: "boolean", description: "the guide's Docker layout (one image, two containers) instead of bare metal" },
  interface: { type: "string", valueName: "IF", description: "network interface of both nodes (default: eth0)" },
  primary: { type: "string", valueName: "ADDR", description: "primary node's IPv4 address (Docker default: .10 of the subnet)" },
  standby: { type: "string", valueName: "ADDR", description: "standby node's IPv4 address (Docker default: .11 of the subnet)" },
  vip: { type: "string", valueName: "ADDR/PREFIX", description: "virtual IP with prefix, e.g. 192.168.1.100/24 (Docker default: .100)" },
  vrid: { type: "string", valueName: "1-255", description: "virtual_router_id (default: 51, or the first one no keepalived file next to --out uses)" },
  service: { type: "string", valueName: "emqx-edge|tcp:PORT|http:URL", description: "what the health check watches (default: emqx-edge)" },
  name: { type: "string", valueName: "NAME", description: "cluster name for scripts, instance and containers (default: emqx-edge, or service)" },
  password: { type: "string", valueName: "PASS", description: "VRRP password, at most 8 characters (default: 8 random ones)" },
  "docker-subnet": { type: "string", valueName: "CIDR", description: "Docker network (default: 172.22.0.0/24)" },
  out: { type: "string", short: "o", valueName: "DIR", description: "folder to write into (default: ./NAME-ha)" },
  force: { type: "boolean", short: "f", description: "overwrite files that exist" },
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies Record<string, OptionSpec>;

const schema = z.object({
  docker: z.boolean().default(false),
  interface: z.string().optional(),
  primary: z.string().optional(),
  standby: z.string().optional(),
  vip: z.string().optional(),
  vrid: z.string().optional(),
  service: z.string().optional(),
  name: z.string().optional(),
  password: z.string().optional(),
  "docker-subnet": z.string().optional(),
  out: z.string().min(1, { error: "must not be empty" }).optional(),
  force: z.boolean().default(false),
  help: z.boolean().default(false),
  positionals: z.array(z.string()).max(0, { error: "takes no arguments besides options (use --out DIR for the folder)" }),
});

/** The option that sets each spec field, so a message names what the user typed. */
const OPTION_OF: Partial<Record<SpecField, string>> = {
  deployment: "--docker",
  interface: "--interface",
  primary: "--primary",
  standby: "--standby",
  vip: "--vip",
  vrid: "--vrid",
  service: "--service",
  name: "--name",
  password: "--password",
  dockerSubnet: "--docker-subnet",
};

const details = `Writes a primary/standby keepalived setup that passes keepalived -t and keepalived-ha check:
  bare metal  keepalived-primary.conf, keepalived-standby.conf, the check and notify scripts, README.md
  --docker    docker-compose.yml, Dockerfile, entrypoint.sh, HA/ (configs and scripts), README.md
Scripts are written with mode 0755. The README says how to install, start and test the failover.

Service: ${SERVICE_FORMS}.
Existing files are never overwritten without --force; the command then lists them and exits 2.

Exit status: 0 written, 2 invalid option or existing files.`;

/** How deep to look for other setups around --out: NAME-ha/HA/keepalived-primary.conf is two below the parent. */
const SCAN_DEPTH = 3;

/** keepalived files beside and under `root`, for the VRIDs already taken; `exclude` holds the files init writes. */
function neighbourConfigs(root: string, exclude: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (folder: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && depth < SCAN_DEPTH && !SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith(".")) walk(path, depth + 1);
      else if (entry.isFile() && !exclude.has(path) && isKeepalivedConfigFile(path)) found.push(path);
    }
  };
  walk(root, 1);
  return found;
}

function readAll(paths: string[]): string[] {
  return paths.flatMap((path) => {
    try {
      return [readFileSync(path, "utf8")];
    } catch {
      return [];
    }
  });
}

export const initCommand: Command = {
  name: "init",
  summary: "generate a primary/standby keepalived setup (bare metal or Docker) with scripts and a README",
  usage: "[--docker] --interface IF --primary ADDR --standby ADDR --vip ADDR/PREFIX [--vrid N] [--service S] [--out DIR] [--force]",
  options,
  details,
  run(args, io) {
    const parsed = parseCommandArgs(args, options, schema);
    if (parsed.help) {
      io.stdout(commandHelp(initCommand));
      return EXIT_OK;
    }
    const input: HaSpecInput = {
      deployment: parsed.docker ? "docker" : "bare-metal",
      interface: parsed.interface,
      primary: parsed.primary,
      standby: parsed.standby,
      vip: parsed.vip,
      vrid: parsed.vrid,
      service: parsed.service,
      name: parsed.name,
      password: parsed.password,
      dockerSubnet: parsed["docker-subnet"],
    };
    // The output folder and the files it will get are known only once the name is: a first pass finds them.
    const first = parseSpec(input);
    const name = first.success ? first.spec.name : undefined;
    const out = resolve(io.cwd, parsed.out ?? `${name ?? "keepalived"}-ha`);
    const targets = first.success ? generateFiles(first.spec).map((f) => join(out, f.path)) : [];
    const used = usedVrids(readAll(neighbourConfigs(dirname(out), new Set(targets))));
    const result = parseSpec(input, { usedVrids: used });
    if (!result.success) {
      for (const issue of result.issues) {
        const option = OPTION_OF[issue.field];
        io.stderr(`keepalived-ha init: ${option === undefined ? "" : `${option}: `}${issue.message}\n`);
      }
      return EXIT_USAGE;
    }
    // The first pass drew its own random password: write the files of the second.
    const files = generateFiles(result.spec);
    const shown = (path: string): string => relative(io.cwd, path) || ".";
    const existing = files.map((f) => join(out, f.path)).filter((path) => existsSync(path));
    if (existing.length > 0 && !parsed.force) {
      io.stderr(`keepalived-ha init: refusing to overwrite ${existing.length} existing file${existing.length > 1 ? "s" : ""} (use --force to replace them):\n`);
      for (const path of existing) io.stderr(`  ${shown(path)}\n`);
      return EXIT_USAGE;
    }
    for (const file of files) {
      const path = join(out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content, { mode: file.mode });
      // An overwritten file keeps its old mode, and the umask trims new ones: set it outright.
      chmodSync(path, file.mode);
    }
    const spec = result.spec;
    io.stdout(
      [
        `Wrote ${files.length} files to ${shown(out)}:`,
        ...files.map((f) => `  ${f.path}${f.mode === 0o755 ? "  (executable)" : ""}`),
        "",
        `VIP ${spec.vip}: primary ${spec.primary}, standby ${spec.standby}, virtual_router_id ${spec.vrid}, password ${spec.password}.`,
        `Expected failover time: ${formatEstimate(failoverEstimate(spec))}. Next: ${shown(join(out, "README.md"))}`,
        "",
      ].join("\n"),
    );
    return EXIT_OK;
  },
} satisfies Command & { run(args: string[], io: CliIo): number };
