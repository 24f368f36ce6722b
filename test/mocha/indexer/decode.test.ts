import { expect } from "chai";
import { abis, type ContractName } from "@spin/shared";
import {
  decodeEventLog,
  encodeAbiParameters,
  encodeEventTopics,
  type Abi,
  type AbiEvent,
  type AbiParameter,
  type Hex,
} from "viem";
import { decodeLog, decodeLogs, UndecodableLogError } from "../../../indexer/src/decode/decode.ts";
import type { RpcLog } from "../../../indexer/src/rpc/client.ts";

const ADDRESS = "0x3333333333333333333333333333333333333333";
const A = "0x1111111111111111111111111111111111111111";
const B = "0x2222222222222222222222222222222222222222";

/** A log of `eventName` carrying `args`, as eth_getLogs returns it. */
function logOf(contract: ContractName, eventName: string, args: Record<string, unknown>): RpcLog {
  const abi = abis[contract] as Abi;
  const event = abi.find((i) => i.type === "event" && i.name === eventName) as AbiEvent;
  const indexedArgs = Object.fromEntries(
    event.inputs.filter((i) => i.indexed).map((i) => [i.name!, args[i.name!]]),
  );
  const topics = encodeEventTopics({ abi, eventName, args: indexedArgs } as never) as Hex[];
  const dataInputs = event.inputs.filter((i) => !i.indexed);
  const data = encodeAbiParameters(
    dataInputs,
    dataInputs.map((i) => args[i.name!]),
  );
  return {
    address: ADDRESS,
    topics,
    data,
    blockNumber: "0x7",
    logIndex: "0x2",
    blockHash: `0x${"ab".repeat(32)}`,
    transactionHash: `0x${"cd".repeat(32)}`,
    removed: false,
  };
}

const lower = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_k, v) =>
      typeof v === "bigint"
        ? v.toString()
        : typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)
          ? v.toLowerCase()
          : v,
    ),
  );

