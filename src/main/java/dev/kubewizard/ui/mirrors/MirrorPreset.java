package dev.kubewizard.ui.mirrors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ready-made mirror sets. Every field stays editable after applying one, and "test from this computer" checks them:
 * mirrors come and go (most public Docker Hub mirrors of the course died in 2024), so a preset is a start, not a
 * promise. Registry mirrors default to DaoCloud's, which still served the images kubeadm and Calico need.
 */
public enum MirrorPreset {
    ALIYUN("https://mirrors.aliyun.com/ubuntu", "https://mirrors.aliyun.com/docker-ce/linux/ubuntu",
            "https://mirrors.aliyun.com/kubernetes-new/core/stable", Registries.ALIYUN_IMAGES, Registries.DAOCLOUD,
            List.of("ntp.aliyun.com", "ntp1.aliyun.com", "ntp2.aliyun.com")),
    TSINGHUA("https://mirrors.tuna.tsinghua.edu.cn/ubuntu",
            "https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/ubuntu",
            "https://mirrors.tuna.tsinghua.edu.cn/kubernetes/core:/stable:", Registries.ALIYUN_IMAGES,
            Registries.DAOCLOUD, List.of("ntp.tuna.tsinghua.edu.cn", "ntp.ntsc.ac.cn", "cn.pool.ntp.org")),
    USTC("https://mirrors.ustc.edu.cn/ubuntu", "https://mirrors.ustc.edu.cn/docker-ce/linux/ubuntu",
            "https://mirrors.ustc.edu.cn/kubernetes/core:/stable:", Registries.ALIYUN_IMAGES, Registries.DAOCLOUD,
            List.of("ntp.ntsc.ac.cn", "cn.pool.ntp.org")),
    HUAWEI("https://repo.huaweicloud.com/ubuntu", "https://repo.huaweicloud.com/docker-ce/linux/ubuntu",
            "https://repo.huaweicloud.com/kubernetes/core:/stable:", Registries.ALIYUN_IMAGES, Registries.DAOCLOUD,
            List.of("ntp.myhuaweicloud.com", "ntp.ntsc.ac.cn", "cn.pool.ntp.org")),
    OFFICIAL("http://archive.ubuntu.com/ubuntu", "https://download.docker.com/linux/ubuntu",
            "https://pkgs.k8s.io/core:/stable:", "registry.k8s.io", Map.of(),
            List.of("ntp.ubuntu.com", "pool.ntp.org"));

    private final String ubuntu;
    private final String dockerCe;
    private final String kubernetes;
    private final String imageRepository;
    private final Map<String, List<String>> registryMirrors;
    private final List<String> ntp;

    MirrorPreset(String ubuntu, String dockerCe, String kubernetes, String imageRepository,
                 Map<String, List<String>> registryMirrors, List<String> ntp) {
        this.ubuntu = ubuntu;
        this.dockerCe = dockerCe;
        this.kubernetes = kubernetes;
        this.imageRepository = imageRepository;
        this.registryMirrors = registryMirrors;
        this.ntp = ntp;
    }

    /** The key of the preset's name in the ui bundle. */
    public String labelKey() {
        return "ui.mirrors.preset." + name().toLowerCase(java.util.Locale.ROOT);
    }

    public String ubuntu() {
        return ubuntu;
    }

    public String dockerCe() {
        return dockerCe;
    }

    public String kubernetes() {
        return kubernetes;
    }

    public String imageRepository() {
        return imageRepository;
    }

    /** Upstream registry to its mirrors, in the order containerd tries them. */
    public Map<String, List<String>> registryMirrors() {
        return registryMirrors;
    }

    public List<String> ntp() {
        return ntp;
    }

    private static final class Registries {
        static final String ALIYUN_IMAGES = "registry.aliyuncs.com/google_containers";
        static final Map<String, List<String>> DAOCLOUD = daocloud();

        private static Map<String, List<String>> daocloud() {
            Map<String, List<String>> m = new LinkedHashMap<>();
            m.put("docker.io", List.of("https://docker.m.daocloud.io"));
            m.put("quay.io", List.of("https://quay.m.daocloud.io"));
            return m;
        }
    }
}
