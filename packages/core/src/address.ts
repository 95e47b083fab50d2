import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { DocmillError, type ErrorName } from './errors.js';

/**
 * Parses an IP address literal into its bytes (4 for IPv4, 16 for IPv6).
 * @param ip a dotted quad, or an IPv6 literal (with or without brackets, with an
 *   optional zone id "%eth0" and an optional trailing dotted quad "::ffff:1.2.3.4")
 * Returns undefined for anything that is not an IP literal; does not resolve names.
 */
export function parseIp(ip: string): Uint8Array | undefined {
  let s = ip.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const kind = isIP(s);
  if (kind === 4) return Uint8Array.from(s.split('.').map(Number));
  if (kind !== 6) return undefined;
  const out = new Uint8Array(16);
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail = s.slice(lastColon + 1).split('.').map(Number);
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const [headPart, tailPart] = s.split('::') as [string, string | undefined];
  const head = headPart ? headPart.split(':') : [];
  const rest = tailPart !== undefined && tailPart !== '' ? tailPart.split(':') : [];
  const groups = tailPart === undefined ? head : [...head, ...Array<string>(8 - head.length - rest.length).fill('0'), ...rest];
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  if (tail.length === 4) out.set(tail, 12);
  return out;
}

/** IPv4 ranges that are never fetched: [first octets, prefix length]. */
const V4_FORBIDDEN: Array<[number[], number]> = [
  [[0], 8], // "this network", incl. 0.0.0.0 (unspecified)
  [[10], 8], // private
  [[100, 64], 10], // carrier-grade NAT (shared address space)
  [[127], 8], // loopback
  [[169, 254], 16], // link-local (cloud metadata 169.254.169.254)
  [[172, 16], 12], // private
  [[192, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2], 24], // documentation
  [[192, 88, 99], 24], // 6to4 relay anycast
  [[192, 168], 16], // private
  [[198, 18], 15], // benchmarking
  [[198, 51, 100], 24], // documentation
  [[203, 0, 113], 24], // documentation
  [[224], 4], // multicast
  [[240], 4], // reserved, incl. 255.255.255.255 (broadcast)
];

/** IPv6 ranges that are never fetched (embedded IPv4 forms are checked separately). */
const V6_FORBIDDEN: Array<[number[], number]> = [
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // site-local (deprecated)
  [[0xfc], 7], // unique-local
  [[0xff], 8], // multicast
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], // discard-only
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0x20, 0x01, 0x00, 0x00], 32], // Teredo (tunnels to arbitrary IPv4)
];

function inPrefix(bytes: Uint8Array, prefix: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Forbidden(b: Uint8Array): boolean {
  return V4_FORBIDDEN.some(([p, bits]) => inPrefix(b, p, bits));
}

/**
 * True when an address must not be fetched from a server: private, loopback,
 * link-local, unique-local, unspecified, multicast, reserved and documentation
 * ranges, in IPv4 and IPv6, including IPv4 addresses embedded in IPv6
 * (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16).
 * @param ip an address literal (what DNS resolution returned)
 * Anything that does not parse as an address counts as forbidden. Does not
 * resolve names: resolve first, then ask about every address.
 */
export function isForbiddenAddress(ip: string): boolean {
  const b = parseIp(ip);
  if (!b) return true;
  if (b.length === 4) return v4Forbidden(b);
  const zeros = (n: number) => b.subarray(0, n).every((x) => x === 0);
  if (zeros(16)) return true; // :: unspecified
  if (zeros(15) && b[15] === 1) return true; // ::1 loopback
  // IPv4-mapped (::ffff:0:0/96) and the deprecated IPv4-compatible (::/96) forms.
  if (zeros(10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) return v4Forbidden(b.subarray(12));
  // NAT64 well-known prefix 64:ff9b::/96 (and the local-use 64:ff9b:1::/48).
  if (inPrefix(b, [0x00, 0x64, 0xff, 0x9b], 32)) return v4Forbidden(b.subarray(12)) || inPrefix(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48);
  // 6to4 2002:a.b.c.d::/48 carries an IPv4 address in bytes 2..5.
  if (b[0] === 0x20 && b[1] === 0x02) return v4Forbidden(b.subarray(2, 6));
  return V6_FORBIDDEN.some(([p, bits]) => inPrefix(b, p, bits));
}

/** One resolved address of a host. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** The system resolver, every address of the name. */
export const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface ResolveCheckedOptions {
  /** Accept private, loopback and link-local addresses (DOCMILL_ALLOW_PRIVATE_URLS=1). */
  allowPrivate?: boolean;
  /** Name resolution (default: systemResolve). Tests inject their own. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Address policy (default: isForbiddenAddress). */
  forbidden?: (address: string) => boolean;
  /** The error code when the name does not resolve (the caller's: a download, a webhook). */
  failCode: ErrorName;
}

/**
 * Resolves a URL's host once and checks every address; returns the one to
 * connect to. Connect to it through pinnedLookup, so that a DNS answer that
 * changes between this check and the connection (rebinding) cannot redirect it.
 * @param url the URL (its hostname; an address literal is not resolved)
 * @param opts policy, resolver and error code
 * Throws INPUT_URL_FORBIDDEN when an address is refused: one forbidden address
 * refuses the whole name, so a name that mixes a public and a private answer
 * cannot be used to reach the private one; `failCode` when it does not resolve.
 */
export async function resolveChecked(url: URL, opts: ResolveCheckedOptions): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (opts.resolve ?? systemResolve)(host);
    } catch (e) {
      throw new DocmillError(opts.failCode, `Cannot resolve ${host}.`, { cause: e });
    }
  }
  if (addresses.length === 0) throw new DocmillError(opts.failCode, `${host} has no address.`);
  if (!opts.allowPrivate) {
    const forbidden = opts.forbidden ?? isForbiddenAddress;
    const bad = addresses.find((a) => forbidden(a.address));
    if (bad) throw new DocmillError('INPUT_URL_FORBIDDEN', `${host} resolves to ${bad.address}.`);
  }
  return addresses[0]!;
}

/** A socket lookup that answers with the one address given (see resolveChecked), whatever it is asked. */
export function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    // Note: Node 20 asks for `all` addresses when autoSelectFamily is on; answer both forms with the pinned one.
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}
