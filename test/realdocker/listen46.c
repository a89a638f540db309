/* listen46 — the suite's responder inside containers (bind-mounted into the harness's dwbox image).
 * usage: listen46 SPEC...   SPEC = PORT/tcp | PORT/udp | LO-HI/proto
 * Like the harness's dwlisten, but every socket is dual-stack (AF_INET6, IPV6_V6ONLY off), so a probe
 * over IPv6 (Docker's v6 DNAT, a host-network service) is answered too. Each TCP connection and each
 * UDP datagram gets "ok NAME PORT/PROTO\n" (NAME = $DWNAME). */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char name[256];

static void serve(int port, int udp) {
    int s = socket(AF_INET6, udp ? SOCK_DGRAM : SOCK_STREAM, 0), one = 1, zero = 0;
    struct sockaddr_in6 a;
    char msg[400], buf[2048];
    if (s < 0) { perror("socket"); exit(1); }
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6; a.sin6_port = htons(port); a.sin6_addr = in6addr_any;
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0) { fprintf(stderr, "listen46: bind %d/%s: ", port, udp ? "udp" : "tcp"); perror(""); exit(1); }
    snprintf(msg, sizeof msg, "ok %s %d/%s\n", name, port, udp ? "udp" : "tcp");
    fprintf(stderr, "listen46: %s listening on %d/%s\n", name, port, udp ? "udp" : "tcp");
    if (udp) {
        for (;;) {
            struct sockaddr_storage p; socklen_t pl = sizeof p;
            if (recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&p, &pl) < 0) continue;
            sendto(s, msg, strlen(msg), 0, (struct sockaddr *)&p, pl);
        }
    }
    if (listen(s, 64) < 0) { perror("listen"); exit(1); }
    for (;;) {
        int c = accept(s, NULL, NULL);
        if (c < 0) continue;
        (void)!write(c, msg, strlen(msg));
        close(c);
    }
}

static void stop(int sig) { (void)sig; kill(0, SIGTERM); _exit(0); }

int main(int argc, char **argv) {
    const char *n = getenv("DWNAME");
    snprintf(name, sizeof name, "%s", n && *n ? n : "?");
    signal(SIGCHLD, SIG_IGN);
    int children = 0;
    for (int i = 1; i < argc; i++) {
        int udp = strstr(argv[i], "/udp") != NULL, lo = atoi(argv[i]), hi = lo;
        char *dash = strchr(argv[i], '-');
        if (dash) hi = atoi(dash + 1);
        if (lo <= 0 || hi < lo || hi > 65535) { fprintf(stderr, "listen46: bad spec %s\n", argv[i]); continue; }
        for (int p = lo; p <= hi; p++) {
            pid_t pid = fork();
            if (pid == 0) { signal(SIGTERM, SIG_DFL); serve(p, udp); }
            if (pid > 0) children++;
        }
    }
    if (!children) fprintf(stderr, "listen46: no ports\n");
    signal(SIGTERM, stop); signal(SIGINT, stop);
    for (;;) pause();
}
