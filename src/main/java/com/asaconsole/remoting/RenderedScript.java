package com.asaconsole.remoting;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A script exactly as a Client Access server will run it, for reviewers and the change document.
 *
 * @param text the PowerShell text: the per-version envelope around the operation's body, no values in it
 * @param arguments what travels on standard input, by name; the password is shown as a placeholder
 */
public record RenderedScript(String operation, ExchangeVersion version, String text, Map<String, String> arguments) {

    public static final String SECRET_PLACEHOLDER = "(secret: sent on standard input, never shown)";

    public RenderedScript {
        arguments = Map.copyOf(arguments);
    }

    /** The command line WinRS starts: {@code -EncodedCommand} is base64 of UTF-16LE, as powershell.exe expects. */
    public String commandArguments() {
        return "-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand "
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_16LE));
    }
}
