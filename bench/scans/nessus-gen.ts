// A synthetic Nessus v2 file (issue #7 numbers): `hosts` ReportHosts × `perHost` ReportItems with
// description, solution, CVSS, a CVE and a few hundred bytes of plugin output; a fifth informational.
// `changed` (0..1) replaces that fraction of items with other plugins (a re-scan where some were
// fixed and some are new). Deterministic: the same arguments give the same bytes.

import { once } from 'node:events';
import fs from 'node:fs';

export type NessusShape = { hosts: number; perHost: number; changed?: number };

const SEVERITY = ['0', '1', '2', '3', '4'];

function item(h: number, i: number, changed: number): string {
  const n = h * 1_000_003 + i;
  const isChanged = changed > 0 && n % Math.round(1 / changed) === 0;
  const plugin = 10_000 + i + (isChanged ? 50_000 : 0);
  const severity = i % 5 === 0 ? '0' : (SEVERITY[1 + (i % 4)] as string);
  const port = [22, 80, 443, 3306, 8080][i % 5];
  const output =
    `Installed version : 2.4.${i}\nFixed version     : 2.4.${i + 10}\nPath              : /usr/lib/component-${i}/\n`.repeat(
      2,
    );
  return `<ReportItem port="${port}" svc_name="www" protocol="tcp" severity="${severity}" pluginID="${plugin}" pluginName="Synthetic vulnerability ${plugin} &amp; friends">
<description>The remote host runs a version of component ${plugin} affected by several vulnerabilities, including a remote code execution flaw reachable without authentication.</description>
<solution>Upgrade component ${plugin} to the latest version.</solution>
<risk_factor>${severity === '0' ? 'None' : 'High'}</risk_factor>
<cvss3_base_score>${(4 + (i % 6)).toFixed(1)}</cvss3_base_score>
<cvss3_vector>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</cvss3_vector>
<cve>CVE-2024-${String(1000 + (plugin % 9000)).padStart(4, '0')}</cve>
<plugin_output>${output}</plugin_output>
</ReportItem>
`;
}

function ipOf(h: number): string {
  return `10.${Math.floor(h / 65_536) % 256}.${Math.floor(h / 256) % 256}.${(h % 256) + 0}`;
}

export async function writeSyntheticNessus(file: string, shape: NessusShape): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Policy><policyName>bench</policyName></Policy>\n<Report name="bench">\n',
  );
  for (let h = 0; h < shape.hosts; h++) {
    const ip = ipOf(h + 256);
    let chunk = `<ReportHost name="${ip}"><HostProperties>
<tag name="host-ip">${ip}</tag>
<tag name="HOST_START">Mon Nov 23 01:00:00 2026</tag>
<tag name="HOST_END">Mon Nov 23 01:30:00 2026</tag>
</HostProperties>
`;
    for (let i = 0; i < shape.perHost; i++) chunk += item(h, i, shape.changed ?? 0);
    await write(`${chunk}</ReportHost>\n`);
  }
  await write('</Report>\n</NessusClientData_v2>\n');
  out.end();
  await once(out, 'finish');
}

export { ipOf as syntheticHostIp };
