/**
 * Docker releases whose rules a `firewall-cmd --reload` breaks, on a host where firewalld runs:
 * - CVE-2025-54388 (Docker 28.2.0 to 28.3.2): after a reload, Docker re-creates its rules without
 *   the ones that keep a port published on 127.0.0.1 to this host, so it becomes reachable from
 *   the network. Reported on each loopback-bound port item.
 * - CVE-2025-54410 (Docker before 28.0): after a reload, Docker does not re-create the rules that
 *   isolate its networks from each other. Reported once, on the project's first network or port.
 * Only for a release the user named (a default release is not "known").
 */
import type { ComposeProject } from '../compose';
import type { CoreDiagnostic } from '../diagnostics';
import { type DockerRelease, parseRelease } from '../docker/release';
import type { Span } from '../text';

/** 'yes', 'no', or 'maybe' (the release names no patch level and the range ends inside its line). */
function in54388(r: DockerRelease): 'yes' | 'no' | 'maybe' {
  if (r.major !== 28 || r.minor < 2 || r.minor > 3) return 'no';
  if (r.minor === 2) return 'yes';
  // `28.3` names no patch level (parseRelease reads it as 28.3.0)
  if (r.text.replace(/^(docker-)?v?/, '').split('.').length < 3) return 'maybe';
  return r.patch <= 2 ? 'yes' : 'no';
}

const LOOPBACK = /^(127\.|::1$|\[::1\]$)/;

export function reloadCveWarnings(dockerVersion: string | undefined, project: ComposeProject, anchor: Span): CoreDiagnostic[] {
  if (!dockerVersion) return [];
  const r = parseRelease(dockerVersion);
  if (!r) return [];
  const out: CoreDiagnostic[] = [];
  const ports = [...project.services.values()].flatMap((s) => s.ports.map((p) => ({ service: s.name, p })));
  const v54388 = in54388(r);
  if (v54388 !== 'no') {
    for (const { service, p } of ports) {
      if (!p.hostIp || !LOOPBACK.test(p.hostIp)) continue;
      out.push({
        span: p.source.item,
        severity: 'warning',
        code: 'CVE-2025-54388',
        message:
          `Docker ${dockerVersion}${v54388 === 'maybe' ? ' (28.3.0 to 28.3.2 are affected; 28.3.3 is fixed)' : ''} on a firewalld host: after \`firewall-cmd --reload\`, ` +
          `port ${p.published ?? p.target}/${p.protocol} of service ${service}, published on ${p.hostIp}, becomes reachable from the network ` +
          '(CVE-2025-54388); upgrade Docker to 28.3.3 or later, or restart dockerd after each reload',
      });
    }
  }
  if (r.major < 28) {
    const first = ports[0]?.p.source.item ?? anchor;
    out.push({
      span: first,
      severity: 'warning',
      code: 'CVE-2025-54410',
      message:
        `Docker ${dockerVersion} on a firewalld host: \`firewall-cmd --reload\` removes the rules that isolate Docker's networks from each other, ` +
        'and Docker does not put them back (CVE-2025-54410); upgrade Docker to 28.0 or later, or restart dockerd after each reload. ' +
        'The analysis shows the host as it is before any reload',
    });
  }
  return out;
}
