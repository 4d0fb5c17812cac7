package dev.kubewizard.sim;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The files a freshly installed Ubuntu 24.04 server has where the install touches them, written here by hand, and the
 * ones its packages bring along. A simulated node starts from these.
 */
final class UbuntuImage {
    /** Files that exist before kubewizard writes them, so a step keeps the original under /var/backups/kubewizard. */
    static final Set<String> ORIGINALS = Set.of("/etc/hosts", "/etc/fstab", "/etc/apt/sources.list",
            "/etc/apt/sources.list.d/ubuntu.sources", "/etc/chrony/chrony.conf", "/etc/containerd/config.toml",
            "/etc/nginx/nginx.conf");

    static final String OS_RELEASE = """
            PRETTY_NAME="Ubuntu 24.04.1 LTS"
            NAME="Ubuntu"
            VERSION_ID="24.04"
            VERSION="24.04.1 LTS (Noble Numbat)"
            VERSION_CODENAME=noble
            ID=ubuntu
            ID_LIKE=debian
            HOME_URL="https://www.ubuntu.com/"
            SUPPORT_URL="https://help.ubuntu.com/"
            BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
            PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
            UBUNTU_CODENAME=noble
            LOGO=ubuntu-logo
            """;

    private UbuntuImage() {
    }

    /** A node as the classroom VM image leaves it: named by its installer, swap on, archive.ubuntu.com sources. */
    static void seed(VirtualFiles files, String hostname) {
        put(files, "/etc/os-release", OS_RELEASE);
        put(files, "/etc/hostname", hostname + "\n");
        put(files, "/etc/hosts", """
                127.0.0.1 localhost
                127.0.1.1 %s

                # The following lines are desirable for IPv6 capable hosts
                ::1     ip6-localhost ip6-loopback
                fe00::0 ip6-localnet
                ff00::0 ip6-mcastprefix
                ff02::1 ip6-allnodes
                ff02::2 ip6-allrouters
                """.formatted(hostname));
        put(files, "/etc/fstab", """
                # /etc/fstab: static file system information.
                #
                # <file system> <mount point>   <type>  <options>       <dump>  <pass>
                # / was on /dev/ubuntu-vg/ubuntu-lv during curtin installation
                /dev/disk/by-id/dm-uuid-LVM-kw0sim0root0volume0000000000000000000000 / ext4 defaults 0 1
                # /boot was on /dev/sda2 during curtin installation
                /dev/disk/by-uuid/0c6b2f1e-5b7a-4d3e-9b1f-2a4c6e8d0f13 /boot ext4 defaults 0 1
                /swap.img	none	swap	sw	0	0
                """);
        put(files, "/etc/apt/sources.list",
                "# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources\n");
        put(files, "/etc/apt/sources.list.d/ubuntu.sources", """
                Types: deb
                URIs: http://archive.ubuntu.com/ubuntu/
                Suites: noble noble-updates noble-backports
                Components: main restricted universe multiverse
                Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

                Types: deb
                URIs: http://security.ubuntu.com/ubuntu/
                Suites: noble-security
                Components: main restricted universe multiverse
                Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
                """);
    }

    /** What installing a package leaves in /etc before kubewizard configures it. */
    static void installPackageFiles(VirtualFiles files, String stepId) {
        switch (stepId) {
            case "base-packages" -> put(files, "/etc/chrony/chrony.conf", """
                    # Welcome to the chrony configuration file. See chrony.conf(5) for more
                    # information about usable directives.

                    # Include configuration files found in /etc/chrony/conf.d.
                    confdir /etc/chrony/conf.d

                    # Use Ubuntu's ntp server as a time source.
                    pool ntp.ubuntu.com        iburst maxsources 4
                    pool 0.ubuntu.pool.ntp.org iburst maxsources 1
                    pool 1.ubuntu.pool.ntp.org iburst maxsources 1
                    pool 2.ubuntu.pool.ntp.org iburst maxsources 2

                    # Use time sources from DHCP.
                    sourcedir /run/chrony-dhcp

                    # Use NTP sources found in /etc/chrony/sources.d.
                    sourcedir /etc/chrony/sources.d

                    keyfile /etc/chrony/chrony.keys
                    driftfile /var/lib/chrony/chrony.drift
                    ntsdumpdir /var/lib/chrony
                    logdir /var/log/chrony
                    maxupdateskew 100.0
                    rtcsync
                    makestep 1 3
                    leapsectz right/UTC
                    """);
            case "containerd" -> put(files, "/etc/containerd/config.toml", """
                    #   Copyright 2018-2022 Docker Inc.

                    #   Licensed under the Apache License, Version 2.0 (the "License");
                    #   you may not use this file except in compliance with the License.

                    disabled_plugins = ["cri"]

                    #root = "/var/lib/containerd"
                    #state = "/run/containerd"
                    """);
            case "lb-nginx" -> put(files, "/etc/nginx/nginx.conf", """
                    user www-data;
                    worker_processes auto;
                    pid /run/nginx.pid;
                    error_log /var/log/nginx/error.log;
                    include /etc/nginx/modules-enabled/*.conf;

                    events {
                    	worker_connections 768;
                    }

                    http {
                    	sendfile on;
                    	tcp_nopush on;
                    	types_hash_max_size 2048;
                    	include /etc/nginx/mime.types;
                    	default_type application/octet-stream;
                    	access_log /var/log/nginx/access.log;
                    	gzip on;
                    	include /etc/nginx/conf.d/*.conf;
                    	include /etc/nginx/sites-enabled/*;
                    }
                    """);
            default -> {
                // nothing of interest
            }
        }
    }

    private static void put(VirtualFiles files, String path, String content) {
        if (!files.exists(path)) {
            files.install(path, content.getBytes(StandardCharsets.UTF_8), VirtualFiles.ROOT_USER, 0644);
        }
    }
}
