import { strict as assert } from "node:assert";
import { priorityOf, startStateOf } from "../../../server/src/checks/effective.ts";
import { globalSetting, scriptWeights } from "../../../server/src/model/config.ts";
import { build, config, ROOT } from "./helpers.ts";

/** The typed model: what each block sets, as keepalived reads it, every element with its file and place. */

const GUIDE = `global_defs {
  router_id LB_PRIMARY
  enable_script_security
  script_user root
}

vrrp_script chk_haproxy {
  script "/usr/bin/killall -0 haproxy"
  interval 2
  timeout 3
  weight -30 reverse
  rise 2
  fall 3
}

vrrp_instance VI_1 {
  state MASTER
  interface eth0
  virtual_router_id 51
  priority 150
  advert_int 1
  nopreempt
  preempt_delay 10
  garp_master_delay 5
  unicast_src_ip 192.168.1.10
  unicast_peer {
    192.168.1.11
    192.168.1.12
  }
  authentication {
    auth_type PASS
    auth_pass s3cr3t12
  }
  virtual_ipaddress {
    192.168.1.100/24 dev eth0 label eth0:vip
    192.168.1.101/24
  }
  virtual_ipaddress_excluded {
    10.0.0.1/8
  }
  track_script {
    chk_haproxy weight 20
  }
  track_interface {
    eth1 weight -10
    eth2
  }
  track_file {
    f1 weight 5 reverse
  }
  track_process {
    p1
  }
  notify_master "/etc/keepalived/notify.sh MASTER"
  notify_backup /etc/keepalived/notify.sh BACKUP
  notify /etc/keepalived/notify.sh
}

vrrp_sync_group G1 {
  group {
    VI_1
    VI_2 VI_3
  }
}
`;

