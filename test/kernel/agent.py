"""Probe agent for Dockwall's kernel tests; runs inside one network namespace.

Observes: raw IPv4/IPv6 sockets for TCP and UDP receive a copy of every packet the namespace
delivers locally, after the INPUT hook, with the addresses and ports as they are at arrival (after
any NAT). A TCP SYN (without ACK) or a UDP datagram whose payload starts with b"dwp" is reported as
one JSON line: {"ev": "seen", "fam", "proto", "src", "sport", "dst", "dport", "ifindex"}.

Sends: commands arrive as JSON lines on stdin.
  {"cmd": "probe", "batch": N, "probes": [{"id", "fam", "proto", "src", "sport", "dst", "dport"}]}
      opens one socket per probe, binds it to (src or any, sport) and sends a SYN (non-blocking
      connect) or one UDP datagram; answers {"ev": "sent", "batch": N, "errors": {id: message}}.
  {"cmd": "close", "batch": N}  closes that batch's sockets.
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
    if proto == socket.IPPROTO_TCP:
        if len(l4) < 14:
            return
        flags = l4[13]
        if not (flags & 0x02) or (flags & 0x10):  # SYN without ACK only
            return
        name = "tcp"
    else:
        if l4[8:11] != b"dwp":
            return
        name = "udp"
    emit({"ev": "seen", "fam": 4 if fam == socket.AF_INET else 6, "proto": name, "src": src,
          "sport": sport, "dst": dst, "dport": dport, "ifindex": ifindex})


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
                s.close()
        else:
            emit({"ev": "error", "message": "unknown command %r" % cmd})


if __name__ == "__main__":
    main()
