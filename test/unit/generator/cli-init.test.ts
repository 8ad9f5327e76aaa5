import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { main, type CliIo } from "../../../server/src/cli.ts";
import { keepalivedProblems } from "./validators.ts";

/** `keepalived-ha init`: in process for the cases, once as a child process for the real exit code and modes. */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const GUIDE_ARGS = ["--interface", "eth0", "--primary", "192.168.1.10", "--standby", "192.168.1.11", "--vip", "192.168.1.100/24"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function init(args: string[], cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd };
  const code = await main(["init", ...args], io);
  return { code, stdout, stderr };
}

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe("keepalived-ha init", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "kha-init-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the bare-metal pair into ./emqx-edge-ha, scripts executable, configs clean", async () => {
    const run = await init(GUIDE_ARGS, dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, "");
    const out = join(dir, "emqx-edge-ha");
    assert.match(run.stdout, /^Wrote 5 files to emqx-edge-ha:/);
    assert.match(run.stdout, /Expected failover time: 4\.6-7\.7 s/);
    assert.equal(modeOf(join(out, "check_emqx_edge.sh")), "755");
    assert.equal(modeOf(join(out, "notify.sh")), "755");
    assert.equal(modeOf(join(out, "keepalived-primary.conf")), "644");
    const configs = ["keepalived-primary.conf", "keepalived-standby.conf"].map((f) => ({ path: join(out, f), text: readFileSync(join(out, f), "utf8") }));
    assert.deepEqual(keepalivedProblems(configs), []);
    const password = /auth_pass (\S+)/.exec(configs[0]!.text)?.[1];
    assert.equal(password?.length, 8);
    assert.match(configs[1]!.text, new RegExp(`auth_pass ${password}\\b`), "one password for both nodes");
    assert.match(run.stdout, new RegExp(`password ${password}\\.`));
  });

  it("writes the Docker layout with --docker and its default addresses", async () => {
    const run = await init(["--docker", "--out", "ha"], dir);
    assert.equal(run.code, 0, run.stderr);
    for (const f of ["docker-compose.yml", "Dockerfile", "README.md", "HA/keepalived-primary.conf", "HA/keepalived-standby.conf"]) assert.equal(modeOf(join(dir, "ha", f)), "644", f);
    for (const f of ["entrypoint.sh", "HA/check_emqx_edge.sh", "HA/notify.sh"]) assert.equal(modeOf(join(dir, "ha", f)), "755", f);
    assert.match(readFileSync(join(dir, "ha/HA/keepalived-standby.conf"), "utf8"), /unicast_src_ip 172\.22\.0\.11\n/);
  });

  it("refuses to overwrite without --force, listing the files, and overwrites with it", async () => {
    const out = join(dir, "ha");
    mkdirSync(out);
    writeFileSync(join(out, "notify.sh"), "mine\n", { mode: 0o600 });
    writeFileSync(join(out, "README.md"), "mine\n");
    const refused = await init([...GUIDE_ARGS, "--out", "ha"], dir);
    assert.equal(refused.code, 2);
    assert.equal(refused.stdout, "");
    assert.equal(refused.stderr, "keepalived-ha init: refusing to overwrite 2 existing files (use --force to replace them):\n  ha/notify.sh\n  ha/README.md\n");
    assert.equal(readFileSync(join(out, "notify.sh"), "utf8"), "mine\n", "untouched");
    assert.throws(() => statSync(join(out, "keepalived-primary.conf")), "nothing written at all");
    const forced = await init([...GUIDE_ARGS, "--out", "ha", "--force"], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(join(out, "notify.sh"), "utf8"), /^#!\/bin\/bash/);
    assert.equal(modeOf(join(out, "notify.sh")), "755", "an overwritten script gets its mode too");
  });

  it("exits 2 with the validator's message, naming the option", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--interface", "eth0", "--primary", "192.168.1.10", "--standby", "192.168.1.10", "--vip", "192.168.1.100/24"], /^keepalived-ha init: --standby: the standby's address 192\.168\.1\.10 is the primary's too \(expected two different addresses/],
      [[...GUIDE_ARGS, "--vrid", "300"], /^keepalived-ha init: --vrid: virtual_router_id must be from 1 to 255 \(got 300\)\n$/],
      [[...GUIDE_ARGS, "--service", "redis"], /--service: 'redis' is not a service to watch \(expected emqx-edge/],
      [[...GUIDE_ARGS, "--password", "REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD"], /--password: the VRRP password is 42 bytes long: keepalived uses only the first 8/],
      [["--primary", "192.168.1.10"], /--standby: missing: the standby node's IPv4 address/],
      [[...GUIDE_ARGS, "--colour"], /^keepalived-ha init: unknown option --colour/],
      [[...GUIDE_ARGS, "extra"], /takes no arguments besides options/],
    ];
    for (const [args, pattern] of cases) {
      const run = await init(args, dir);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, pattern);
    }
    assert.deepEqual(readdirSync(dir), [], "nothing written on invalid input");
  });

  it("picks a VRID that the setups next to --out do not use, and refuses a used one", async () => {
    const first = await init([...GUIDE_ARGS, "--out", "site-a"], dir);
    assert.equal(first.code, 0, first.stderr);
    const second = await init(["--interface", "eth0", "--primary", "10.0.0.2", "--standby", "10.0.0.3", "--vip", "10.0.0.100/24", "--out", "site-b"], dir);
    assert.equal(second.code, 0, second.stderr);
    assert.match(readFileSync(join(dir, "site-b/keepalived-primary.conf"), "utf8"), /virtual_router_id 52\n/);
    const clash = await init([...GUIDE_ARGS, "--out", "site-c", "--vrid", "51"], dir);
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /--vrid: virtual_router_id 51 is already used/);
    const again = await init([...GUIDE_ARGS, "--out", "site-a", "--vrid", "51", "--force"], dir);
    assert.equal(again.code, 0, `regenerating a setup does not clash with itself: ${again.stderr}`);
  });

  it("runs as a child process through the launcher", async () => {
    const run = await new Promise<Run>((done, reject) => {
      execFile(join(ROOT, "node_modules/.bin/node"), [join(ROOT, "bin/keepalived-ha.js"), "init", ...GUIDE_ARGS, "--out", "x"], { cwd: dir, timeout: 30_000, encoding: "utf8" }, (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== "number") reject(error);
        else done({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      });
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(modeOf(join(dir, "x/check_emqx_edge.sh")), "755");
    const again = await new Promise<number>((done) => execFile(join(ROOT, "node_modules/.bin/node"), [join(ROOT, "bin/keepalived-ha.js"), "init", ...GUIDE_ARGS, "--out", "x"], { cwd: dir }, (error) => done(error === null ? 0 : Number(error.code))));
    assert.equal(again, 2);
  });
});
