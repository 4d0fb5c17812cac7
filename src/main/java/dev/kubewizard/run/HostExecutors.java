package dev.kubewizard.run;

import dev.kubewizard.plan.PlanHost;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The executor of each machine, made on first use (connecting may take a while) and closed with the run. */
final class HostExecutors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostExecutors.class);
    private final Map<String, Holder> holders = new LinkedHashMap<>();

    HostExecutors(Iterable<PlanHost> hosts, Function<PlanHost, StepExecutor> factory) {
        for (PlanHost h : hosts) {
            holders.put(h.hostname(), new Holder(h, factory));
        }
    }

    StepExecutor get(String host) {
        Holder h = holders.get(host);
        if (h == null) {
            throw new IllegalArgumentException("no executor for " + host);
        }
        return h.get();
    }

    @Override
    public void close() {
        holders.values().forEach(Holder::close);
    }

    private static final class Holder {
        private final PlanHost host;
        private final Function<PlanHost, StepExecutor> factory;
        private StepExecutor executor;

        Holder(PlanHost host, Function<PlanHost, StepExecutor> factory) {
            this.host = host;
            this.factory = factory;
        }

        synchronized StepExecutor get() {
            if (executor == null) {
                executor = factory.apply(host);
                if (executor == null) {
                    throw new IllegalStateException("no executor for " + host.hostname());
                }
            }
            return executor;
        }

        synchronized void close() {
            if (executor != null) {
                try {
                    executor.close();
                } catch (Exception e) {
                    LOG.warn("cannot close the executor of {}", host.hostname(), e);
                }
                executor = null;
            }
        }
    }
}
