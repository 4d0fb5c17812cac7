#!/usr/bin/perl
# e2e stand-in for a master's kube-apiserver: listens on port 6443 of every address of its host and answers each
# request line ("GET /readyz") with "ok". kubectl, kubeadm join and the real nginx load balancer in front of the
# masters meet a real TCP server, on the real network path. Started as a program named kube-apiserver (a link to
# perl), so that ss shows that name, as it shows the real static pod's.
use strict;
use warnings;
use IO::Select;
use IO::Socket::INET;

my ($pidfile) = @ARGV;
my $server = IO::Socket::INET->new(LocalAddr => '0.0.0.0', LocalPort => 6443, Listen => 64, ReuseAddr => 1,
    Proto => 'tcp') or die "kube-apiserver: cannot listen on 6443: $!\n";
if ($pidfile) {
    open(my $f, '>', $pidfile) or die "kube-apiserver: $pidfile: $!\n";
    print $f "$$\n";
    close($f);
}
$SIG{PIPE} = 'IGNORE';
while (1) {
    my $client = $server->accept or next;
    $client->autoflush(1);
    # a client that connects and says nothing (a port probe) must not hold up the others
    if (IO::Select->new($client)->can_read(2)) {
        my $line = <$client>;
        print $client "ok\n" if defined $line;
    }
    close($client);
}
