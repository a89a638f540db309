"""Probe agent for Dockwall's kernel tests; runs inside one network namespace.

Observes: raw IPv4/IPv6 sockets for TCP and UDP receive a copy of every packet the namespace
delivers locally, after the INPUT hook, with the addresses and ports as they are at arrival (after
any NAT). A TCP SYN (without ACK) or a UDP datagram whose payload starts with b"dwp" (a probe) is
reported as one JSON line: {"ev": "seen", "fam", "proto", "src", "sport", "dst", "dport", "ifindex"}.
A SYN-ACK, an RST or a datagram starting with b"dwr" (an answer to a probe this namespace sent) is
reported the same way with "ev": "back" (and "kind": "synack" / "rst" / "udp").

Answers: on the ports it was told to listen on ("listen"), TCP listeners (v4 and v6) make the
kernel send the SYN-ACK (connections are accepted and reset at once), and UDP sockets answer each
probe datagram with b"dwr" + its payload, sent from the address the datagram was delivered to
(IP_PKTINFO / IPV6_PKTINFO) back to its source: the connection's first reply.

Sends: commands arrive as JSON lines on stdin.
  {"cmd": "probe", "batch": N, "probes": [{"id", "fam", "proto", "src", "sport", "dst", "dport"}]}
      opens one socket per probe, binds it to (src or any, sport) and sends a SYN (non-blocking
      connect) or one UDP datagram; answers {"ev": "sent", "batch": N, "errors": {id: message}}.
  {"cmd": "close", "batch": N}  closes that batch's sockets (with an RST: no TIME_WAIT left behind).
  {"cmd": "listen", "ports": [P...]} adds TCP and UDP listeners (v4 and v6) on those ports; ports
      already listened on are kept; answers {"ev": "listening", "errors": {port: message}}.
  {"cmd": "ping"}               answers {"ev": "pong"} (the raw sockets are open by then).
"""
import json
import selectors
import socket
import struct
import sys
import threading

out_lock = threading.Lock()
IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)  # Linux value; missing from older Pythons


def emit(obj):
    line = json.dumps(obj, separators=(",", ":"))
    with out_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def open_raw():
    socks = []
    for fam in (socket.AF_INET, socket.AF_INET6):
        for proto in (socket.IPPROTO_TCP, socket.IPPROTO_UDP):
            try:
                s = socket.socket(fam, socket.SOCK_RAW, proto)
            except OSError:
                continue  # IPv6 may be disabled
            if fam == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
            else:
                s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
            socks.append((s, fam, proto))
    return socks


def report(fam, proto, src, dst, ifindex, l4):
    if len(l4) < 8:
        return
    sport, dport = struct.unpack("!HH", l4[:4])
    ev, kind = "seen", None
    if proto == socket.IPPROTO_TCP:
        if len(l4) < 14:
            return
        flags = l4[13]
        if (flags & 0x12) == 0x02:  # SYN without ACK: a probe
            pass
        elif (flags & 0x12) == 0x12:  # SYN-ACK: the answer to a probe
            ev, kind = "back", "synack"
        elif flags & 0x04:  # RST: the server side had no listener (or a reject)
            ev, kind = "back", "rst"
        else:
            return
        name = "tcp"
    else:
        if l4[8:11] == b"dwp":
            pass
        elif l4[8:11] == b"dwr":
            ev, kind = "back", "udp"
        else:
            return
        name = "udp"
    msg = {"ev": ev, "fam": 4 if fam == socket.AF_INET else 6, "proto": name, "src": src,
           "sport": sport, "dst": dst, "dport": dport, "ifindex": ifindex}
    if kind:
        msg["kind"] = kind
    emit(msg)


def observe(socks):
    sel = selectors.DefaultSelector()
    for entry in socks:
        sel.register(entry[0], selectors.EVENT_READ, entry)
    while True:
        for key, _ in sel.select():
            s, fam, proto = key.data
            try:
                data, anc, _flags, addr = s.recvmsg(65535, 256)
            except OSError:
                continue
            ifindex = 0
            if fam == socket.AF_INET:
                if len(data) < 20:
                    continue
                ihl = (data[0] & 0x0F) * 4
                src = socket.inet_ntop(socket.AF_INET, data[12:16])
                dst = socket.inet_ntop(socket.AF_INET, data[16:20])
                for level, typ, cdata in anc:
                    if level == socket.IPPROTO_IP and typ == IP_PKTINFO and len(cdata) >= 4:
                        ifindex = struct.unpack("=i", cdata[:4])[0]
                report(fam, proto, src, dst, ifindex, data[ihl:])
            else:
                src = addr[0].split("%")[0]
                dst = ""
                for level, typ, cdata in anc:
                    if level == socket.IPPROTO_IPV6 and typ == socket.IPV6_PKTINFO and len(cdata) >= 20:
                        dst = socket.inet_ntop(socket.AF_INET6, cdata[:16])
                        ifindex = struct.unpack("=i", cdata[16:20])[0]
                report(fam, proto, src, dst, ifindex, data)


