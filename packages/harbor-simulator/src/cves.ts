import { Prng } from './prng';
import { Severity, VulnerabilityRecord } from './state';

function cve(
  id: string,
  pkg: string,
  version: string,
  fixVersion: string,
  severity: Severity,
  score: number | undefined,
  vector: string | undefined,
  cwe: string[],
  description: string,
): VulnerabilityRecord {
  return {
    id,
    package: pkg,
    version,
    fix_version: fixVersion,
    severity,
    description,
    links: [
      `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
      `https://nvd.nist.gov/vuln/detail/${id}`,
    ],
    cvss_v3_score: score,
    cvss_v3_vector: vector,
    cwe_ids: cwe,
  };
}

const NETWORK_HIGH_AVAIL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H';
const NETWORK_CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

/** Real CVEs a platform team meets in base images and language dependencies. */
export const CVE_CATALOG = {
  xz: cve(
    'CVE-2024-3094',
    'xz-libs',
    '5.6.0-r0',
    '5.6.1-r2',
    'Critical',
    10,
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    ['CWE-506'],
    'Malicious code was discovered in the upstream tarballs of xz, starting with version 5.6.0.',
  ),
  log4shell: cve(
    'CVE-2021-44228',
    'org.apache.logging.log4j:log4j-core',
    '2.14.1',
    '2.15.0',
    'Critical',
    10,
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    ['CWE-20', 'CWE-400', 'CWE-502', 'CWE-917'],
    'Apache Log4j2 JNDI features do not protect against attacker controlled LDAP and other JNDI related endpoints.',
  ),
  spring4shell: cve(
    'CVE-2022-22965',
    'org.springframework:spring-beans',
    '5.3.17',
    '5.3.18',
    'Critical',
    9.8,
    NETWORK_CRITICAL,
    ['CWE-94'],
    'A Spring MVC or Spring WebFlux application running on JDK 9+ may be vulnerable to remote code execution via data binding.',
  ),
  curlSocks: cve(
    'CVE-2023-38545',
    'curl',
    '8.3.0-r0',
    '8.4.0-r0',
    'Critical',
    9.8,
    NETWORK_CRITICAL,
    ['CWE-787'],
    'A heap based buffer overflow in the SOCKS5 proxy handshake of curl.',
  ),
  zlib: cve(
    'CVE-2023-45853',
    'zlib1g',
    '1:1.2.13.dfsg-1',
    '',
    'Critical',
    9.8,
    NETWORK_CRITICAL,
    ['CWE-190'],
    'MiniZip in zlib through 1.3 has an integer overflow and resultant heap-based buffer overflow in zipOpenNewFileInZip4_64.',
  ),
  rapidReset: cve(
    'CVE-2023-44487',
    'golang.org/x/net',
    'v0.7.0',
    '0.17.0',
    'High',
    7.5,
    NETWORK_HIGH_AVAIL,
    ['CWE-400'],
    'The HTTP/2 protocol allows a denial of service (server resource consumption) because request cancellation can reset many streams quickly.',
  ),
  goStdlib: cve(
    'CVE-2023-39325',
    'stdlib',
    'v1.20.8',
    '1.20.10, 1.21.3',
    'High',
    7.5,
    NETWORK_HIGH_AVAIL,
    ['CWE-770'],
    'A malicious HTTP/2 client which rapidly creates requests and immediately resets them can cause excessive server resource consumption.',
  ),
  libwebp: cve(
    'CVE-2023-4863',
    'libwebp',
    '1.3.1-r0',
    '1.3.2-r0',
    'High',
    8.8,
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
    ['CWE-787'],
    'Heap buffer overflow in libwebp allows a remote attacker to perform an out of bounds memory write via a crafted HTML page.',
  ),
  openssl0286: cve(
    'CVE-2023-0286',
    'libssl3',
    '3.0.7-r0',
    '3.0.8-r0',
    'High',
    7.4,
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H',
    ['CWE-843'],
    'There is a type confusion vulnerability relating to X.400 address processing inside an X.509 GeneralName.',
  ),
  regreSSHion: cve(
    'CVE-2024-6387',
    'openssh-client',
    '1:9.2p1-2+deb12u2',
    '1:9.2p1-2+deb12u3',
    'High',
    8.1,
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
    ['CWE-364'],
    'A signal handler race condition was found in sshd, where a client does not authenticate within LoginGraceTime.',
  ),
  certifi: cve(
    'CVE-2023-37920',
    'certifi',
    '2022.12.7',
    '2023.7.22',
    'Critical',
    9.8,
    NETWORK_CRITICAL,
    ['CWE-345'],
    'Certifi removes "e-Tugra" root certificates after an investigation into their security.',
  ),
  urllib: cve(
    'CVE-2023-24329',
    'python3.11',
    '3.11.2-6',
    '3.11.2-6+deb12u1',
    'High',
    7.5,
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N',
    ['CWE-20'],
    'An issue in the urllib.parse component of Python allows attackers to bypass blocklisting methods by supplying a URL that starts with blank characters.',
  ),
  openssl5678: cve(
    'CVE-2023-5678',
    'libcrypto3',
    '3.1.4-r0',
    '3.1.4-r1',
    'Medium',
    5.3,
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L',
    ['CWE-606', 'CWE-754'],
    'Generating excessively long X9.42 DH keys or checking excessively long X9.42 DH keys or parameters may be very slow.',
  ),
  setuptools: cve(
    'CVE-2022-40897',
    'setuptools',
    '65.5.0',
    '65.5.1',
    'Medium',
    5.9,
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H',
    ['CWE-1333'],
    'Python Packaging Authority setuptools before 65.5.1 allows remote attackers to cause a denial of service via HTML in a crafted package.',
  ),
  systemd: cve(
    'CVE-2023-7008',
    'libsystemd0',
    '252.22-1~deb12u1',
    '',
    'Medium',
    5.9,
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N',
    ['CWE-300'],
    'A vulnerability was found in systemd-resolved which may accept records of DNSSEC-signed domains even when they have no signature.',
  ),
  openssl2511: cve(
    'CVE-2024-2511',
    'libssl3',
    '3.1.4-r5',
    '3.1.4-r6',
    'Low',
    5.9,
    NETWORK_HIGH_AVAIL,
    ['CWE-1325'],
    'Some non-default TLS server configurations can cause unbounded memory growth when processing TLSv1.3 sessions.',
  ),
  apt: cve(
    'CVE-2011-3374',
    'apt',
    '2.6.1',
    '',
    'Low',
    3.7,
    'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N',
    ['CWE-347'],
    'It was found that apt-key in apt, all versions, do not correctly validate gpg keys with the master keyring.',
  ),
  utilLinux: cve(
    'CVE-2022-0563',
    'libblkid1',
    '2.38.1-5+deb12u1',
    '',
    'Low',
    5.5,
    'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
    ['CWE-209'],
    'A flaw was found in the util-linux chfn and chsh utilities when compiled with Readline support.',
  ),
  tar: cve(
    'CVE-2005-2541',
    'tar',
    '1.34+dfsg-1.2+deb12u1',
    '',
    'Unknown',
    undefined,
    undefined,
    [],
    'Tar 1.15.1 does not properly warn the user when extracting setuid or setgid files.',
  ),
} satisfies Record<string, VulnerabilityRecord>;

