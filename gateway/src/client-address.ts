/**
 * Who a client is, for its limits: the address its connection comes from. An IPv6 client is
 * known by its /64 (one host usually holds a whole /64, and could rotate through it). Behind a
 * trusted reverse proxy the client is the last address in X-Forwarded-For that is not itself a
 * trusted proxy; from anyone else the header is ignored, since a client could write anything.
 */
import { isIPv4, isIPv6 } from "node:net";

/** One spelling per address: `::ffff:1.2.3.4` is 1.2.3.4, IPv6 written out in full. */
function canonical(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv6(address)) return expandIPv6(address).join(":");
  return address;
}

/** The key a client's limits are kept under: its IPv4 address, or its IPv6 /64. */
export function clientKeyOf(address: string): string {
  const exact = canonical(address);
  if (isIPv6(address) && !isIPv4(exact)) return `${exact.split(":").slice(0, 4).join(":")}::/64`;
  return exact;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split("%")[0].split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array(missing).fill("0"), ...right];
  return groups.map((group) => group.replace(/^0+(?=.)/, ""));
}

export type ClientIdentifier = (
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
) => string;

export function createClientIdentifier(trustedProxies: readonly string[]): ClientIdentifier {
  const trusted = new Set(trustedProxies.map(canonical));
  return (socketAddress, forwardedFor) => {
    const direct = canonical(socketAddress ?? "unknown");
    if (!trusted.has(direct) || forwardedFor === undefined) return clientKeyOf(direct);
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
      .split(",")
      .map((hop) => hop.trim())
      .filter((hop) => isIPv4(hop) || isIPv6(hop))
      .map(canonical);
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!trusted.has(hops[i])) return clientKeyOf(hops[i]);
    }
    return clientKeyOf(direct);
  };
}