LINGER_RST = struct.pack("ii", 1, 0)


class Listeners:
    """TCP listeners and UDP answerers on the ports the scenarios' probes may arrive at."""

    def __init__(self):
        self.sel = selectors.DefaultSelector()
        self.ports = set()
        threading.Thread(target=self.loop, daemon=True).start()

    def add(self, ports):
        errors = {}
        for port in ports:
            if port in self.ports:
                continue
            self.ports.add(port)
            for fam in (socket.AF_INET, socket.AF_INET6):
                for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                    s = socket.socket(fam, kind)
                    try:
                        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                        if fam == socket.AF_INET6:
                            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                            if kind == socket.SOCK_DGRAM:
                                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
                        elif kind == socket.SOCK_DGRAM:
                            s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
                        s.bind(("0.0.0.0" if fam == socket.AF_INET else "::", port))
                        if kind == socket.SOCK_STREAM:
                            s.listen(1024)
                        s.setblocking(False)
                    except OSError as e:
                        s.close()
                        errors[str(port)] = "%s (errno %s)" % (e.strerror, e.errno)
                        continue
                    self.sel.register(s, selectors.EVENT_READ, (fam, kind))
        return errors

    def loop(self):
        while True:
            if not self.sel.get_map():
                threading.Event().wait(0.05)
                continue
            for key, _ in self.sel.select(0.2):
                s = key.fileobj
                fam, kind = key.data
                try:
                    if kind == socket.SOCK_STREAM:
                        c, _addr = s.accept()
                        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_RST)
                        c.close()
                    else:
                        self.answer(s, fam)
                except OSError:
                    continue

    @staticmethod
    def answer(s, fam):
        data, anc, _flags, addr = s.recvmsg(2048, 256)
        if not data.startswith(b"dwp"):
            return
        cmsg = []
        for level, typ, cdata in anc:
            if fam == socket.AF_INET and level == socket.IPPROTO_IP and typ == IP_PKTINFO and len(cdata) >= 12:
                # in_pktinfo: ifindex, spec_dst, addr; answer from the address the datagram was sent to.
                cmsg = [(socket.IPPROTO_IP, IP_PKTINFO, struct.pack("=i", 0) + cdata[8:12] + cdata[8:12])]
            elif fam == socket.AF_INET6 and level == socket.IPPROTO_IPV6 and typ == socket.IPV6_PKTINFO and len(cdata) >= 20:
                cmsg = [(socket.IPPROTO_IPV6, socket.IPV6_PKTINFO, cdata[:16] + struct.pack("=i", 0))]
        s.sendmsg([b"dwr" + data[3:]], cmsg, 0, addr)


def send_batch(probes):
    sockets, errors = [], {}
    for p in probes:
        fam = socket.AF_INET if p["fam"] == 4 else socket.AF_INET6
        kind = socket.SOCK_STREAM if p["proto"] == "tcp" else socket.SOCK_DGRAM
        s = socket.socket(fam, kind)
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((p.get("src") or ("0.0.0.0" if fam == socket.AF_INET else "::"), p["sport"]))
            s.setblocking(False)
            if p["proto"] == "tcp":
                s.connect_ex((p["dst"], p["dport"]))
            else:
                s.sendto(b"dwp" + str(p["id"]).encode(), (p["dst"], p["dport"]))
        except OSError as e:
            errors[str(p["id"])] = "%s (errno %s)" % (e.strerror, e.errno)
        sockets.append(s)
    return sockets, errors


def main():
    socks = open_raw()
    threading.Thread(target=observe, args=(socks,), daemon=True).start()
    batches = {}
    listeners = None
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        msg = json.loads(line)
        cmd = msg.get("cmd")
        if cmd == "ping":
            emit({"ev": "pong"})
        elif cmd == "probe":
            sockets, errors = send_batch(msg["probes"])
            batches[msg["batch"]] = sockets
            emit({"ev": "sent", "batch": msg["batch"], "errors": errors})
        elif cmd == "close":
            for s in batches.pop(msg["batch"], []):
                try:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, LINGER_RST)
                except OSError:
                    pass
                s.close()
        elif cmd == "listen":
            if listeners is None:
                listeners = Listeners()
            emit({"ev": "listening", "errors": listeners.add(msg["ports"])})
        else:
            emit({"ev": "error", "message": "unknown command %r" % cmd})


if __name__ == "__main__":
    main()
