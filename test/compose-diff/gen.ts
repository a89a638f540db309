/**
 * Seeded random compose projects for the differential test: every port form, interpolation with and
 * without .env, overrides with !reset/!override, anchors and merge keys (also with `!!merge`),
 * extends, profiles; volumes, secrets and configs used and (not always) defined, null values.
 */

export interface GenProject {
  readonly id: number;
  /** relative path → content */
  readonly files: Record<string, string>;
  /** `-f` arguments (empty: discovery in the project directory). */
  readonly composeFiles: string[];
  readonly env: Record<string, string>;
  readonly profiles: string[];
  readonly envFile?: string;
}

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateProject(id: number, seed: number): GenProject {
  const r = rng(seed * 7919 + id);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number): boolean => r() < p;
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));

  // about one project in six carries deliberate mistakes (both tools must then report an error)
  const faulty = chance(0.17);
  const bad = (p: number): boolean => faulty && chance(p);
  const env: Record<string, string> = {};
  const dotenv: string[] = [];
  let varN = 0;

  /** Wraps a text part into an interpolation expression some of the time; records variable values. */
  const interp = (text: string): string => {
    if (!chance(0.3)) return text;
    const name = `DW_V${varN++}`;
    const form = pick(['plain', 'braced', 'def', 'def', 'defu', 'alt', 'req', 'reqc', 'nested'] as const);
    // without deliberate faults the variable is given a state for which the expression yields `text`
    const good: Record<typeof form, readonly string[]> = {
      plain: ['env', 'dotenv'],
      braced: ['env', 'dotenv'],
      def: ['env', 'dotenv', 'unset', 'empty'],
      defu: ['env', 'dotenv', 'unset'],
      alt: ['env', 'dotenv'],
      req: ['env', 'dotenv'],
      reqc: ['env', 'dotenv'],
      nested: ['env', 'dotenv', 'unset', 'empty'],
    };
    const where = faulty && chance(0.3) ? pick(['unset', 'empty'] as const) : pick(good[form]);
    const setTo = (v: string): void => {
      if (where === 'env') env[name] = v;
      else if (where === 'dotenv') dotenv.push(pick([`${name}=${v}`, `${name}="${v}"`, `export ${name}=${v}`, `${name}='${v}'`, `${name} = ${v} # note`]));
      else if (where === 'empty') {
        if (chance(0.5)) env[name] = '';
        else dotenv.push(`${name}=`);
      }
    };
    switch (form) {
      case 'plain':
        setTo(text);
        return `$${name}`;
      case 'braced':
        setTo(text);
        return `\${${name}}`;
      case 'def':
        setTo(text);
        return `\${${name}:-${text}}`;
      case 'defu':
        setTo(text);
        return `\${${name}-${text}}`;
      case 'alt':
        setTo('x');
        return `\${${name}:+${text}}`;
      case 'req':
        setTo(text);
        return `\${${name}:?must be set}`;
      case 'reqc':
        setTo(text);
        return `\${${name}?}`;
      default: {
        setTo(text);
        const inner = `DW_V${varN++}`;
        if (chance(0.5)) env[inner] = text;
        return `\${${name}:-\${${inner}:-${text}}}`;
      }
    }
  };

  const port = (): number => (bad(0.2) ? pick([0, 65536, 99999]) : pick([80, 443, 8080, 22, 53, 5432, int(1, 65535), int(1000, 9999), 65535]));
  const range = (len: number, base = int(1000, 60000)): string => `${base}-${base + len}`;
  const hostIp = (): string =>
    bad(0.3) ? pick(['::1', '1.2.3', 'localhost', '010.0.0.1', '[::1', 'fe80::1%eth0']) : pick(['', '', '', '127.0.0.1', '0.0.0.0', '[::1]', '[::]', '192.168.1.10', '[fe80::1]', '[::ffff:10.0.0.1]', '[2001:db8::1]']);
  const proto = (): string => (bad(0.2) ? pick(['/xyz', '/tcp/udp']) : pick(['', '', '', '/tcp', '/udp', '/sctp', '/UDP', '/']));

  const shortSpec = (): string => {
    const len = chance(0.2) ? int(0, 3) : -1;
    const cont = len >= 0 ? range(len) : String(port());
    let host = '';
    if (chance(0.75)) {
      if (len >= 0) host = range(len);
      else host = chance(0.2) ? range(int(1, 5)) : String(port());
      if (len >= 0 && bad(0.3)) host = range(len + 1);
      if (bad(0.1)) host = pick(['a', '-1', '80-', '90-80']);
    }
    const ip = host !== '' || chance(0.1) ? hostIp() : '';
    let spec = interp(cont) + proto();
    if (host !== '' || ip !== '') spec = `${interp(host)}:${spec}`;
    if (ip !== '') spec = `${interp(ip)}:${spec}`;
    if (chance(0.03)) spec = pick([':80', '127.0.0.1::80', '[::1]::8080/udp']);
    if (bad(0.1)) spec = pick(['80:', 'a:b', '', '8080:80:', ' 80', '80 ', '99999:80']);
    if (bad(0.05)) spec = `$$${spec}`;
    if (bad(0.05)) spec = pick(['${DW_BAD:x}', '${}', '${DW_UNCLOSED', 'a$b:80']);
    return spec;
  };

  const yamlScalar = (s: string, flow: boolean): string => {
    const plainOk = /^[0-9a-zA-Z$][^#]*$/.test(s) && !/: |\s$|^\s/.test(s) && !/[{}\[\],]/.test(flow ? s : s.replace(/\$\{[^}]*\}/g, ''));
    if (plainOk && chance(0.35)) return s;
    if (!s.includes("'") && chance(0.4)) return `'${s}'`;
    return JSON.stringify(s);
  };

  const longEntry = (ind: string, flow: boolean): string => {
    const fields: [string, string][] = [];
    const t = port();
    fields.push(['target', pick([String(t), `"${t}"`, `"${interp(String(t))}"`, '0x50'])]);
    if (chance(0.7)) {
      const pub = chance(0.2) ? range(int(0, 5)) : String(port());
      fields.push(['published', pick([pub.includes('-') ? `"${pub}"` : pub, `"${pub}"`, `"${interp(pub)}"`])]);
    }
    if (chance(0.4)) fields.push(['host_ip', JSON.stringify(interp(pick(['127.0.0.1', '0.0.0.0', '::1', '::', '10.0.0.1'])))]);
    if (chance(0.4)) fields.push(['protocol', pick(['tcp', 'udp', 'sctp', 'UDP'])]);
    if (chance(0.3)) fields.push(['mode', pick(['host', 'ingress'])]);
    if (chance(0.2)) fields.push(['name', 'web']);
    if (chance(0.1)) fields.push(['app_protocol', 'http']);
    if (bad(0.1)) fields.push(['extra', '1']);
    if (bad(0.1)) fields.splice(0, 1);
    if (chance(0.05)) fields.push(['x-note', 'kept']);
    if (flow) return `{ ${fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
    return fields.map(([k, v], i) => `${i === 0 ? '' : ind + '  '}${k}: ${v}`).join('\n');
  };

  const portItem = (): { flow: string; block: (ind: string) => string } => {
    const kind = r();
    if (kind < 0.65) {
      const spec = shortSpec();
      const b = yamlScalar(spec, false);
      return { flow: yamlScalar(spec, true), block: () => b };
    }
    if (kind < 0.75) {
      const n = bad(0.3) ? pick(['80.5', '65536', '0']) : pick(['80', '8080', '0x50', '0777', '1_000', '22:22', '+80']);
      return { flow: n, block: () => n };
    }
    return { flow: longEntry('', true), block: (ind) => (chance(0.3) ? longEntry(ind, true) : longEntry(ind, false)) };
  };

  const portsBlock = (ind: string, tag = ''): string => {
    const n = int(0, 4);
    const items = Array.from({ length: n }, portItem);
    if (n === 0) return `${ind}ports: ${tag}${tag ? '' : ''}[]\n`;
    if (chance(0.25)) return `${ind}ports: ${tag}[${items.map((i) => i.flow).join(', ')}]\n`;
    return `${ind}ports: ${tag}\n${items.map((i) => `${ind}  - ${i.block(ind + '  ')}`).join('\n')}\n`;
  };

  // Named volumes, secrets and configs: those a service uses are defined at the top level, except
  // in faulty projects (compose refuses an undefined one, unless its service is not active).
  const topVolumes = new Set<string>();
  const topSecrets = new Set<string>();
  const topConfigs = new Set<string>();
  const resourcesBlock = (): string => {
    let out = '';
    if (chance(0.3)) {
      const items: string[] = [];
      for (let k = int(1, 3); k > 0; k--) {
        const name = pick(['data', 'cache', 'db']);
        const defineIt = !bad(0.4);
        const item = pick([
          () => (defineIt && topVolumes.add(name), `"${name}:/var/${name}"`),
          () => '"./conf:/etc/conf:ro"',
          () => '"~/x:/x"',
          () => '"/srv/a:/a"',
          () => '"/anon"',
          () => (defineIt && topVolumes.add(name), `{ type: volume, source: ${name}, target: /v/${name} }`),
          () => '{ type: bind, source: ./b, target: /b, read_only: true }',
          () => '{ type: tmpfs, target: /t, tmpfs: { size: 1000 } }',
          () => (bad(0.5) ? '{ type: bind, source: ./b, target: /c, is_directory: true }' : '{ type: volume, target: /anon2 }'),
        ])();
        items.push(item);
      }
      out += `    volumes:\n${items.map((i) => `      - ${i}\n`).join('')}`;
    }
    for (const [key, set] of [['secrets', topSecrets], ['configs', topConfigs]] as const) {
      if (!chance(0.15)) continue;
      const name = pick(['one', 'two']);
      if (!bad(0.4)) set.add(name);
      out += chance(0.5) ? `    ${key}:\n      - ${name}\n` : `    ${key}:\n      - source: ${name}\n        target: /run/${name}\n`;
    }
    if (chance(0.15)) {
      // keys whose null value compose refuses, and ones it takes
      out += bad(0.5) ? `    ${pick(['environment', 'labels', 'volumes', 'dns', 'healthcheck', 'restart', 'cap_add', 'init'])}:\n` : `    ${pick(['command', 'entrypoint', 'deploy'])}:\n    environment: {}\n`;
    }
    if (chance(0.05)) out += `    post_start:\n      - command: ["true"]\n`;
    return out;
  };

  const services = Array.from({ length: int(1, 3) }, (_, i) => `s${i}`);
  const files: Record<string, string> = {};
  const profilesUsed: string[] = [];
  let main = '';
  if (chance(0.2)) main += `x-ports: &shared\n  - "${int(1000, 2000)}:80"\n  - ${JSON.stringify(shortSpec())}\n`;
  if (chance(0.2)) main += `x-base: &base\n  image: base\n${portsBlock('  ')}`;
  main += 'services:\n';
  for (const s of services) {
    main += `  ${s}:\n`;
    if (main.includes('&base') && chance(0.5)) main += `    ${chance(0.3) ? '!!merge ' : ''}<<: *base\n`;
    main += `    image: img\n`;
    if (chance(0.15)) {
      const p = pick(['dev', 'debug']);
      profilesUsed.push(p);
      main += `    profiles: [${p}]\n`;
    }
    if (chance(0.08)) main += `    network_mode: host\n`;
    if (main.includes('&shared') && chance(0.4)) main += `    ports: *shared\n`;
    else if (chance(0.85)) main += portsBlock('    ');
    if (chance(0.2)) main += `    expose: [${int(1, 9999)}, "${int(1, 9999)}"]\n`;
    main += resourcesBlock();
  }
  const extendsOther = chance(0.15);
  if (chance(0.2)) {
    main += `  ext:\n    extends: ${extendsOther ? '{ file: base.yaml, service: b }' : services[0]}\n`;
    if (chance(0.7)) main += portsBlock('    ');
  }
  if (extendsOther) files['base.yaml'] = `services:\n  b:\n    image: b\n${portsBlock('    ')}`;
  for (const [key, set] of [['volumes', topVolumes], ['secrets', topSecrets], ['configs', topConfigs]] as const) {
    if (set.size === 0 && !bad(0.1)) continue;
    main += `${key}:\n`;
    for (const n of set) {
      if (key === 'volumes') main += chance(0.5) ? `  ${n}:\n` : `  ${n}:\n    driver: local\n${bad(0.3) ? '    content: x\n' : ''}`;
      else if (key === 'secrets') main += `  ${n}:\n    ${bad(0.3) ? 'content: x' : 'file: ./secret.txt'}\n`;
      else main += `  ${n}:\n    ${chance(0.5) ? 'content: hello' : 'file: ./config.txt'}\n`;
    }
    if (set.size === 0) main += `  unused:\n    labels: { a: b }\n`;
  }
  if (chance(0.15)) main += `networks:\n  front:\n    driver: bridge\n    driver_opts:\n      com.docker.network.bridge.host_binding_ipv4: "127.0.0.1"\n`;

  const mainName = pick(['compose.yaml', 'docker-compose.yml', 'compose.yml']);
  files[mainName] = main;
  let composeFiles: string[] = [];
  if (chance(0.4)) {
    let over = 'services:\n';
    for (const s of services) {
      if (!chance(0.6)) continue;
      over += `  ${s}:\n`;
      const mode = r();
      if (mode < 0.2) over += `    ports: !reset []\n`;
      else if (mode < 0.35) over += portsBlock('    ', '!override ');
      else over += portsBlock('    ');
    }
    if (chance(0.2)) over += `  extra:\n    image: e\n${portsBlock('    ')}`;
    if (over === 'services:\n') over += `  ${services[0]}:\n    image: img2\n`;
    if (chance(0.5)) {
      files['compose.override.yaml'] = over;
      if (mainName !== 'compose.yaml' && mainName !== 'compose.yml') {
        // discovery pairs compose.override.* with any main name; keep it simple: pass files explicitly
        composeFiles = [mainName, 'compose.override.yaml'];
      }
    } else {
      files['extra.yaml'] = over;
      composeFiles = [mainName, 'extra.yaml'];
    }
  } else if (chance(0.3)) composeFiles = [mainName];

  let envFile: string | undefined;
  if (dotenv.length > 0) {
    if (chance(0.2)) {
      envFile = 'custom.env';
      files[envFile] = dotenv.join('\n') + '\n';
    } else files['.env'] = (chance(0.3) ? '# generated\n' : '') + dotenv.join('\n') + '\n';
  }
  const profiles = profilesUsed.length > 0 && chance(0.5) ? [pick(profilesUsed)] : [];
  return { id, files, composeFiles, env, profiles, envFile };
}