describe("indexer log decoding", () => {
  const samples: [ContractName, string, Record<string, unknown>][] = [
    ["SpinCoin", "Transfer", { from: A, to: B, value: 10n ** 18n }],
    [
      "CommonsRegistry",
      "PlaceUpdated",
      {
        account: A,
        name: "Fablab",
        latitudeE6: -33_868_800,
        longitudeE6: 151_209_300,
        country: "0x4155",
        machines: ["laser-cutter", "cnc-mill"],
      },
    ],
    [
      "CommonsRegistry",
      "EnodeAdded",
      { enodeId: "a1".repeat(64), host: "10.0.0.1", port: 30303, owner: B },
    ],
    ["Licensing", "FundFlushed", { amounts: [1n, 2n, 3n, 4n] }],
    [
      "LicenceTemplates",
      "TemplateAdded",
      {
        licenceId: 5,
        name: "No commercial use",
        legalTextHash: `0x${"11".repeat(32)}`,
        legalTextURI: "ipfs://nc",
        terms: {
          fee: 0n,
          term: 0,
          contributorsBps: 10_000,
          upstreamBps: 0,
          fundABps: 0,
          fundA: 0,
          fundBBps: 0,
          fundB: 0,
          commercialUse: 0,
          derivativesAllowed: true,
          shareAlike: false,
          attribution: true,
        },
        bounds: { minFee: 0n, maxFee: 0n },
      },
    ],
  ];

  for (const [contract, eventName, args] of samples) {
    it(`decodes ${contract}.${eventName} exactly as viem's decodeEventLog does`, () => {
      const log = logOf(contract, eventName, args);
      const ours = decodeLog(log, new Map([[ADDRESS, contract]]));
      const viems = decodeEventLog({
        abi: abis[contract] as Abi,
        data: log.data,
        topics: log.topics as [Hex, ...Hex[]],
        strict: true,
      });
      expect(ours.eventName).to.equal(eventName);
      expect(lower(ours.args)).to.deep.equal(lower(viems.args));
      expect([ours.blockNumber, ours.logIndex]).to.deep.equal([7, 2]);
    });
  }

  it("refuses a log whose topic is not in the contract's ABI, and one from an unknown address", () => {
    const log = logOf("SpinCoin", "Transfer", { from: A, to: B, value: 1n });
    const foreign = {
      ...log,
      topics: [`0x${"ee".repeat(32)}`, ...log.topics.slice(1)] as Hex[],
    };
    expect(() => decodeLog(foreign, new Map([[ADDRESS, "SpinCoin"]]))).to.throw(
      UndecodableLogError,
      "not in its ABI",
    );
    expect(() => decodeLog(log, new Map())).to.throw(UndecodableLogError, "unknown address");
  });

  /** A value of `param`'s type: the `k`th of a few boundary and ordinary values. */
  function valueOf(param: AbiParameter, k: number): unknown {
    const { type } = param;
    const array = /^(.*)\[(\d*)\]$/.exec(type);
    if (array) {
      const length = array[2] ? Number(array[2]) : k % 3;
      return Array.from({ length }, (_, i) => valueOf({ ...param, type: array[1] }, k + i));
    }
    if (type === "tuple") {
      const components = (param as { components: readonly AbiParameter[] }).components;
      return Object.fromEntries(components.map((c, i) => [c.name!, valueOf(c, k + i)]));
    }
    if (type === "address") return `0x${(k * 7919 + 1).toString(16).padStart(40, "a")}`;
    if (type === "bool") return k % 2 === 0;
    if (type === "string") return ["", "fablab", 'quote " and \\ backslash'][k % 3];
    if (type === "bytes") return ["0x", "0x00ff", `0x${"ab".repeat(40)}`][k % 3];
    const bytes = /^bytes(\d+)$/.exec(type);
    if (bytes) return `0x${((k + 1) * 37).toString(16).padStart(2 * Number(bytes[1]), "0")}`;
    const int = /^(u?)int(\d*)$/.exec(type)!;
    const bits = BigInt(int[2] || 256);
    const unsigned = int[1] === "u";
    const values = unsigned
      ? [0n, 1n, (1n << bits) - 1n, (1n << (bits - 1n)) + 1n]
      : [-(1n << (bits - 1n)), -1n, 0n, (1n << (bits - 1n)) - 1n];
    const value = values[k % values.length];
    return bits > 48n ? value : Number(value);
  }

  it("decodes every event of every SPIN contract as viem does, at boundary values", () => {
    let decoded = 0;
    for (const contract of Object.keys(abis) as ContractName[]) {
      const abi = abis[contract] as Abi;
      for (const event of abi.filter((i): i is AbiEvent => i.type === "event")) {
        for (let k = 0; k < 4; k++) {
          const args = Object.fromEntries(event.inputs.map((i, n) => [i.name!, valueOf(i, k + n)]));
          const log = logOf(contract, event.name, args);
          const ours = decodeLog(log, new Map([[ADDRESS, contract]]));
          const viems = decodeEventLog({
            abi,
            data: log.data,
            topics: log.topics as [Hex],
            strict: true,
          });
          expect(lower(ours.args), `${contract}.${event.name} #${k}`).to.deep.equal(
            lower(viems.args ?? {}),
          );
          decoded += 1;
        }
      }
    }
    expect(decoded).to.be.greaterThan(100);
  });

  it("refuses a log whose one-word data is short, and a boolean word other than 0 or 1", () => {
    const transfer = logOf("SpinCoin", "Transfer", { from: A, to: B, value: 1n });
    const short = { ...transfer, data: transfer.data.slice(0, 40) as Hex };
    expect(() => decodeLog(short, new Map([[ADDRESS, "SpinCoin"]]))).to.throw(
      UndecodableLogError,
      "does not decode",
    );
    const template = logOf("LicenceTemplates", "TemplateActiveSet", { licenceId: 1, active: true });
    const notBool = { ...template, data: `0x${"0".repeat(63)}2` as Hex };
    expect(() => decodeLog(notBool, new Map([[ADDRESS, "LicenceTemplates"]]))).to.throw(
      UndecodableLogError,
      "does not decode",
    );
  });

  it("puts logs in chain order when the node did not", () => {
    const log = logOf("SpinCoin", "Transfer", { from: A, to: B, value: 1n });
    const at = (block: number, index: number): RpcLog => ({
      ...log,
      blockNumber: `0x${block.toString(16)}`,
      logIndex: `0x${index.toString(16)}`,
    });
    const events = decodeLogs([at(9, 1), at(8, 3), at(9, 0)], new Map([[ADDRESS, "SpinCoin"]]));
    expect(events.map((e) => [e.blockNumber, e.logIndex])).to.deep.equal([
      [8, 3],
      [9, 0],
      [9, 1],
    ]);
  });
});
