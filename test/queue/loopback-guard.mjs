// Preloaded (node --import) into every process the queue tests start: records any network connection or DNS
// lookup to an address other than 127.0.0.1 in $FRAGILITY_NET_LOG, so the test can assert there was none.
import net from 'node:net';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';

const log = process.env.FRAGILITY_NET_LOG;
const record = (what) => {
  if (log) appendFileSync(log, `${process.pid} ${what}\n`);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const a = args[0];
  let host;
  let path;
  if (Array.isArray(a)) ({ host, path } = a[0] ?? {});
  else if (a && typeof a === 'object') ({ host, path } = a);
  else if (typeof a === 'number' || (typeof a === 'string' && /^\d+$/.test(a)))
    host = typeof args[1] === 'string' ? args[1] : 'localhost';
  else if (typeof a === 'string') path = a;
  if (path === undefined && host !== '127.0.0.1') record(`connect ${host ?? '(default host)'}`);
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const orig = dns[name];
  dns[name] = function (hostname, ...rest) {
    if (hostname !== '127.0.0.1') record(`dns.${name} ${hostname}`);
    return orig.call(this, hostname, ...rest);
  };
}
