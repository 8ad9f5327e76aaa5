import { strict as assert } from "node:assert";
import {
  HaSpecSchema,
  PASSWORD_ALPHABET,
  SPEC_FIELDS,
  derivedWeight,
  failoverEstimate,
  formatEstimate,
  generatePassword,
  parseService,
  parseSpec,
  suggestVrid,
  usedVrids,
  validateField,
  type HaSpecInput,
  type SpecIssue,
} from "../../../server/src/generator/index.ts";

const GUIDE: HaSpecInput = { interface: "eth0", primary: "192.168.1.10", standby: "192.168.1.11", vip: "192.168.1.100/24" };

function issuesOf(input: HaSpecInput | Record<string, unknown>, options = {}): SpecIssue[] {
  const result = parseSpec(input, options);
  assert.equal(result.success, false, `expected ${JSON.stringify(input)} to be rejected`);
  return result.success ? [] : result.issues;
}

/** The one issue an input gets: on the field named, saying what is wrong and what is expected. */
function rejects(input: HaSpecInput | Record<string, unknown>, field: string, pattern: RegExp, options = {}): void {
  const issues = issuesOf(input, options);
  const issue = issues.find((i) => i.field === field);
  assert.ok(issue !== undefined, `an issue on ${field}, got ${JSON.stringify(issues)}`);
  assert.match(issue.message, pattern);
  assert.match(issue.message, /expected|must|at most/, `'${issue.message}' says what is expected`);
}

