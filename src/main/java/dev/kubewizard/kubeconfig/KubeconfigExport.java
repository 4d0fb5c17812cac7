package dev.kubewizard.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.text.Messages;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Turns a node's {@code /etc/kubernetes/admin.conf} into the kubeconfig for the teacher's laptop: server
 * {@code https://VIP:PORT}, entries named after the cluster, the certificate data kept byte for byte. Pure: text in,
 * text out.
 */
public final class KubeconfigExport {
    /** The user of kubeadm's super-admin.conf (kubeadm 1.29+), whose certificate is in system:masters. */
    public static final String SUPER_ADMIN_USER = "kubernetes-super-admin";
    static final String SOURCE = "admin.conf";

    private static final String SYSTEM_MASTERS = "system:masters";
    // Fields naming files on the node: they do not exist on the laptop.
    private static final List<String> CLUSTER_FILE_FIELDS = List.of("certificate-authority");
    private static final List<String> USER_FILE_FIELDS = List.of("client-certificate", "client-key", "tokenFile");

    private KubeconfigExport() {
    }

    /** The laptop kubeconfig as YAML text. */
    public static String fromAdminConf(String adminConfYaml, ClusterPlan plan) throws KubeconfigException {
        return export(adminConfYaml, plan, SOURCE).yaml();
    }

    /** The laptop kubeconfig with what it is made of; {@code source} names admin.conf in messages (a file name). */
    public static ExportedKubeconfig export(String adminConfYaml, ClusterPlan plan, String source)
            throws KubeconfigException {
        ClusterAccess access = ClusterAccess.fromPlan(plan);
        String text = KubeconfigText.normalize(adminConfYaml);
        if (text.isBlank()) {
            throw new KubeconfigException(Messages.text("kubeconfig.read.empty", source));
        }
        ObjectNode admin = KubeconfigYaml.read(text, source);
        if (!admin.has("kind") && !admin.has("clusters") && !admin.has("users")) {
            throw new KubeconfigException(Messages.text("kubeconfig.read.noKubeconfigFields", source));
        }
        ArrayNode clusters = KubeconfigYaml.list(admin, "clusters", source);
        ArrayNode users = KubeconfigYaml.list(admin, "users", source);
        ArrayNode contexts = KubeconfigYaml.list(admin, "contexts", source);
        refuseSuperAdmin(users, contexts, source);
        if (clusters.isEmpty()) {
            throw new KubeconfigException(Messages.text("kubeconfig.admin.noClusters", source));
        }
        if (users.isEmpty()) {
            throw new KubeconfigException(Messages.text("kubeconfig.admin.noUsers", source));
        }

        Choice chosen = choose(admin, clusters, users, contexts, source);
        JsonNode clusterEntry = named(clusters, chosen.cluster());
        JsonNode userEntry = named(users, chosen.user());
        if (clusterEntry == null) {
            throw new KubeconfigException(Messages.text("kubeconfig.admin.clusterNotFound", source,
                    chosen.context(), String.valueOf(chosen.cluster())));
        }
        if (userEntry == null) {
            throw new KubeconfigException(Messages.text("kubeconfig.admin.userNotFound", source,
                    chosen.context(), String.valueOf(chosen.user())));
        }
        String userName = KubeconfigYaml.nameOf(userEntry);
        if (userName != null && userName.startsWith("system:")) {
            throw new KubeconfigException(Messages.text("kubeconfig.admin.componentConf", source, userName));
        }

        ObjectNode cluster = body(clusterEntry, "cluster", source);
        ObjectNode user = body(userEntry, "user", source);
        String clusterLabel = KubeconfigYaml.nameOf(clusterEntry);
        refuseFileReferences(cluster, CLUSTER_FILE_FIELDS, "cluster", clusterLabel, source);
        refuseFileReferences(user, USER_FILE_FIELDS, "user", userName, source);
        require(cluster, "certificate-authority-data", "cluster", clusterLabel, source);
        require(user, "client-certificate-data", "user", userName, source);
        require(user, "client-key-data", "user", userName, source);
        refuseSystemMastersCertificate(user.get("client-certificate-data").asText(), userName, source);

        String adminServer = KubeconfigYaml.text(cluster, "server");
        cluster.put("server", access.server());
        return new ExportedKubeconfig(access, adminServer == null ? "" : adminServer,
                KubeconfigYaml.write(laptopConfig(access, cluster, user)));
    }

    /** The laptop kubeconfig in the key order kubectl itself writes. */
    private static ObjectNode laptopConfig(ClusterAccess access, ObjectNode cluster, ObjectNode user) {
        ObjectNode config = KubeconfigYaml.NODES.objectNode();
        config.put("apiVersion", "v1");
        ObjectNode clusterEntry = config.putArray("clusters").addObject();
        clusterEntry.set("cluster", cluster);
        clusterEntry.put("name", access.clusterName());
        ObjectNode contextEntry = config.putArray("contexts").addObject();
        ObjectNode context = contextEntry.putObject("context");
        context.put("cluster", access.clusterName());
        context.put("user", access.userName());
        contextEntry.put("name", access.contextName());
        config.put("current-context", access.contextName());
        config.put("kind", "Config");
        config.putObject("preferences");
        ObjectNode userEntry = config.putArray("users").addObject();
        userEntry.put("name", access.userName());
        userEntry.set("user", user);
        return config;
    }

    /** The names of the cluster and user to export, and of the context that chose them ("-" when none did). */
    private record Choice(String cluster, String user, String context) {
    }

    /** The current context's cluster and user, else the only ones there are. */
    private static Choice choose(ObjectNode admin, ArrayNode clusters, ArrayNode users, ArrayNode contexts,
                                 String source) throws KubeconfigException {
        String current = KubeconfigYaml.text(admin, "current-context");
        JsonNode context = null;
        if (current != null) {
            context = named(contexts, current);
            if (context == null) {
                throw new KubeconfigException(Messages.text("kubeconfig.admin.contextNotFound", source, current));
            }
        } else if (contexts.size() == 1) {
            context = contexts.get(0);
        }
        if (context != null) {
            JsonNode body = context.get("context");
            String contextName = String.valueOf(KubeconfigYaml.nameOf(context));
            return new Choice(KubeconfigYaml.text(body, "cluster"), KubeconfigYaml.text(body, "user"), contextName);
        }
        if (clusters.size() == 1 && users.size() == 1) {
            return new Choice(KubeconfigYaml.nameOf(clusters.get(0)), KubeconfigYaml.nameOf(users.get(0)), "-");
        }
        throw new KubeconfigException(Messages.text("kubeconfig.admin.ambiguous", source));
    }

    private static JsonNode named(ArrayNode entries, String name) {
        if (name == null) {
            return null;
        }
        for (JsonNode entry : entries) {
            if (name.equals(KubeconfigYaml.nameOf(entry))) {
                return entry;
            }
        }
        return null;
    }

    /** A deep copy of an entry's inner mapping ({@code cluster:} or {@code user:}). */
    private static ObjectNode body(JsonNode entry, String field, String source) throws KubeconfigException {
        JsonNode body = entry.get(field);
        if (body == null || !body.isObject()) {
            throw new KubeconfigException(Messages.text("kubeconfig.admin.missingField", source, field,
                    String.valueOf(KubeconfigYaml.nameOf(entry)), field));
        }
        return ((ObjectNode) body).deepCopy();
    }

    private static void require(ObjectNode body, String field, String list, String name, String source)
            throws KubeconfigException {
        if (KubeconfigYaml.text(body, field) == null) {
            throw new KubeconfigException(
                    Messages.text("kubeconfig.admin.missingField", source, list, String.valueOf(name), field));
        }
    }

    private static void refuseFileReferences(ObjectNode body, List<String> fields, String list, String name,
                                             String source) throws KubeconfigException {
        for (String field : fields) {
            String path = KubeconfigYaml.text(body, field);
            if (path != null) {
                throw new KubeconfigException(Messages.text("kubeconfig.admin.fileReference", source, list,
                        String.valueOf(name), field, path));
            }
        }
    }

    /** super-admin.conf by its names: kubeadm calls the user kubernetes-super-admin. */
    private static void refuseSuperAdmin(ArrayNode users, ArrayNode contexts, String source)
            throws KubeconfigException {
        List<String> names = new ArrayList<>();
        for (JsonNode user : users) {
            names.add(KubeconfigYaml.nameOf(user));
        }
        for (JsonNode context : contexts) {
            names.add(KubeconfigYaml.text(context.get("context"), "user"));
        }
        if (names.contains(SUPER_ADMIN_USER)) {
            throw new KubeconfigException(Messages.text("kubeconfig.admin.superAdmin", source, SUPER_ADMIN_USER));
        }
    }

    /**
     * super-admin.conf by its certificate, even when renamed: a client certificate in the system:masters group
     * bypasses RBAC and cannot be revoked. kubeadm 1.29+ issues admin.conf in kubeadm:cluster-admins instead. Data
     * that is not a readable certificate is left to the API server to judge.
     */
    private static void refuseSystemMastersCertificate(String certificateData, String userName, String source)
            throws KubeconfigException {
        X509Certificate certificate;
        try {
            byte[] pem = Base64.getMimeDecoder().decode(certificateData);
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            return;
        }
        String subject = certificate.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                String value = String.valueOf(rdn.getValue());
                if (("O".equalsIgnoreCase(rdn.getType()) && SYSTEM_MASTERS.equals(value))
                        || ("CN".equalsIgnoreCase(rdn.getType()) && SUPER_ADMIN_USER.equals(value))) {
                    throw new KubeconfigException(Messages.text("kubeconfig.admin.superAdminCertificate", source,
                            String.valueOf(userName), subject));
                }
            }
        } catch (InvalidNameException e) {
            // an unreadable subject is no evidence of system:masters
        }
    }
}
