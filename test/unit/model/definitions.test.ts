import { strict as assert } from "node:assert";
import { build, flatten, shape } from "./helpers.ts";

/** `$NAME=value` definitions and their uses (keepalived.conf(5), "Parameter substitution"). */

const MAN_INSTANCE = [
  "$INSTANCE= \\",
  "vrrp_instance VI_${NUM} { \\",
  "    interface eth0.${NUM} \\",
  "    use_vmac vrrp${NUM}.1 \\",
  "    virtual_router_id 1 \\",
  "    @high priority 130 \\",
  "    @low priority 120 \\",
  "    advert_int 1 \\",
  "    virtual_ipaddress { \\",
  "        10.0.${NUM}.254/24 \\",
  "    } \\",
  "    track_script { \\",
  "        offset_instance_${NUM} \\",
  "    } \\",
  "}",
  "",
  "$NUM=0",
  "$INSTANCE",
  "",
  "$NUM=1",
  "$INSTANCE",
  "",
].join("\n");

const MAN_NESTED = [
  "$RS= \\",
  "real_server 192.168.${VS_NUM}.${RS_NUM} 80 { \\",
  "    weight 1 \\",
  "    MISC_CHECK { \\",
  '        misc_path "${_PWD}/scripts/vs.sh RS_misc.${VS_NUM}.${RS_NUM}.0" \\',
  "    } \\",
  "}",
  "",
  "$VS= \\",
  "virtual_server 10.0.${VS_NUM}.4 80 { \\",
  "    quorum 2 \\",
  "    $RS_NUM=1 \\",
  "    $RS \\",
  "    $RS_NUM=2 \\",
  "    $RS \\",
  "}",
  "",
  "$VS_NUM=0",
  "$VS",
  "",
  "$VS_NUM=1",
  "$VS",
  "",
].join("\n");

