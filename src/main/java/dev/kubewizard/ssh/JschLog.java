package dev.kubewizard.ssh;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JSch's log, sent to SLF4J one level quieter than JSch rates it (its INFO is a play-by-play of every handshake). */
final class JschLog implements com.jcraft.jsch.Logger {
    static final JschLog INSTANCE = new JschLog();
    private static final Logger LOG = LoggerFactory.getLogger("dev.kubewizard.ssh.jsch");

    @Override
    public boolean isEnabled(int level) {
        return switch (level) {
            case DEBUG, INFO -> LOG.isTraceEnabled();
            case WARN -> LOG.isDebugEnabled();
            default -> LOG.isWarnEnabled();
        };
    }

    @Override
    public void log(int level, String message) {
        switch (level) {
            case DEBUG, INFO -> LOG.trace(message);
            case WARN -> LOG.debug(message);
            default -> LOG.warn(message);
        }
    }
}