const SEVERITIES: Severity[] = [
  'Critical',
  'High',
  'High',
  'Medium',
  'Medium',
  'Medium',
  'Low',
  'Low',
  'Unknown',
];
const PACKAGES = [
  'openssl',
  'libcurl',
  'glibc',
  'busybox',
  'musl',
  'zlib',
  'libxml2',
  'expat',
  'golang.org/x/crypto',
  'golang.org/x/net',
  'lodash',
  'jackson-databind',
  'netty-codec-http',
  'requests',
  'urllib3',
];

/** Synthetic but stable CVEs, for scaling tests and benchmarks. */
export function syntheticCves(
  random: Prng,
  count: number,
): VulnerabilityRecord[] {
  const out: VulnerabilityRecord[] = [];
  for (let i = 0; i < count; i++) {
    const severity = random.pick(SEVERITIES);
    const pkg = random.pick(PACKAGES);
    const minor = random.int(0, 20);
    const fixed = random.next() < 0.7;
    const score =
      severity === 'Unknown'
        ? undefined
        : { Critical: 9.8, High: 7.5, Medium: 5.3, Low: 3.1 }[
            severity as 'Critical'
          ];
    out.push(
      cve(
        `CVE-${random.int(2019, 2025)}-${random.int(10000, 59999)}`,
        pkg,
        `1.${minor}.0`,
        fixed ? `1.${minor}.${random.int(1, 9)}` : '',
        severity,
        score,
        score ? NETWORK_HIGH_AVAIL : undefined,
        ['CWE-20'],
        `A flaw in ${pkg} allows a remote attacker to cause unexpected behaviour.`,
      ),
    );
  }
  return out;
}
