import { join } from "node:path";
import { MqttClient } from "./client.ts";
import { Keepalived, Mosquitto, stageNode } from "./daemons.ts";
import { LabNetwork } from "./network.ts";
import { now } from "./process.ts";
import { analyzePair, type PairAnalysis, type PairSetup } from "./setups.ts";
import { VipWatch } from "./vipWatch.ts";

/**
 * One pair in its own lab: nodes a (primary) and b (standby) with their brokers and keepalived, c for the MQTT
 * client, the VIP watched on a and b, and our analysis of the two configs where keepalived reads them.
 * Node names are fixed, so scenarios read `only("a")`, `both("a", "b")`.
 */

export type PairNode = "a" | "b";

export class LabPair {
  readonly setup: PairSetup;
  readonly network: LabNetwork;
  readonly watch: VipWatch;
  readonly analysis: PairAnalysis;
  readonly folders: Record<PairNode, string>;
  readonly brokers: Partial<Record<PairNode, Mosquitto>> = {};
  readonly keepalived: Partial<Record<PairNode, Keepalived>> = {};
  client?: MqttClient;
  private readonly retired: Array<Keepalived | Mosquitto> = [];

  private constructor(setup: PairSetup, network: LabNetwork, watch: VipWatch, folders: Record<PairNode, string>) {
    this.setup = setup;
    this.network = network;
    this.watch = watch;
    this.folders = folders;
    this.analysis = analyzePair(join(folders.a, setup.primary.config), join(folders.b, setup.standby.config));
  }

  /** Builds the lab and stages the files; starts the brokers (each node's check probes its own). */
  static async create(setup: PairSetup): Promise<LabPair> {
    const network = LabNetwork.create([
      { name: "a", address: setup.primary.address },
      { name: "b", address: setup.standby.address },
      { name: "c", address: setup.client },
    ]);
    try {
      const folders = { a: stageNode(network, setup.key, "a", setup.primary.files), b: stageNode(network, setup.key, "b", setup.standby.files) };
      const watch = await VipWatch.start(network, ["a", "b"], setup.vip);
      const pair = new LabPair(setup, network, watch, folders);
      await pair.startBroker("a");
      await pair.startBroker("b");
      return pair;
    } catch (error) {
      network.destroy();
      throw error;
    }
  }

  /** Resolves once the broker listens; returns that moment (the service is back from then on). */
  async startBroker(node: PairNode): Promise<number> {
    const broker = await Mosquitto.start(this.network, node);
    const old = this.brokers[node];
    if (old !== undefined) this.retired.push(old);
    this.brokers[node] = broker;
    return broker.process.lines.find((l) => /running/.test(l.text))?.t ?? now();
  }

  startKeepalived(node: PairNode): Keepalived {
    const config = node === "a" ? this.setup.primary.config : this.setup.standby.config;
    const old = this.keepalived[node];
    if (old !== undefined) this.retired.push(old);
    const daemon = Keepalived.start(this.network, node, this.folders[node], config);
    this.keepalived[node] = daemon;
    return daemon;
  }

  async startClient(deadlineMs: number): Promise<MqttClient> {
    this.client = await MqttClient.start(this.network, "c", this.setup.vip, deadlineMs);
    return this.client;
  }

  /** Every daemon's last lines and the VIP's history, for a failure message. */
  logs(): string {
    const parts = [`VIP changes (s from the first): ${this.watch.history()}`];
    for (const node of ["a", "b"] as const) {
      const k = this.keepalived[node];
      if (k !== undefined) parts.push(k.process.tail(15));
    }
    if (this.client !== undefined) parts.push(`client: ${this.client.summary(this.watch.events[0]?.t ?? now())}`);
    return parts.join("\n");
  }

  async destroy(): Promise<void> {
    const daemons = [...Object.values(this.keepalived), ...Object.values(this.brokers), ...this.retired];
    await Promise.allSettled([this.client?.stop(), ...daemons.map((d) => d.stop()), this.watch.stop()]);
    this.network.destroy();
  }
}