describe("model: definitions", () => {
  it("expands $NAME before a blank, ',', ')' or the end, and ${NAME} anywhere", () => {
    // keepalived looks at every '$', so x$A expands too; $A] and $Ax are no uses.
    const text = "$A=1\n$B=eth0\nkw $A x$A ${A}0 $A, ($A) [$A] $Ax $B\n";
    assert.deepEqual(shape(text), ["?kw 1 x1 10 1, (1) [$A] $Ax eth0"]);
  });

  it("expands at use time, recursively, with the value current at that line", () => {
    const text = [
      "$ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}",
      "$ADDRESS_BASE_SUB=0",
      "virtual_ipaddress {",
      "${ADDRESS_BASE}.100/32",
      "$ADDRESS_BASE_SUB=10",
      "${ADDRESS_BASE}.100/32",
      "}",
    ].join("\n");
    assert.deepEqual(shape(`vrrp_instance X {\n${text}\n}`), ["vrrp_instance X", ["virtual_ipaddress", ["10.2.0.100/32", "10.2.10.100/32"]]]);
  });

  it("allows an empty value and a redefinition", () => {
    assert.deepEqual(shape("$A=\nkw [${A}]\n$A=2\nkw ${A}"), ["?kw []", "?kw 2"]);
  });

  it("leaves an undefined use in place and reports it once, at its own place", () => {
    const built = build("$B=x y\nkw $A ${B} $C ${D}z\n");
    assert.deepEqual(shape("$B=x y\nkw $A ${B} $C ${D}z\n"), ["?kw $A x y $C ${D}z"]);
    const refs = built.result.undefinedRefs.map((r) => [r.name, r.braced, built.at(r.span)]);
    assert.deepEqual(refs, [
      ["A", false, "$A"],
      ["C", false, "$C"],
      ["D", true, "${D}"],
    ]);
  });

  it("keeps each expanded word at its own place when the values change only words", () => {
    const built = build("$P=100\nvrrp_instance X {\n  priority $P\n}\n");
    const priority = flatten(built.result.directives).find((d) => d.keyword.text === "priority")!;
    assert.equal(priority.args[0]!.text, "100");
    assert.equal(priority.args[0]!.raw, "$P");
    assert.equal(built.at(priority.args[0]!.span), "$P");
    assert.equal(built.at(priority.keyword.span), "priority");
  });

  it("selects a definition by a conditional: @main $PRIORITY=240", () => {
    const text = "@main $PRIORITY=240\n@backup $PRIORITY=200\nvrrp_instance VI_0 {\n  priority $PRIORITY\n}";
    assert.deepEqual(shape(text, { configId: "main" }), ["vrrp_instance VI_0", ["priority 240"]]);
    assert.deepEqual(shape(text, { configId: "backup" }), ["vrrp_instance VI_0", ["priority 200"]]);
    assert.deepEqual(shape(text, { configId: "other" }), ["vrrp_instance VI_0", ["priority $PRIORITY"]]);
  });

  it("applies a conditional that a definition expands to: $IF_MAIN=@main", () => {
    const text = "$IF_MAIN=@main\nvrrp_instance VI_0 {\n  $IF_MAIN priority 240\n}";
    assert.deepEqual(shape(text, { configId: "main" }), ["vrrp_instance VI_0", ["priority 240"]]);
    assert.deepEqual(shape(text, { configId: "backup" }), ["vrrp_instance VI_0", []]);
  });

  it("reads a value with blanks or braces as the words and blocks it spells", () => {
    assert.deepEqual(shape("$VIPS=virtual_ipaddress { 10.0.0.1/24 }\nvrrp_instance X {\n  $VIPS\n}"), [
      "vrrp_instance X",
      ["virtual_ipaddress", ["10.0.0.1/24"]],
    ]);
  });

  it("expands a multi-line definition used alone on its line into its lines (man page example)", () => {
    const high = shape(MAN_INSTANCE, { configId: "high" });
    const instance = (n: number, priority: string): unknown[] => [
      `vrrp_instance VI_${n}`,
      [`interface eth0.${n}`, `use_vmac vrrp${n}.1`, "virtual_router_id 1", priority, "advert_int 1", "virtual_ipaddress", [`10.0.${n}.254/24`], "track_script", [`offset_instance_${n}`]],
    ];
    assert.deepEqual(high, [...instance(0, "priority 130"), ...instance(1, "priority 130")]);
    const low = shape(MAN_INSTANCE, { configId: "low" });
    assert.deepEqual(low, [...instance(0, "priority 120"), ...instance(1, "priority 120")]);
  });

  it("reads nested multi-line definitions line by line, definitions inside them included", () => {
    const servers = build(MAN_NESTED).result.directives.map((vs) => [
      vs.args.map((a) => a.text).join(" "),
      vs.block!.children.filter((c) => c.keyword.text === "real_server").map((rs) => rs.args[0]!.text),
    ]);
    assert.deepEqual(servers, [
      ["10.0.0.4 80", ["192.168.0.1", "192.168.0.2"]],
      ["10.0.1.4 80", ["192.168.1.1", "192.168.1.2"]],
    ]);
    const miscPath = flatten(build(MAN_NESTED).result.directives).find((d) => d.keyword.text === "misc_path")!;
    assert.equal(miscPath.args[0]!.text, "/etc/keepalived/scripts/vs.sh RS_misc.0.1.0");
  });

  it("points the directives of an expanded text at the line that used the definition", () => {
    const built = build(MAN_INSTANCE, { configId: "high" });
    const uses = [...MAN_INSTANCE.matchAll(/^\$INSTANCE$/gm)].map((m) => m.index);
    for (const d of flatten(built.result.directives)) {
      assert.equal(built.at(d.span), "$INSTANCE", d.keyword.text);
      assert.ok(uses.includes(d.span.start));
      assert.equal(built.at(d.expandedFrom!), "$INSTANCE");
    }
  });

  it("keeps the lines of a block written after an expanded head at their own places", () => {
    const text = "$HEAD=vrrp_instance VI_1\n$HEAD {\n  state MASTER\n  priority 100\n}\n";
    const built = build(text);
    assert.deepEqual(shape(text), ["vrrp_instance VI_1", ["state MASTER", "priority 100"]]);
    const [instance] = built.result.directives;
    assert.equal(built.at(instance!.span), "$HEAD");
    assert.equal(built.at(instance!.block!.open), "{");
    assert.equal(built.at(instance!.block!.close!), "}");
    const state = instance!.block!.children[0]!;
    assert.equal(built.at(state.keyword.span), "state");
    assert.equal(built.at(state.args[0]!.span), "MASTER");
    assert.equal(state.expandedFrom, undefined);
  });

  it("does not expand a multi-line definition followed by more text on its line", () => {
    assert.deepEqual(shape("$M= \\\na 1 \\\nb 2\n$M x\nkw $M"), ["?$M x", "?kw a 1", "?b 2"]);
  });

  it("reports an undefined use inside a multi-line value at the line that used it", () => {
    const built = build("$M= \\\na ${NOPE} \\\nb 2\n$M\n");
    const refs = built.result.undefinedRefs.map((r) => [r.name, built.at(r.span)]);
    assert.deepEqual(refs, [["NOPE", "$M"]]);
  });

  it("defines the predefined names: _PWD, _INSTANCE, _HASH, _BANG, _RANDOM", () => {
    const text = 'kw ${_PWD} ${_INSTANCE} a${_HASH}b c${_BANG}d "${_HASH}" ${_RANDOM 5 9}';
    const [kw] = build(text, { configId: "node1" }).result.directives;
    assert.deepEqual(kw!.args.map((a) => a.text), ["/etc/keepalived", "node1", "a#b", "c!d", "#", "5"]);
  });

  it("keeps a # that a definition gives as a character, also when the line is read again", () => {
    assert.deepEqual(shape("$PASS=a${_HASH}b c\nauth_pass $PASS"), ["?auth_pass a#b c"]);
  });

  it("records every definition with its place", () => {
    const built = build("$A=1\n$M= \\\n x \\\n y\n");
    const defs = built.result.definitions.map((d) => [d.name, d.value, d.multiline, built.at(d.span)]);
    assert.deepEqual(defs, [
      ["A", "1", false, "$A=1"],
      ["M", "x\ny", true, "$M= \\\n x \\\n y"],
    ]);
  });

  it("stops expanding a definition that refers to itself", () => {
    const built = build("$A=$A x\nkw $A\n$M= \\\n$M\n$M\n");
    assert.ok(built.result.directives.length >= 1);
  });

  it("stops expanding definitions that double at each level, says so once and reads the rest", () => {
    const built = build("$A=x $A $A\nrouter_id $A\nstate BACKUP\n");
    assert.deepEqual(built.result.problems.map((p) => p.kind).filter((k) => k === "expansion-limit"), ["expansion-limit"]);
    assert.equal(built.result.directives.at(-1)!.keyword.text, "state");
  });
});