describe("generator spec", () => {
  it("fills in the guide's values and derives the weight", () => {
    const result = parseSpec(GUIDE);
    assert.ok(result.success);
    const spec = result.spec;
    assert.deepEqual(
      { ...spec, password: "x" },
      {
        deployment: "bare-metal",
        name: "emqx-edge",
        service: { kind: "emqx-edge", mqttPort: 1883, httpPort: 8081 },
        interface: "eth0",
        primary: "192.168.1.10",
        standby: "192.168.1.11",
        vip: "192.168.1.100/24",
        vrid: 51,
        password: "x",
        advertInt: 1,
        checkInterval: 2,
        checkTimeout: 5,
        checkFall: 2,
        checkRise: 1,
        priorityPrimary: 100,
        priorityStandby: 90,
        weight: -30,
        dockerSubnet: "172.22.0.0/24",
        emqxEdgeVersion: "1.3.0",
      },
    );
    assert.equal(spec.password.length, 8);
  });

  it("derives Docker addresses from the subnet, as the guide does", () => {
    const result = parseSpec({ deployment: "docker" });
    assert.ok(result.success);
    assert.deepEqual([result.spec.primary, result.spec.standby, result.spec.vip], ["172.22.0.10", "172.22.0.11", "172.22.0.100/24"]);
    const other = parseSpec({ deployment: "docker", dockerSubnet: "10.50.0.0/16" });
    assert.ok(other.success);
    assert.deepEqual([other.spec.primary, other.spec.standby, other.spec.vip], ["10.50.0.10", "10.50.0.11", "10.50.0.100/16"]);
  });

  it("accepts numbers as text, as the CLI and the wizard pass them", () => {
    const result = parseSpec({ ...GUIDE, vrid: "77", advertInt: "2", checkFall: "3" });
    assert.ok(result.success);
    assert.deepEqual([result.spec.vrid, result.spec.advertInt, result.spec.checkFall], [77, 2, 3]);
  });

  it("says what is missing on bare metal", () => {
    const issues = issuesOf({});
    assert.deepEqual(issues.map((i) => i.field).sort(), ["primary", "standby", "vip"]);
    for (const issue of issues) assert.match(issue.message, /^missing: .*e\.g\. /);
  });

  describe("rejects, saying what is wrong and what is expected", () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ["a non-address", { ...GUIDE, primary: "192.168.1" }, "primary", /not an IPv4 address/],
      ["a leading zero", { ...GUIDE, primary: "192.168.1.010" }, "primary", /leading zero/],
      ["an octet above 255", { ...GUIDE, standby: "192.168.1.256" }, "standby", /above 255/],
      ["a loopback node", { ...GUIDE, primary: "127.0.0.2" }, "primary", /loopback/],
      ["a VIP without prefix", { ...GUIDE, vip: "192.168.1.100" }, "vip", /no prefix length/],
      ["a VIP prefix of 32", { ...GUIDE, vip: "192.168.1.100/32" }, "vip", /\/8 to \/30/],
      ["the same address twice", { ...GUIDE, standby: "192.168.1.10" }, "standby", /is the primary's too/],
      ["the VIP on a node", { ...GUIDE, vip: "192.168.1.11/24" }, "vip", /standby's own address/],
      ["a node outside the VIP's subnet", { ...GUIDE, standby: "192.168.2.11" }, "standby", /outside the virtual IP's subnet 192\.168\.1\.0\/24/],
      ["the VIP as network address", { ...GUIDE, vip: "192.168.1.0/24" }, "vip", /network address/],
      ["a node on the broadcast address", { ...GUIDE, primary: "192.168.1.255" }, "primary", /broadcast address/],
      ["a VRID of 0", { ...GUIDE, vrid: 0 }, "vrid", /from 1 to 255 \(got 0\)/],
      ["a VRID of 300", { ...GUIDE, vrid: "300" }, "vrid", /from 1 to 255 \(got 300\)/],
      ["a fractional advert_int", { ...GUIDE, advertInt: 1.5 }, "advertInt", /whole number/],
      ["the guide's placeholder password", { ...GUIDE, password: "REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD" }, "password", /bytes long: keepalived uses only the first 8/],
      ["a short placeholder", { ...GUIDE, password: "changeme" }, "password", /placeholder/],
      ["a password with a comment character", { ...GUIDE, password: "ab#cd" }, "password", /# and ! start comments/],
      ["a password with a space", { ...GUIDE, password: "ab cd" }, "password", /spaces split words/],
      ["an empty password", { ...GUIDE, password: "" }, "password", /empty/],
      ["a bad interface", { ...GUIDE, interface: "eth 0" }, "interface", /not a Linux interface name/],
      ["an interface of 16 characters", { ...GUIDE, interface: "abcdefghijklmnop" }, "interface", /1 to 15/],
      ["a bad service", { ...GUIDE, service: "redis" }, "service", /not a service to watch/],
      ["a bad port", { ...GUIDE, service: "tcp:70000" }, "service", /not a TCP port/],
      ["a URL without //", { ...GUIDE, service: "http:localhost" }, "service", /not an http:\/\/ or https:\/\/ URL/],
      ["a URL with credentials", { ...GUIDE, service: "http://admin:secret@127.0.0.1/health" }, "service", /carries credentials/],
      ["a URL probing the VIP", { ...GUIDE, service: "http://192.168.1.100:8080/health" }, "service", /probe its own service/],
      ["a weight that would not move the VIP", { ...GUIDE, weight: -5 }, "weight", /VIP would never move \(expected -11 or lower; leave it out for -30\)/],
      ["a positive weight", { ...GUIDE, weight: 10 }, "weight", /must be negative/],
      ["a standby priority above the primary's", { ...GUIDE, priorityStandby: 120 }, "priorityStandby", /not below the primary's 100/],
      ["priority 255", { ...GUIDE, priorityPrimary: 255 }, "priorityPrimary", /from 3 to 254/],
      ["a check timeout too short for two probes", { ...GUIDE, checkTimeout: 2 }, "checkTimeout", /two probes/],
      ["a bad name", { ...GUIDE, name: "EMQX Edge" }, "name", /lower-case letters/],
      ["a Docker interface other than eth0", { deployment: "docker", interface: "ens18" }, "interface", /whose network interface is eth0/],
      ["a Docker address outside the subnet", { deployment: "docker", primary: "172.23.0.10" }, "primary", /outside the Docker subnet 172\.22\.0\.0\/24/],
      ["the Docker gateway", { deployment: "docker", standby: "172.22.0.1" }, "standby", /gateway/],
      ["Docker with another service", { deployment: "docker", service: "tcp:8080" }, "service", /EMQX Edge only/],
      ["an unknown field", { ...GUIDE, colour: "blue" }, "deployment", /unknown field colour/],
      ["a deployment typo", { ...GUIDE, deployment: "baremetal" }, "deployment", /bare-metal or docker/],
    ];
    for (const [what, input, field, pattern] of cases) it(what, () => rejects(input, field, pattern));
  });

  it("reports one mistake once: no cross-field echo of an invalid field", () => {
    const issues = issuesOf({ ...GUIDE, primary: "nonsense" });
    assert.deepEqual(
      issues.map((i) => i.field),
      ["primary"],
    );
  });

  it("never lets the weight leave the VIP where it is", () => {
    for (let p = 3; p <= 254; p++) {
      for (const s of [2, Math.floor(p / 2), p - 1]) {
        if (s < 2 || s >= p) continue;
        assert.ok(p + derivedWeight(p, s) < s, `priorities ${p}/${s}`);
        assert.ok(derivedWeight(p, s) >= -253);
      }
    }
  });

  it("generates passwords from node:crypto in the safe alphabet, and takes an injected source", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      assert.match(password, /^[A-Za-z0-9]{8}$/);
      for (const c of password) assert.ok(PASSWORD_ALPHABET.includes(c));
      seen.add(password);
    }
    assert.equal(seen.size, 200, "no repeats in 200 draws of ~47 bits");
    assert.equal(generatePassword(() => 0), "AAAAAAAA");
    assert.doesNotMatch(PASSWORD_ALPHABET, /[#!'" $;{}\\0O1lI]/);
  });

  it("suggests a VRID no other config uses", () => {
    const other = (vrid: number): string => `vrrp_instance X${vrid} {\n  interface eth0\n  virtual_router_id ${vrid}\n}\n`;
    const used = usedVrids([other(51), other(52), `${other(60)}${other(200).replace("X200", "Y")}`, "garbage {{{"]);
    assert.deepEqual([...used].sort((a, b) => a - b), [51, 52, 60, 200]);
    assert.equal(suggestVrid(used), 53);
    assert.equal(suggestVrid([]), 51);
    assert.equal(suggestVrid(Array.from({ length: 205 }, (_, i) => i + 51)), 1, "wraps after 255");
    assert.equal(suggestVrid(Array.from({ length: 255 }, (_, i) => i + 1)), undefined);
    const result = parseSpec(GUIDE, { usedVrids: used });
    assert.ok(result.success);
    assert.equal(result.spec.vrid, 53);
    rejects({ ...GUIDE, vrid: 52 }, "vrid", /already used/, { usedVrids: used });
  });

  it("validates one field at a time against the answers so far", () => {
    assert.equal(validateField("primary", "192.168.1.10"), undefined);
    assert.match(validateField("primary", "192.168.1") ?? "", /not an IPv4 address/);
    assert.equal(validateField("standby", "192.168.1.10"), undefined, "no primary answered yet");
    assert.match(validateField("standby", "192.168.1.10", { primary: "192.168.1.10" }) ?? "", /is the primary's too/);
    assert.match(validateField("vip", "10.0.0.5/24", { primary: "192.168.1.10" }) ?? "", /outside the virtual IP's subnet/);
    assert.equal(validateField("vip", "192.168.1.100/24", { primary: "192.168.1.10", standby: "192.168.1.11" }), undefined);
    assert.match(validateField("weight", "-5") ?? "", /never move/, "held against the default priorities");
    assert.match(validateField("vrid", 51, {}, { usedVrids: [51] }) ?? "", /already used/);
    assert.match(validateField("interface", "ens18", { deployment: "docker" }) ?? "", /eth0/);
    for (const field of SPEC_FIELDS) assert.equal(typeof validateField(field, undefined), "string", `${field} rejects undefined`);
  });

  it("is a zod schema too: path = field, message = the validator's", () => {
    const ok = HaSpecSchema.safeParse(GUIDE);
    assert.ok(ok.success);
    assert.equal(ok.data.weight, -30);
    const bad = HaSpecSchema.safeParse({ ...GUIDE, vrid: 256 });
    assert.ok(!bad.success);
    assert.deepEqual(bad.error.issues.map((i) => [i.path, i.message]), [[["vrid"], "virtual_router_id must be from 1 to 255 (got 256)"]]);
    // Every field's own schema runs: several wrong fields, several issues; an unknown field is refused by name.
    const worse = HaSpecSchema.safeParse({ ...GUIDE, vrid: "x", interface: "all", colour: "blue" });
    assert.ok(!worse.success);
    const issues = worse.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    assert.ok(issues.some((i) => /^vrid: virtual_router_id must be a whole number/.test(i)), issues.join("\n"));
    assert.ok(issues.some((i) => /^interface: 'all' is reserved by the kernel/.test(i)), issues.join("\n"));
    assert.ok(issues.some((i) => /unknown field colour/.test(i)), issues.join("\n"));
    // Numbers given as text are read by the schema itself.
    const text = HaSpecSchema.safeParse({ ...GUIDE, vrid: " 52 ", advertInt: "2" });
    assert.ok(text.success);
    assert.equal(text.data.vrid, 52);
    assert.equal(text.data.advertInt, 2);
  });

  it("parses services in every written form", () => {
    assert.deepEqual(parseService("emqx-edge"), { kind: "emqx-edge", mqttPort: 1883, httpPort: 8081 });
    assert.deepEqual(parseService("nanomq"), { kind: "emqx-edge", mqttPort: 1883, httpPort: 8081 });
    assert.deepEqual(parseService("tcp:5432"), { kind: "tcp", port: 5432 });
    assert.deepEqual(parseService("http:http://127.0.0.1:8080/health"), { kind: "http", url: "http://127.0.0.1:8080/health" });
    assert.deepEqual(parseService("https://localhost/ready"), { kind: "http", url: "https://localhost/ready" });
    assert.match(String(parseService("http://user:pw@127.0.0.1/")), /credentials/);
  });

  it("estimates the failover time from the timers, bracketing the lab's measurements", () => {
    // ha-lab.md: interval 2, fall 2: 5.6-5.7 s; interval 1, fall 2: 4.3-4.7 s (advert 1, standby priority 90).
    const guide = failoverEstimate({ checkInterval: 2, checkFall: 2, advertInt: 1, priorityStandby: 90 });
    assert.ok(guide.minSeconds <= 5.6 && guide.maxSeconds >= 5.7, JSON.stringify(guide));
    const fast = failoverEstimate({ checkInterval: 1, checkFall: 2, advertInt: 1, priorityStandby: 90 });
    assert.ok(fast.minSeconds <= 4.3 && fast.maxSeconds >= 4.7, JSON.stringify(fast));
    assert.equal(formatEstimate(guide), "4.6-7.7 s");
  });
});
