import type { Check } from "./diagnostic.ts";

export const missingKeyword: Check = (ctx) => {
  const config = ctx.config;
  for (const instance of config.instances) {
    if (instance.directive.block === undefined || instance.name === undefined) continue;
    const name = instance.name.text;
    const hasVridLine = instance.directive.block.children.some((c) => c.keyword.text === "virtual_router_id");
    if (!hasVridLine) {
      ctx.report({
        code: "missing-keyword",
        message: `vrrp_instance ${name} has no virtual_router_id: keepalived reports "the virtual router id must be set" and does not run the instance`,
        span: instance.name.span,
        data: { instance: name, keyword: "virtual_router_id", used: config.instances.map((i) => i.vrid?.value).filter((v): v is number => v !== undefined) },
      });
    }
    if (instance.vips.length === 0) {
      ctx.report({
        code: "missing-keyword",
        severity: "warning",
        message: `vrrp_instance ${name} has no virtual address: keepalived reports "No VIP specified" and the instance moves nothing between nodes`,
        span: instance.name.span,
        data: { instance: name, keyword: "virtual_ipaddress" },
      });
    }
  }
  for (const script of config.scripts) {
    if (script.directive.block === undefined || script.command !== undefined) continue;
    ctx.report({
      code: "missing-keyword",
      message: `vrrp_script ${script.name?.text ?? ""} has no script line: keepalived has nothing to run, so the check never fails or passes`,
      span: script.name?.span ?? script.directive.keyword.span,
      data: { keyword: "script" },
    });
  }
  for (const group of config.syncGroups) {
    const hasGroup = group.directive.block?.children.some((c) => c.keyword.text === "group") === true;
    if (group.directive.block === undefined || hasGroup) continue;
    ctx.report({
      code: "missing-keyword",
      message: `vrrp_sync_group ${group.name?.text ?? ""} has no group { ... } of instances: keepalived reports it and the group syncs nothing`,
      span: group.name?.span ?? group.directive.keyword.span,
      data: { keyword: "group" },
    });
  }
};