describe("model: config", () => {
  const built = build(GUIDE);
  const model = config(GUIDE);
  const instance = model.instances[0]!;

  it("collects global_defs blocks and their settings", () => {
    assert.equal(model.globalDefs.length, 1);
    assert.equal(globalSetting(model, "router_id")?.args[0]?.text, "LB_PRIMARY");
    assert.ok(globalSetting(model, "enable_script_security") !== undefined);
    assert.equal(globalSetting(model, "nope"), undefined);
  });

  it("reads a vrrp_script: name, command, timers, weight and its reverse flag", () => {
    const script = model.scripts[0]!;
    assert.equal(script.name?.text, "chk_haproxy");
    assert.equal(script.command?.value, "/usr/bin/killall -0 haproxy");
    assert.deepEqual(
      [script.interval?.value, script.timeout?.value, script.weight?.value, script.weightReverse, script.rise?.value, script.fall?.value],
      [2, 3, -30, true, 2, 3],
    );
    assert.equal(scriptWeights(model)("chk_haproxy"), -30);
    assert.equal(built.at(script.weight!.word.span), "-30");
  });

  it("joins an unquoted script command's words", () => {
    const [script] = config("vrrp_script s {\n  script /bin/check --fast\n}").scripts;
    assert.equal(script!.command?.value, "/bin/check --fast");
  });

  it("reads a vrrp_instance's scalar settings", () => {
    assert.equal(instance.name?.text, "VI_1");
    assert.deepEqual(
      [instance.state?.value, instance.interface?.value, instance.vrid?.value, instance.priority?.value, instance.advertInt?.value],
      ["MASTER", "eth0", 51, 150, 1],
    );
    assert.deepEqual([instance.preemptMode?.preempt, instance.preemptDelay?.value, instance.garpMasterDelay?.value], [false, 10, 5]);
  });

  it("reads unicast source and peers, authentication, and the addresses with their device", () => {
    assert.equal(instance.unicastSrcIp?.value, "192.168.1.10");
    assert.deepEqual(instance.unicastPeers.map((p) => p.value), ["192.168.1.11", "192.168.1.12"]);
    assert.equal(instance.unicastPeerBlock?.keyword.text, "unicast_peer");
    assert.deepEqual([instance.authType?.value, instance.authPass?.value], ["PASS", "s3cr3t12"]);
    assert.equal(instance.authentication?.keyword.text, "authentication");
    assert.deepEqual(instance.vips.map((v) => [v.address.text, v.dev?.text]), [["192.168.1.100/24", "eth0"], ["192.168.1.101/24", undefined]]);
    assert.deepEqual(instance.excludedVips.map((v) => v.address.text), ["10.0.0.1/8"]);
    assert.equal(instance.vipBlock?.keyword.text, "virtual_ipaddress");
  });

  it("reads the track_* lists with their weights and reverse flags", () => {
    const refs = (list: typeof instance.trackScripts): unknown[] => list.map((r) => [r.name.text, r.weight?.value, r.reverse]);
    assert.deepEqual(refs(instance.trackScripts), [["chk_haproxy", 20, false]]);
    assert.deepEqual(refs(instance.trackInterfaces), [["eth1", -10, false], ["eth2", undefined, false]]);
    assert.deepEqual(refs(instance.trackFiles), [["f1", 5, true]]);
    assert.deepEqual(refs(instance.trackProcesses), [["p1", undefined, false]]);
  });

  it("lists the notify lines", () => {
    assert.deepEqual(instance.notify.map((n) => n.keyword.text), ["notify_master", "notify_backup", "notify"]);
  });

  it("reads sync group members, several on a line included", () => {
    assert.deepEqual(model.syncGroups[0]!.members.map((m) => m.text), ["VI_1", "VI_2", "VI_3"]);
    assert.equal(model.syncGroups[0]!.name?.text, "G1");
  });

  it("places every element in its file, on the text it was read from", () => {
    const spans: Array<[string, string]> = [
      [built.at(instance.directive.span), "vrrp_instance VI_1"],
      [built.at(instance.name!.span), "VI_1"],
      [built.at(instance.vrid!.word.span), "51"],
      [built.at(instance.vrid!.directive.span), "virtual_router_id 51"],
      [built.at(instance.unicastPeers[1]!.word.span), "192.168.1.12"],
      [built.at(instance.authPass!.word.span), "s3cr3t12"],
      [built.at(instance.vips[0]!.directive.span), "192.168.1.100/24 dev eth0 label eth0:vip"],
      [built.at(instance.trackScripts[0]!.weight!.word.span), "20"],
      [built.at(instance.notify[0]!.args[0]!.span), '"/etc/keepalived/notify.sh MASTER"'],
      [built.at(instance.directive.block!.open), "{"],
    ];
    for (const [actual, expected] of spans) assert.equal(actual, expected);
    assert.equal(instance.directive.span.file, ROOT);
  });

  it("orders top-level blocks so that references to later definitions can be told", () => {
    assert.ok(model.scripts[0]!.order < instance.order);
    assert.ok(instance.order < model.syncGroups[0]!.order);
  });

  it("keeps state MASTER when a later line says BACKUP, as keepalived does; other words replace it", () => {
    const state = (lines: string): string | undefined => config(`vrrp_instance X {\n${lines}\n}`).instances[0]!.state?.value;
    assert.equal(state("state MASTER\nstate BACKUP"), "MASTER");
    assert.equal(state("state BACKUP\nstate MASTER"), "MASTER");
    assert.equal(state("state MASTER\nstate master"), "master");
    assert.equal(state("state BACKUP\nstate BACKUP"), "BACKUP");
  });

  it("lets the last of preempt and nopreempt win, and the last scalar line", () => {
    const [instance] = config("vrrp_instance X {\n  nopreempt\n  preempt\n  priority 10\n  priority 20\n  interface a\n  interface b\n}").instances;
    assert.equal(instance!.preemptMode?.preempt, true);
    assert.equal(instance!.priority?.value, 20);
    assert.equal(instance!.interface?.value, "b");
  });

  it("derives keepalived's defaults: priority 255 and MASTER for an owner, else 100 and BACKUP", () => {
    const of = (lines: string): [number, string] => {
      const c = config(`vrrp_instance X {\n${lines}\n}`);
      const i = c.instances[0]!;
      return [priorityOf(i)?.value ?? 100, startStateOf(c, i)];
    };
    assert.deepEqual(of("state MASTER"), [255, "MASTER"]);
    assert.deepEqual(of("state BACKUP"), [100, "BACKUP"]);
    assert.deepEqual(of("priority 255"), [255, "MASTER"]);
    assert.deepEqual(of("state MASTER\npriority 100"), [100, "MASTER"]);
    assert.deepEqual(of("priority 0"), [100, "BACKUP"]);
    // An unreadable priority is reported and replaced by 100, not treated as missing (which would mean 255).
    assert.deepEqual(of("state MASTER\npriority abc"), [100, "MASTER"]);
  });

  it("reads virtual servers, their real servers and health checkers", () => {
    const text = `virtual_server 10.1.1.1 80 {
  lb_algo wrr
  lb_kind DR
  protocol TCP
  persistence_timeout 300
  sorry_server 10.1.1.9 80
  real_server 10.1.1.2 80 {
    weight 3
    TCP_CHECK {
      connect_timeout 3
    }
  }
  real_server 10.1.1.3 8080 {
    HTTP_GET {
      url {
        path /
      }
    }
    MISC_CHECK {
      misc_path /bin/true
    }
  }
}
virtual_server fwmark 7 {
}
virtual_server group G {
}`;
    const lvs = build(text);
    const servers = config(text).lvs;
    assert.deepEqual(servers.map((vs) => [vs.address?.text, vs.port?.text, vs.fwmark?.text, vs.group?.text]), [
      ["10.1.1.1", "80", undefined, undefined],
      [undefined, undefined, "7", undefined],
      [undefined, undefined, undefined, "G"],
    ]);
    const vs = servers[0]!;
    assert.deepEqual([vs.lbAlgo?.value, vs.lbKind?.value, vs.protocol?.value, vs.persistenceTimeout?.value], ["wrr", "DR", "TCP", 300]);
    assert.equal(vs.sorryServer?.args.map((a) => a.text).join(" "), "10.1.1.9 80");
    assert.deepEqual(vs.realServers.map((rs) => [rs.address?.text, rs.port?.text, rs.weight?.value, rs.checkers.map((c) => c.keyword.text)]), [
      ["10.1.1.2", "80", 3, ["TCP_CHECK"]],
      ["10.1.1.3", "8080", undefined, ["HTTP_GET", "MISC_CHECK"]],
    ]);
    assert.equal(lvs.at(vs.realServers[1]!.port!.span), "8080");
    assert.equal(lvs.at(vs.realServers[0]!.directive.span), "real_server 10.1.1.2 80");
  });

  it("reads elements from included files with their own file", () => {
    const files = { "vi.inc": "vrrp_instance VI_9 {\n  virtual_router_id 9\n}\n" };
    const inc = build("include vi.inc\n", { files });
    const model = config("include vi.inc\n", { files });
    const vrid = model.instances[0]!.vrid!;
    assert.equal(vrid.word.span.file, "/etc/keepalived/vi.inc");
    assert.equal(inc.at(vrid.word.span), "9");
  });
});
