// Where a URL leads beyond its host: a port or path of an infrastructure service (a database, a cache,
// a container or cluster API, an application's management endpoints) rather than a web page. A browser
// sends the page it was on as Referer and Origin, and a developer's page on `localhost:3000` or an
// intranet page on `10.0.0.5` is normal there; a "page" on Redis's port or at Consul's key-value API is
// not one a browser was on, so such a header was written by hand, to make a server fetch it.

/**
 * Ports of services that speak no HTTP a browser shows, or only an API (IANA registry and the services'
 * documentation): FTP, SSH, Telnet, SMTP, POP3, RPC, IMAP, LDAP, SMB, rsync, Java RMI, SQL Server,
 * Oracle, NFS, Docker, etcd, MySQL, RDP, Erlang EPMD, PostgreSQL, AMQP, CouchDB, Redis, Kubernetes API,
 * Consul, Cassandra, Kafka, Elasticsearch, kubelet, memcached, MongoDB, ZooKeeper.
 */
const SERVICE_PORTS = new Set([
  21, 22, 23, 25, 110, 111, 135, 139, 143, 389, 445, 636, 873, 1099, 1433, 1521, 2049, 2181, 2375, 2376, 2379, 2380,
  3306, 3389, 4369, 5432, 5672, 5984, 6379, 6443, 8500, 9042, 9092, 9200, 9300, 10250, 10255, 11211, 27017,
]);

/**
 * Path prefixes (lowercase) of management and metadata APIs: Spring Boot actuator, Apache mod_status,
 * cloud metadata (AWS, GCP, Azure), Consul, etcd v2, Elasticsearch, CouchDB, Docker, Kubernetes,
 * Jolokia, Go pprof, Tomcat manager, the H2 console.
 */
const SERVICE_PATHS = [
  '/actuator', '/server-status', '/server-info', '/latest/meta-data', '/latest/user-data', '/latest/api/token',
  '/computemetadata', '/metadata/instance', '/metadata/identity', '/v1/kv', '/v1/agent', '/v1/catalog', '/v2/keys',
  '/_cat', '/_cluster', '/_nodes', '/_all_dbs', '/containers/json', '/images/json', '/api/v1/namespaces',
  '/api/v1/nodes', '/jolokia', '/debug/pprof', '/manager/html', '/h2-console', '/heapdump',
];

/**
 * Whether `port` (digits, '' when none) and `path` (from the end of the authority: path, query and
 * fragment) name an infrastructure service rather than a page.
 */
export function isServiceEndpoint(port: string, path: string): boolean {
  if (port !== '' && port.length <= 5 && SERVICE_PORTS.has(Number(port))) return true;
  if (path.length < 4) return false;
  const lower = path.length > 64 ? path.slice(0, 64).toLowerCase() : path.toLowerCase();
  return SERVICE_PATHS.some((prefix) => lower.startsWith(prefix) && isSegmentEnd(lower.charCodeAt(prefix.length), prefix));
}

/** `/env` but not `/environment`: a prefix ending inside a segment must end the segment. */
function isSegmentEnd(code: number, prefix: string): boolean {
  return prefix.endsWith('/') || Number.isNaN(code) || code === 47 || code === 63 || code === 35;
}
