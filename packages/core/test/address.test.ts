import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isForbiddenAddress, parseIp } from '../src/address.js';

test('parseIp reads IPv4, IPv6, brackets, zones and embedded dotted quads', () => {
  assert.deepEqual([...parseIp('10.1.2.3')!], [10, 1, 2, 3]);
  assert.deepEqual([...parseIp('[::1]')!], [...Array(15).fill(0), 1]);
  assert.deepEqual([...parseIp('fe80::1%eth0')!].slice(0, 2), [0xfe, 0x80]);
  assert.deepEqual([...parseIp('::ffff:127.0.0.1')!].slice(10), [0xff, 0xff, 127, 0, 0, 1]);
  assert.deepEqual([...parseIp('2001:db8:0:0:0:0:0:1')!].slice(0, 4), [0x20, 0x01, 0x0d, 0xb8]);
  assert.equal(parseIp('example.com'), undefined);
  assert.equal(parseIp('1.2.3'), undefined);
});

test('private, loopback, link-local, unique-local and unspecified addresses are forbidden', () => {
  for (const ip of [
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255',
    '::', '::1', '[::1]', 'fe80::1', 'fe80::1%lo', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    // IPv4 inside IPv6
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::127.0.0.1',
    '64:ff9b::10.0.0.1', '64:ff9b::7f00:1', '2002:7f00:1::1', '2002:c0a8:101::1',
    'not-an-ip',
  ]) {
    assert.equal(isForbiddenAddress(ip), true, ip);
  }
});

test('public addresses are allowed', () => {
  for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '172.15.255.255', '100.128.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:808:808::1']) {
    assert.equal(isForbiddenAddress(ip), false, ip);
  }
});
