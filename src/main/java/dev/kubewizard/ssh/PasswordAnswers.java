package dev.kubewizard.ssh;

import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;

/**
 * Answers JSch's login questions with the password: the "password" method and the keyboard-interactive method that
 * Ubuntu's sshd offers through PAM. Nothing else is ever confirmed (host keys are decided by {@link TrustOnFirstUse}).
 */
final class PasswordAnswers implements UserInfo, UIKeyboardInteractive {
    private final String password;
    private int keyboardRounds;

    PasswordAnswers(String password) {
        this.password = password;
    }

    @Override
    public String getPassphrase() {
        return null;
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public boolean promptPassword(String message) {
        // JSch sends the session's password first and asks here only after the server refused it. Sending the same
        // wrong password again only uses up sshd's MaxAuthTries (OpenSSH then disconnects with "Too many
        // authentication failures") and counts towards lockouts (fail2ban, faillock): one attempt, as for
        // keyboard-interactive below.
        return false;
    }

    @Override
    public boolean promptPassphrase(String message) {
        return false;
    }

    @Override
    public boolean promptYesNo(String message) {
        return false;
    }

    @Override
    public void showMessage(String message) {
        // JSch's own English warnings; our exceptions carry the bilingual message
    }

    @Override
    public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt,
                                              boolean[] echo) {
        // one round only: asking again means the password was wrong, and repeating it would just lock the account
        if (prompt.length == 0) {
            return new String[0];
        }
        if (password == null || keyboardRounds++ > 0) {
            return null;
        }
        String[] answers = new String[prompt.length];
        java.util.Arrays.fill(answers, password);
        return answers;
    }
}
